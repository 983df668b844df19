"""manage.py load_demo and demo_totp: the real partner list, the rubrics and one account per role."""

from __future__ import annotations

import datetime
import re
import time
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, validate_totp_code
from allauth.mfa.utils import decrypt
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from common.roles import OFFICE_GROUP
from demo import data as demo_data
from demo import newsletter_ausgaben as demo_newsletter
from dokumente.models import StoredFile
from facharbeitskreise.models import (
    Arbeitskreis,
    ArbeitskreisDocument,
    ArbeitskreisDocumentVersion,
    ArbeitskreisEvent,
    ArbeitskreisUserObjectPermission,
    Attendance,
    Meeting,
    Post,
    Thread,
)
from fachgebiete.models import (
    Article,
    Document,
    DocumentVersion,
    Fachgebiet,
    FachgebietVisit,
    GlossaryTerm,
    Rechtstatsache,
)
from newsletter.models import Issue, Subscriber
from partner.models import AuditEvent, Partner, PartnerDomain, PartnerKind, User
from sikoportal.models import Visit
from suche.models import SearchEntry

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(loaded_demo, settings) -> str:
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(loaded_demo.media)
    return loaded_demo.output


def snapshot() -> dict[str, list[dict]]:
    """Every row of every model load_demo touches, password hashes and MFA secrets included
    (search entries without the time they were indexed: the index is rebuilt on every run)."""
    content = (Article, Document, DocumentVersion, Rechtstatsache, StoredFile, GlossaryTerm, FachgebietVisit)
    arbeitskreise = (
        ArbeitskreisDocument,
        ArbeitskreisDocumentVersion,
        Meeting,
        Attendance,
        Thread,
        Post,
        ArbeitskreisEvent,
        Visit,
    )
    querysets = {
        **{model._meta.label: model.objects.all() for model in content + arbeitskreise},
        "search": SearchEntry.objects.defer("indexed_at"),
        "audit": AuditEvent.objects.all(),
        "arbeitskreis_permissions": ArbeitskreisUserObjectPermission.objects.all(),
        "partner": Partner.objects.all(),
        "domain": PartnerDomain.objects.all(),
        "fachgebiet": Fachgebiet.objects.all(),
        "arbeitskreis": Arbeitskreis.objects.all(),
        "user": User.objects.all(),
        "user_groups": User.groups.through.objects.all(),
        "group": Group.objects.all(),
        "email": EmailAddress.objects.all(),
        "authenticator": Authenticator.objects.all(),
        "issue": Issue.objects.all(),
        "subscriber": Subscriber.objects.all(),
    }
    rows = {name: list(qs.order_by("pk").values()) for name, qs in querysets.items()}
    for row in rows["search"]:
        row.pop("indexed_at")
    return rows


def test_it_loads_the_22_kooperationspartner(demo):
    partners = Partner.objects.filter(kind=PartnerKind.KOOPERATIONSPARTNER)
    assert partners.count() == 22
    assert {"Stadt Essen", "Stadt Hagen", "Kreis Wesel", "Generalzolldirektion"} <= set(
        partners.values_list("name", flat=True)
    )


def test_only_founders_and_hagen_have_a_joining_date(demo):
    founded = datetime.date(2020, 6, 22)
    assert set(Partner.objects.filter(joined_on=founded).values_list("slug", flat=True)) == {
        "im-nrw",
        "bundespolizei",
        "generalzolldirektion",
        "stadt-essen",
        "stadt-dortmund",
        "stadt-duisburg",
    }
    assert Partner.objects.get(slug="stadt-hagen").joined_on == datetime.date(2020, 8, 5)
    assert Partner.objects.filter(joined_on__isnull=False).count() == 7


def test_it_loads_the_netzwerkpartner(demo):
    names = set(Partner.objects.filter(kind=PartnerKind.NETZWERKPARTNER).values_list("name", flat=True))
    assert len(names) == 10
    assert {"Bezirksregierung Arnsberg", "Bezirksregierung Düsseldorf", "Bezirksregierung Münster"} <= names


def test_shared_police_domain_belongs_to_the_kreispolizeibehoerden(demo):
    assert PartnerDomain.objects.get(domain="polizei.nrw.de").partner.slug == "kpb-nrw"
    assert list(Partner.objects.for_email("ak-mitglied@polizei.nrw.de")) == [Partner.objects.get(slug="kpb-nrw")]


def test_office_domain_belongs_to_the_ministry(demo):
    assert list(Partner.objects.for_email(demo_data.OFFICE_EMAIL)) == [Partner.objects.get(slug="im-nrw")]


def test_every_demo_account_matches_its_authority_by_domain(demo):
    for user in User.objects.all():
        assert user.domain_check() == "match", user.email


