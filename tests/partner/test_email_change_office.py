"""The Geschäftsstelle changes a person's login address on its own page: with a reason, recorded,
the old address told, and in force only once the new address is confirmed.

- member (Stadt Essen) is the person whose address changes;
- outsider (LKA), ak_lead (leads a Facharbeitskreis) and redakteurin (Redaktion Shisha) have
  no business on the office page;
- office is the Geschäftsstelle (TOTP set up); superuser an operator.
"""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from django.test import Client
from django.urls import reverse

from partner.models import AuditEvent, User

from ..helpers import main_text

pytestmark = pytest.mark.django_db

REASON = "Wechsel in das Ordnungsamt, neues Postfach laut Schreiben vom 01.12."


@pytest.fixture
def ak_lead(make_user) -> User:
    from facharbeitskreise.access import Role
    from facharbeitskreise.models import Arbeitskreis
    from facharbeitskreise.services import role_grant

    user = make_user("lena.leitung@essen.de", second_factor=True)
    arbeitskreis = Arbeitskreis.objects.create(name="Facharbeitskreis Rotlicht", slug="fak-rotlicht")
    role_grant(arbeitskreis=arbeitskreis, role=Role.LEITUNG, actor=None, user=user)
    return user


@pytest.fixture
def redakteurin(make_user) -> User:
    from guardian.shortcuts import assign_perm

    from fachgebiete.models import Fachgebiet

    user = make_user("petra.redaktion@essen.de", second_factor=True)
    assign_perm("fachgebiete.edit_fachgebiet", user, Fachgebiet.objects.create(name="Shisha", slug="shisha"))
    return user


def url(user: User) -> str:
    return reverse("partner:account_email_change", args=[user.pk])


def change(client: Client, user: User, email: str, reason: str = REASON):
    return client.post(url(user), {"email": email, "reason": reason})


@pytest.fixture
def office_client(client, office) -> Client:
    client.force_login(office)
    return client


def nothing_changed(member: User) -> None:
    member.refresh_from_db()
    assert member.email == "max.nutzer@essen.de"
    assert list(EmailAddress.objects.filter(user=member).values_list("email", flat=True)) == ["max.nutzer@essen.de"]
    assert not AuditEvent.objects.filter(subject=member).exclude(kind="login").exists()
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["member", "outsider", "ak_lead", "redakteurin"])
def test_other_roles_are_forbidden(client, request, member, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url(member)).status_code == 403
    assert change(client, member, "max.neu@essen.de").status_code == 403
    nothing_changed(member)


def test_anonymous_is_sent_to_the_login(client, member):
    response = change(client, member, "max.neu@essen.de")
    assert response["Location"].startswith(reverse("account_login"))
    nothing_changed(member)


def test_the_account_page_leads_to_the_form(office_client, member):
    page = office_client.get(reverse("partner:account_detail", args=[member.pk])).content.decode()
    assert url(member) in page
    response = office_client.get(url(member))
    assert response.status_code == 200
    assert "max.nutzer@essen.de" in main_text(response)


