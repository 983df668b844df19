"""Registration: the application, the confirmation link, and the bad inputs around them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from django.urls import reverse

from partner.models import User

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def form_data(partner, **overrides) -> dict:
    data = {
        "email": "lena.lehmann@essen.de",
        "first_name": "Lena",
        "last_name": "Lehmann",
        "authority": str(partner.pk) if partner else "andere",
        "other_authority": "",
        "unit": "Ordnungsamt, Gewerbeüberwachung",
        "function": "Sachbearbeiterin",
        "phone": "0201 88-32100",
        "access_reason": "Kontrollen von Shisha-Bars gemeinsam mit der Polizei.",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy_ack": "on",
    }
    data.update(overrides)
    return data


def register(client, data):
    return client.post(reverse("account_signup"), data)


def confirmation_path() -> str:
    body = mail.outbox[-1].body
    url = re.search(r"https?://\S+/konto/confirm-email/\S+/", body).group(0)
    return url.split("testserver", 1)[-1]


def test_registration_creates_an_application_and_sends_the_link(client, essen):
    response = register(client, form_data(essen))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="lena.lehmann@essen.de")
    assert user.status == User.Status.APPLIED
    assert not user.is_active
    assert (user.partner, user.unit, user.function, user.phone) == (
        essen,
        "Ordnungsamt, Gewerbeüberwachung",
        "Sachbearbeiterin",
        "0201 88-32100",
    )
    assert user.access_reason.startswith("Kontrollen")
    assert len(mail.outbox) == 1
    assert "Lehmann" not in mail.outbox[0].subject
    assert "/konto/confirm-email/" in mail.outbox[0].body


def test_verification_sent_page_is_german(client, essen):
    response = register(client, form_data(essen))
    page = client.get(response["Location"]).content.decode()
    assert "E-Mail" in page
    assert re.search(r"\b(du|dein|deine|dich)\b", page, re.IGNORECASE) is None


def test_confirming_puts_the_application_in_the_queue(client, essen, django_capture_on_commit_callbacks):
    register(client, form_data(essen))
    path = confirmation_path()
    assert client.get(path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the office's notice: mail queue after commit
        response = client.post(path)
    assert response["Location"] == reverse("partner:application_status")
    user = User.objects.get(email="lena.lehmann@essen.de")
    assert user.status == User.Status.VERIFIED
    assert not user.is_active
    page = client.get(response["Location"]).content.decode()
    assert "liegt jetzt der Geschäftsstelle der Sicherheitskooperation Ruhr zur Prüfung vor" in page
    (office_mail,) = [message for message in mail.outbox if message.to == ["poststelle@sikoruhr.nrw.de"]]
    assert "Neuer Zulassungsantrag" in office_mail.subject
    assert f"/verwaltung/nutzer/{user.pk}/" in office_mail.body


def test_applicant_cannot_log_in_before_admission(client, applicant):
    response = client.post(reverse("account_login"), {"login": applicant.email, "password": PASSWORD})
    assert response["Location"] == reverse("partner:application_status")
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("partner:application_status")).content.decode()
    assert "liegt jetzt der Geschäftsstelle der Sicherheitskooperation Ruhr zur Prüfung vor" in page
    assert client.get(reverse("home"))["Location"].startswith(reverse("account_login"))


def test_the_confirmation_is_thanked_for_once_not_at_every_login(client, essen):
    register(client, form_data(essen))
    response = client.post(confirmation_path())
    thanks = "Vielen Dank – Ihre E-Mail-Adresse ist bestätigt."
    assert thanks in client.get(response["Location"]).content.decode()
    assert thanks not in client.get(response["Location"]).content.decode(), "only right after confirming"
    client.cookies.clear()
    response = client.post(reverse("account_login"), {"login": "lena.lehmann@essen.de", "password": PASSWORD})
    assert response["Location"] == reverse("partner:application_status")
    page = client.get(response["Location"]).content.decode()
    assert "liegt jetzt der Geschäftsstelle der Sicherheitskooperation Ruhr zur Prüfung vor" in page
    assert thanks not in page


def test_unconfirmed_applicant_login_resends_the_link(client, applicant_unconfirmed):
    response = client.post(reverse("account_login"), {"login": applicant_unconfirmed.email, "password": PASSWORD})
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert "/konto/confirm-email/" in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("role", "text"),
    [("rejected", "wurde abgelehnt"), ("deactivated", "ist deaktiviert")],
)
def test_refused_login_explains_the_status(client, request, role, text):
    user = request.getfixturevalue(role)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("partner:application_status")
    assert text in client.get(response["Location"]).content.decode()
    assert "_auth_user_id" not in client.session


def test_other_authority_may_use_an_unknown_domain(client, essen):
    data = form_data(None, email="kai.kern@stadt-musterhausen.de", other_authority="Stadt Musterhausen")
    assert register(client, data).status_code == 302
    user = User.objects.get(email="kai.kern@stadt-musterhausen.de")
    assert user.partner is None
    assert user.other_authority == "Stadt Musterhausen"


# --- bad input -----------------------------------------------------------------------


def _errors(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_missing_fields_are_named_and_input_is_kept(client, essen):
    data = form_data(essen, first_name="", unit="", access_reason="", privacy_ack="")
    page = _errors(register(client, data))
    assert "Bitte prüfen Sie Ihre Angaben" in page
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert "Bitte bestätigen Sie, dass Sie die Datenschutzerklärung" in page
    assert 'value="Lehmann"' in page
    assert 'value="lena.lehmann@essen.de"' in page
    assert 'value="Sachbearbeiterin"' in page
    assert f'<option value="{essen.pk}" selected>' in page
    assert not User.objects.exists()


def test_unknown_domain_for_a_listed_partner_is_refused(client, essen):
    page = _errors(register(client, form_data(essen, email="lena@beispiel-firma.de")))
    assert "Die Domain „beispiel-firma.de“ ist keiner Partnerbehörde zugeordnet." in page
    assert "Andere Behörde" in page
    assert not User.objects.exists()


def test_domain_of_another_partner_is_accepted_and_flagged_later(client, essen, polizei):
    assert register(client, form_data(essen, email="lena@polizei.nrw.de")).status_code == 302
    user = User.objects.get(email="lena@polizei.nrw.de")
    assert user.domain_check() == "other_partner"


def test_subdomain_of_a_partner_counts_as_its_domain(client, essen):
    assert register(client, form_data(essen, email="lena@ordnungsamt.essen.de")).status_code == 302
    assert User.objects.get(email="lena@ordnungsamt.essen.de").domain_check() == "match"


def test_private_mail_provider_is_refused(client, essen):
    page = _errors(register(client, form_data(None, email="lena@gmx.de", other_authority="Stadt X")))
    assert "Bitte verwenden Sie Ihre dienstliche E-Mail-Adresse" in page
    assert not User.objects.exists()


def test_other_authority_needs_a_name(client, essen):
    page = _errors(register(client, form_data(None, email="kai@stadt-x.de", other_authority=" ")))
    assert "Bitte nennen Sie den Namen Ihrer Behörde." in page


def test_too_weak_password_is_refused(client, essen):
    page = _errors(register(client, form_data(essen, password1="essen123", password2="essen123")))
    assert "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten." in page
    assert 'value="lena.lehmann@essen.de"' in page
    assert not User.objects.exists()


def test_passwords_must_match(client, essen):
    page = _errors(register(client, form_data(essen, password2=PASSWORD + "x")))
    assert "Sie müssen zweimal dasselbe Passwort eingeben." in page or "dasselbe Passwort" in page


def test_duplicate_email_creates_nothing_and_tells_the_owner(client, member):
    """No account enumeration: the form answers as usual, the address owner gets a German note."""
    before = User.objects.count()
    response = register(client, form_data(member.partner, email=member.email.upper()))
    assert response.status_code == 302
    assert User.objects.count() == before
    member.refresh_from_db()
    assert member.status == User.Status.ADMITTED and member.first_name == "Max"
    note = mail.outbox[-1]
    assert note.to == [member.email]
    assert re.search(r"\b(du|dein)\b", note.body, re.IGNORECASE) is None


def test_wrong_confirmation_link_changes_nothing(client, applicant_unconfirmed):
    response = client.get(reverse("account_confirm_email", args=["das-ist-kein-schluessel"]))
    page = response.content.decode()
    assert "abgelaufen oder ungültig" in page
    response = client.post(reverse("account_confirm_email", args=["das-ist-kein-schluessel"]))
    assert "abgelaufen oder ungültig" in response.content.decode()
    applicant_unconfirmed.refresh_from_db()
    assert applicant_unconfirmed.status == User.Status.APPLIED


def test_reused_confirmation_link_does_not_confirm_twice(client, essen):
    register(client, form_data(essen))
    path = confirmation_path()
    client.post(path)
    sent = len(mail.outbox)
    response = client.post(path)
    assert response.status_code == 200
    assert "ist Ihre Adresse bereits bestätigt" in response.content.decode()
    user = User.objects.get(email="lena.lehmann@essen.de")
    assert user.status == User.Status.VERIFIED
    assert len(mail.outbox) == sent  # no second note to the office


def test_expired_confirmation_link_is_refused(client, essen, settings):
    register(client, form_data(essen))
    address = EmailAddress.objects.get(email="lena.lehmann@essen.de")
    key = EmailConfirmationHMAC(address).key
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 0
    page = client.get(reverse("account_confirm_email", args=[key])).content.decode()
    assert "abgelaufen oder ungültig" in page
    client.post(reverse("account_confirm_email", args=[key]))
    assert User.objects.get(email="lena.lehmann@essen.de").status == User.Status.APPLIED


def test_unconfirmed_applications_expire(essen, make_user, settings):
    from django.utils import timezone

    from partner.services import applications_expire

    old = make_user("alt@essen.de", User.Status.APPLIED, verified=False)
    User.objects.filter(pk=old.pk).update(
        date_joined=timezone.now() - timedelta(days=settings.SIKO_APPLICATION_EXPIRY_DAYS + 1)
    )
    fresh = make_user("frisch@essen.de", User.Status.APPLIED, verified=False)
    waiting = make_user("wartet@essen.de", User.Status.VERIFIED)
    User.objects.filter(pk=waiting.pk).update(date_joined=timezone.now() - timedelta(days=30))
    assert applications_expire() == 1
    assert set(User.objects.values_list("email", flat=True)) == {"frisch@essen.de", "wartet@essen.de"}
    assert fresh.pk and not EmailAddress.objects.filter(email="alt@essen.de").exists()