def test_it_loads_the_nine_fachgebiete_in_order(demo):
    assert list(Fachgebiet.objects.fachgebiete().values_list("name", flat=True)) == [
        "Rotlicht",
        "Shisha",
        "Glücksspiel",
        "Vermögensabschöpfung",
        "Bedrohungsmanagement",
        "Aufenthaltsrecht",
        "Verkehr",
        "Bewachungsgewerbe",
        "Geldwäscheprävention",
    ]
    assert not Fachgebiet.objects.filter(description="").exists()


def test_it_loads_seven_facharbeitskreise_and_two_projects(demo):
    assert set(Arbeitskreis.objects.filter(kind=Arbeitskreis.Kind.FACHARBEITSKREIS).values_list("name", flat=True)) == {
        "Rotlicht",
        "Shisha",
        "Glücksspiel",
        "Bewachungsgewerbe",
        "Vermögensabschöpfung durch Kommunen",
        "Prävention",
        "Aufenthaltsrecht",
    }
    projects = Arbeitskreis.objects.filter(kind=Arbeitskreis.Kind.PROJEKT)
    assert set(projects.values_list("name", flat=True)) == {
        "Informationsaustausch Sozialleistungsbetrug",
        "Präventionsprojekt 360°",
    }
    assert list(Arbeitskreis.objects.filter(is_confidential=True).values_list("name", flat=True)) == [
        "Informationsaustausch Sozialleistungsbetrug"
    ]


def test_admitted_demo_accounts_can_log_in(demo):
    admitted = [entry["email"] for entry in demo_data.DEMO_USERS if entry["status"] == User.Status.ADMITTED]
    assert len(admitted) >= 5
    for email in admitted:
        user = authenticate(email=email, password=demo_data.DEMO_PASSWORD)
        assert user is not None and user.email == email


def test_the_applicant_waits_for_admission_and_cannot_log_in(demo):
    applicant = User.objects.get(email="antrag@gelsenkirchen.de")
    assert applicant.status == User.Status.VERIFIED
    assert applicant.access_reason
    assert applicant in User.objects.awaiting_admission()
    assert authenticate(email=applicant.email, password=demo_data.DEMO_PASSWORD) is None


def test_every_demo_account_has_a_verified_primary_address(demo):
    for user in User.objects.all():
        assert EmailAddress.objects.filter(user=user, email=user.email, primary=True, verified=True).exists()


def test_the_office_account_has_group_admin_access_and_two_factors(demo):
    office = User.objects.get(email=demo_data.OFFICE_EMAIL)
    assert office.groups.filter(name=OFFICE_GROUP).exists()
    assert office.is_staff and office.is_geschaeftsstelle
    assert office.partner.slug == "im-nrw"
    totp = Authenticator.objects.get(user=office, type=Authenticator.Type.TOTP)
    assert decrypt(totp.data["secret"]) == demo_data.DEMO_TOTP_SECRET
    assert Authenticator.objects.filter(user=office, type=Authenticator.Type.RECOVERY_CODES).exists()


@pytest.mark.parametrize("email", ["redaktion@hagen.de", "ak-leitung@dortmund.de"])
def test_redaktion_and_lead_accounts_have_two_factors_too(demo, email):
    user = User.objects.get(email=email)
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert decrypt(totp.data["secret"]) == demo_data.DEMO_TOTP_SECRET
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()


@pytest.mark.parametrize("email", ["nutzer@essen.de", "ak-mitglied@polizei.nrw.de"])
def test_members_need_no_second_factor(demo, email):
    assert not Authenticator.objects.filter(user__email=email).exists()


def test_only_the_office_account_has_office_rights(demo):
    assert list(User.objects.filter(groups__name=OFFICE_GROUP).values_list("email", flat=True)) == [
        demo_data.OFFICE_EMAIL
    ]
    assert list(User.objects.filter(is_staff=True).values_list("email", flat=True)) == [demo_data.OFFICE_EMAIL]


def test_several_authorities_show_contact_persons(demo):
    with_contacts = Partner.objects.with_contact_count().filter(contact_count__gt=0)
    assert with_contacts.count() >= 6
    assert User.objects.get(email="nutzer@essen.de").is_contact_person


def test_the_summary_names_counts_and_password(demo):
    assert "22 Kooperationspartner" in demo
    assert "10 Netzwerkpartner" in demo
    assert "Fachgebiete: 9" in demo
    assert "Facharbeitskreise: 7, Projekte: 2" in demo
    assert demo_data.DEMO_PASSWORD in demo
    assert "demo_totp" in demo


def test_running_it_twice_changes_nothing(demo):
    before = snapshot()
    second = load_demo()
    assert snapshot() == before
    assert f"{len(demo_data.DEMO_USERS)} (0 neu angelegt)" in second
    assert "Fachgebiete-Inhalte: 0 neu angelegt" in second
    assert "Facharbeitskreise: 0 Zugänge neu vergeben" in second
    assert "Text aus 0 Dateien ausgelesen" in second


def test_it_keeps_changes_made_to_existing_demo_accounts(demo):
    User.objects.filter(email="nutzer@essen.de").update(phone="0201 88-99999")
    load_demo()
    assert User.objects.get(email="nutzer@essen.de").phone == "0201 88-99999"