def test_the_office_starts_the_change_and_the_old_address_is_told(
    office_client, office, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = change(office_client, member, "Max.Neu@Ordnungsamt.Essen.de")
    assert response["Location"] == reverse("partner:account_detail", args=[member.pk])
    member.refresh_from_db()
    assert member.email == "max.nutzer@essen.de"  # in force only after confirmation
    pending = EmailAddress.objects.get(user=member, verified=False)
    assert pending.email == "max.neu@ordnungsamt.essen.de" and not pending.primary
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    notice = by_recipient[("max.nutzer@essen.de",)]
    assert "Geschäftsstelle" in notice.body and "max.neu@ordnungsamt.essen.de" in notice.body
    assert REASON not in notice.body  # the reason is for the file only
    assert "/konto/confirm-email/" in by_recipient[("max.neu@ordnungsamt.essen.de",)].body
    assert "wartet bereits auf Bestätigung: max.neu@ordnungsamt.essen.de" in main_text(office_client.get(url(member)))
    event = AuditEvent.objects.exclude(kind="login").get()
    assert event.kind == AuditEvent.Kind.EMAIL_CHANGE_REQUESTED
    assert (event.actor, event.subject) == (office, member)
    assert event.detail == {
        "old": "max.nutzer@essen.de",
        "new": "max.neu@ordnungsamt.essen.de",
        "reason": REASON,
        "own_authority": True,
    }


def test_confirming_the_link_completes_the_change(office_client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        change(office_client, member, "max.neu@essen.de")
    confirmation = next(message for message in mail.outbox if message.to == ["max.neu@essen.de"])
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", confirmation.body).group(0)
    mail.outbox.clear()
    # Whoever reads the new mailbox cannot confirm it alone: the person herself must be logged in.
    refused = Client().post(link)
    assert refused.status_code == 403
    assert "Bestätigen kann diese Änderung nur die Person selbst" in main_text(refused)
    member.refresh_from_db()
    assert member.email == "max.nutzer@essen.de"
    assert mail.outbox == []
    holder = Client()
    holder.force_login(member)
    holder.post(link)
    member.refresh_from_db()
    assert member.email == "max.neu@essen.de"
    assert [message.to for message in mail.outbox] == [["max.nutzer@essen.de"]]
    kinds = list(AuditEvent.objects.exclude(kind="login").order_by("pk").values_list("kind", flat=True))
    assert kinds == [AuditEvent.Kind.EMAIL_CHANGE_REQUESTED, AuditEvent.Kind.EMAIL_CHANGED]
    page = office_client.get(reverse("partner:account_detail", args=[member.pk]))
    assert "Protokoll" in main_text(page) and REASON in main_text(page)


def test_the_office_cannot_hand_the_account_to_another_authoritys_mailbox(office_client, member):
    # A confirmed address outside the person's authority could be one the office reads itself:
    # confirm it, reset the password, log in as the member. Only operators set such an address.
    response = change(office_client, member, "max.muster@polizei.nrw.de")
    assert response.status_code == 200
    page = main_text(response)
    assert "nur eine Adresse unter der bisherigen Domain der Person" in page and "@essen.de" in page
    assert "max.muster@polizei.nrw.de" in page  # nothing typed is lost
    nothing_changed(member)


def test_the_office_cannot_widen_the_authority_first(office_client, member, essen, polizei):
    # The office keeps the partner directory: giving the person's authority another domain (or
    # the person another authority) must not open the way to a mailbox outside her current one.
    essen.domains.create(domain="geschaeftsstelle.nrw.de")
    assert member.owns_email_domain("gs.postfach@geschaeftsstelle.nrw.de")
    response = change(office_client, member, "gs.postfach@geschaeftsstelle.nrw.de")
    assert "nur eine Adresse unter der bisherigen Domain der Person" in main_text(response)
    member.partner = polizei
    member.save()
    response = change(office_client, member, "max.muster@polizei.nrw.de")
    assert "nur eine Adresse unter der bisherigen Domain der Person" in main_text(response)
    assert not EmailAddress.objects.filter(user=member, verified=False).exists()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.EMAIL_CHANGE_REQUESTED).exists()


def test_an_operator_may_choose_a_domain_of_another_authority(client, superuser, member):
    client.force_login(superuser)
    assert change(client, member, "max.muster@polizei.nrw.de").status_code == 302
    assert AuditEvent.objects.exclude(kind="login").get().detail["own_authority"] is False
    assert EmailAddress.objects.filter(user=member, email="max.muster@polizei.nrw.de", verified=False).exists()


@pytest.mark.parametrize(
    ("email", "reason", "message"),
    [
        ("max@web.de", REASON, "Bitte verwenden Sie Ihre dienstliche E-Mail-Adresse"),
        ("olga.aussen@polizei.nrw.de", REASON, "gehört bereits zu einem anderen Konto"),
        ("MAX.NUTZER@essen.de", REASON, "bereits die Anmeldeadresse"),
        ("kein-adresse", REASON, "gültige E-Mail-Adresse"),
        ("max.neu@essen.de", "   ", "Bitte geben Sie eine Begründung an."),
    ],
)
def test_bad_input_is_refused_and_kept(
    office_client, member, outsider, email, reason, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = change(office_client, member, email, reason)
    assert response.status_code == 200
    page = main_text(response)
    assert message in page
    assert email.strip() in page  # nothing typed is lost
    nothing_changed(member)


def test_the_own_address_is_not_changed_here(office_client, office):
    response = change(office_client, office, "gina.neu@essen.de")
    assert "unter „Mein Profil“" in main_text(response)
    assert not EmailAddress.objects.filter(email="gina.neu@essen.de").exists()


def test_accounts_that_reach_the_admin_are_the_operators(office_client, superuser, make_user):
    colleague = make_user("karl.kollege@essen.de", is_staff=True)
    for account in (superuser, colleague):
        response = change(office_client, account, "neu@essen.de")
        assert "ändern nur die Betreiber" in main_text(response)
    assert not EmailAddress.objects.filter(email="neu@essen.de").exists()


def test_an_operator_may_change_a_staff_account(client, superuser, make_user):
    colleague = make_user("karl.kollege@essen.de", is_staff=True)
    client.force_login(superuser)
    assert change(client, colleague, "karl.neu@essen.de").status_code == 302
    assert EmailAddress.objects.filter(user=colleague, email="karl.neu@essen.de").exists()


@pytest.mark.parametrize("status", ["applicant", "deactivated"])
def test_only_admitted_accounts(office_client, request, status):
    account = request.getfixturevalue(status)
    response = change(office_client, account, "neu@essen.de")
    assert "nur bei einem zugelassenen Konto" in main_text(response)
    assert not AuditEvent.objects.exclude(kind="login").exists()


def test_another_account_cannot_confirm_the_change_either(office_client, member, outsider):
    with_link = _request_change(office_client, member)
    other = Client()
    other.force_login(outsider)
    assert other.post(with_link).status_code == 403
    assert not EmailAddress.objects.get(email="max.neu@essen.de").verified


def test_no_password_reset_to_an_address_that_waits_for_confirmation(office_client, member):
    # allauth would find the account by its unconfirmed address and send the reset link there.
    _request_change(office_client, member)
    mail.outbox.clear()
    response = Client().post(reverse("account_reset_password"), {"email": "max.neu@essen.de"})
    assert response.status_code == 302  # the same answer as for any address (no enumeration)
    # allauth tells an unknown address that it has no account – never a link to set a password.
    assert "/konto/password/reset/key/" not in "".join(message.body for message in mail.outbox)
    mail.outbox.clear()
    Client().post(reverse("account_reset_password"), {"email": "max.nutzer@essen.de"})
    assert [message.to for message in mail.outbox] == [["max.nutzer@essen.de"]]
    assert "/konto/password/reset/key/" in mail.outbox[0].body


def _request_change(office_client, member) -> str:
    """The office enters max.neu@essen.de; the confirmation link that went to that mailbox."""
    change(office_client, member, "max.neu@essen.de")
    address = EmailAddress.objects.get(email="max.neu@essen.de")
    return reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])
