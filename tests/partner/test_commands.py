"""Operations commands: create_geschaeftsstelle (first office account) and expire_applications."""

from __future__ import annotations

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.utils import timezone

from common.roles import OFFICE_GROUP
from partner.models import Decision, User

pytestmark = pytest.mark.django_db

STRONG = "Geschaeftsstelle-Essen-2026"
PASSWORD_ENV = "DJANGO_GESCHAEFTSSTELLE_PASSWORD"


def create_geschaeftsstelle(**overrides) -> tuple[str, str]:
    options = {
        "email": "Gisela.Ordnung@essen.de",
        "first_name": "Gisela",
        "last_name": "Ordnung",
        "partner": "stadt-essen",
    } | overrides
    args = [f"--{key.replace('_', '-')}={value}" for key, value in options.items()]
    out, err = StringIO(), StringIO()
    call_command("create_geschaeftsstelle", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def env_password(monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, STRONG)


@pytest.fixture
def typed(monkeypatch):
    """Stand-in for the terminal: `typed(first, second)` answers the two password prompts."""

    def answer(*passwords: str) -> None:
        monkeypatch.delenv(PASSWORD_ENV, raising=False)
        replies = iter(passwords)
        monkeypatch.setattr("getpass.getpass", lambda prompt="": next(replies))

    return answer


def test_it_creates_an_admitted_office_account(essen, env_password):
    out, err = create_geschaeftsstelle(unit="Ordnungsamt", function="Koordination")
    user = User.objects.get(email="gisela.ordnung@essen.de")
    assert user.status == User.Status.ADMITTED and user.is_active
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=OFFICE_GROUP).exists()
    assert user.is_geschaeftsstelle
    assert user.check_password(STRONG)
    assert (user.partner, user.unit, user.function) == (essen, "Ordnungsamt", "Koordination")
    assert EmailAddress.objects.filter(user=user, email=user.email, primary=True, verified=True).exists()
    assert "Zwei-Faktor-Authentifizierung" in out
    assert err == ""


def test_it_records_the_admission_in_the_decision_history(essen, env_password):
    create_geschaeftsstelle()
    decision = Decision.objects.get(user__email="gisela.ordnung@essen.de")
    assert decision.action == Decision.Action.ADMITTED
    assert decision.decided_by is None
    assert "create_geschaeftsstelle" in decision.decided_by_name


def test_it_asks_for_the_password_twice(essen, typed):
    typed(STRONG, STRONG)
    create_geschaeftsstelle()
    assert User.objects.get(email="gisela.ordnung@essen.de").check_password(STRONG)


def test_it_refuses_an_unknown_partner(essen, env_password):
    with pytest.raises(CommandError, match="Keine Behörde mit dem Kürzel „gibt-es-nicht“.*stadt-essen"):
        create_geschaeftsstelle(partner="gibt-es-nicht")
    assert not User.objects.exists()


def test_it_refuses_an_address_that_already_has_an_account(member, env_password):
    with pytest.raises(CommandError, match="bereits ein Konto"):
        create_geschaeftsstelle(email=member.email.upper())
    assert User.objects.count() == 1


def test_it_refuses_an_invalid_address(essen, env_password):
    with pytest.raises(CommandError, match="keine gültige E-Mail-Adresse"):
        create_geschaeftsstelle(email="gisela.essen.de")


def test_it_refuses_passwords_that_differ(essen, typed):
    typed(STRONG, STRONG + "x")
    with pytest.raises(CommandError, match="stimmen nicht überein"):
        create_geschaeftsstelle()
    assert not User.objects.exists()


def test_it_refuses_a_weak_password(essen, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, "kurz")
    with pytest.raises(CommandError, match="nicht sicher genug"):
        create_geschaeftsstelle()
    assert not User.objects.exists()


def test_it_refuses_a_password_that_resembles_the_name(essen, typed):
    typed("gisela.ordnung", "gisela.ordnung")
    with pytest.raises(CommandError, match="nicht sicher genug"):
        create_geschaeftsstelle()
    assert not User.objects.exists()


def test_it_stops_cleanly_when_input_ends(essen, monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)

    def no_input(prompt=""):
        raise EOFError

    monkeypatch.setattr("getpass.getpass", no_input)
    with pytest.raises(CommandError, match="Abgebrochen"):
        create_geschaeftsstelle()
    assert not User.objects.exists()


def test_it_warns_when_the_domain_belongs_to_another_authority(essen, polizei, env_password):
    _, err = create_geschaeftsstelle(email="gisela.ordnung@polizei.nrw.de")
    assert "nicht zugeordnet" in err
    assert User.objects.filter(email="gisela.ordnung@polizei.nrw.de").exists()


# --- expire_applications -----------------------------------------------------------


def test_it_deletes_only_unconfirmed_applications_past_the_deadline(make_user, settings):
    settings.SIKO_APPLICATION_EXPIRY_DAYS = 7
    long_ago = timezone.now() - timezone.timedelta(days=8)
    # Only the first is both unconfirmed and older than the deadline.
    expired = make_user("alt.unbestaetigt@essen.de", User.Status.APPLIED, verified=False)
    fresh = make_user("neu.unbestaetigt@essen.de", User.Status.APPLIED, verified=False)
    waiting = make_user("alt.wartend@essen.de", User.Status.VERIFIED)
    admitted = make_user("alt.zugelassen@essen.de", User.Status.ADMITTED)
    User.objects.filter(pk__in=[expired.pk, waiting.pk, admitted.pk]).update(date_joined=long_ago)

    out = StringIO()
    call_command("expire_applications", stdout=out)

    assert out.getvalue().startswith("1 unbestätigte Registrierung(en)")
    assert set(User.objects.values_list("pk", flat=True)) == {fresh.pk, waiting.pk, admitted.pk}
    assert not EmailAddress.objects.filter(email=expired.email).exists()


def test_it_reports_zero_when_nothing_expired(applicant, member):
    out = StringIO()
    call_command("expire_applications", stdout=out)
    assert out.getvalue().startswith("0 unbestätigte")
    assert User.objects.count() == 2