def test_it_refuses_outside_demo_mode(demo, settings):
    settings.SIKO_DEMO_MODE = False
    Visit.objects.all().delete()
    before = snapshot()
    with pytest.raises(CommandError, match="nur im Demo-Betrieb"):
        call_command("load_demo", stdout=StringIO())
    assert snapshot() == before


# --- demo_totp -------------------------------------------------------------------


def demo_totp(*args: str) -> str:
    out = StringIO()
    call_command("demo_totp", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def frozen_time(monkeypatch) -> float:
    # Halfway through a 30-second window, so the printed code cannot expire before it is checked.
    now = (int(time.time()) // 30) * 30 + 15.5
    monkeypatch.setattr(time, "time", lambda: now)
    return now


def test_demo_totp_prints_a_code_that_allauth_accepts(demo, frozen_time):
    output = demo_totp()
    code = re.search(r"\b(\d{6})\b", output).group(1)
    assert validate_totp_code(demo_data.DEMO_TOTP_SECRET, code)
    assert "noch 15 Sekunden" in output
    assert demo_data.OFFICE_EMAIL in output


def test_demo_totp_accepts_an_address_that_uses_the_demo_secret(demo, frozen_time):
    code = re.search(r"\b(\d{6})\b", demo_totp(demo_data.OFFICE_EMAIL.upper())).group(1)
    assert validate_totp_code(demo_data.DEMO_TOTP_SECRET, code)


@pytest.mark.parametrize("email", ["redaktion@hagen.de", "ak-leitung@dortmund.de"])
def test_demo_totp_prints_the_code_of_redaktion_and_lead(demo, frozen_time, email):
    output = demo_totp(email)
    assert email in output
    assert validate_totp_code(demo_data.DEMO_TOTP_SECRET, re.search(r"\b(\d{6})\b", output).group(1))


def test_demo_totp_shows_the_next_code_shortly_before_the_change(demo, monkeypatch):
    monkeypatch.setattr(time, "time", lambda: (1_800_000_000 // 30) * 30 + 25)
    assert "Danach gilt:" in demo_totp()


def test_demo_totp_refuses_accounts_with_a_real_secret(demo):
    user = User.objects.get(email="nutzer@essen.de")
    TOTP.activate(user, generate_totp_secret())
    with pytest.raises(CommandError, match="nicht das Demo-Geheimnis"):
        demo_totp(user.email)


def test_demo_totp_refuses_accounts_without_totp(demo):
    with pytest.raises(CommandError, match="keine Zwei-Faktor-Authentifizierung"):
        demo_totp("nutzer@essen.de")


def test_demo_totp_refuses_unknown_addresses(demo):
    with pytest.raises(CommandError, match="kein Konto"):
        demo_totp("niemand@essen.de")


def test_demo_totp_refuses_outside_demo_mode(demo, settings):
    settings.SIKO_DEMO_MODE = False
    with pytest.raises(CommandError, match="nur im Demo-Betrieb"):
        demo_totp()


def test_it_fills_the_newsletter_archive(demo, client):
    current = demo_newsletter.current_newsletter_issue(timezone.localdate())
    assert list(Issue.objects.order_by("number").values_list("number", "status")) == [
        (1, "sent"),
        (4, "sent"),
        (6, "sent"),
        (current["number"], "sent"),
    ]
    # The start page's "Aktueller Newsletter" is the last quarter's, not one from 2021.
    latest = Issue.objects.order_by("-number").first()
    assert 0 <= (timezone.localdate() - latest.issue_date).days <= 92
    assert Subscriber.objects.confirmed().count() == 5
    client.force_login(User.objects.get(email="nutzer@essen.de"))
    page = client.get("/newsletter/").content.decode()
    assert "360°-Analysen und Communities That Care" in page


@pytest.mark.parametrize(
    "entry",
    [*demo_newsletter.NEWSLETTER_ISSUES, demo_newsletter.current_newsletter_issue(datetime.date(2026, 12, 4))],
    ids=lambda e: str(e["number"]),
)
def test_demo_newsletters_pass_the_editor_checks(entry):
    from newsletter.content import parse_portal_links, validate_body

    validate_body(entry["body"])
    assert parse_portal_links(entry["portal_links"])


@pytest.mark.parametrize(
    ("today", "number", "issue_date"),
    [
        ("2020-08-31", 1, "2020-08-31"),
        ("2026-12-04", 26, "2026-11-30"),
        ("2027-01-10", 26, "2026-11-30"),
        ("2027-03-01", 27, "2027-02-28"),
        ("2028-02-29", 31, "2028-02-29"),
    ],
)
def test_the_current_newsletter_is_the_last_quarters(today, number, issue_date):
    issue = demo_newsletter.current_newsletter_issue(datetime.date.fromisoformat(today))
    assert (issue["number"], issue["issue_date"]) == (number, datetime.date.fromisoformat(issue_date))
