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
from allauth.account.models import EmailAddress
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
    from facharbeitskreise.models import Arbeitsbereich
    from facharbeitskreise.services import grant_role

    user = make_user("lena.leitung@essen.de")
    area = Arbeitsbereich.objects.create(name="Facharbeitskreis Rotlicht", slug="fak-rotlicht")
    grant_role(area=area, role=Role.LEITUNG, actor=None, user=user)
    return user


@pytest.fixture
def redakteurin(make_user) -> User:
    from guardian.shortcuts import assign_perm

    from fachgebiete.models import Fachgebiet

    user = make_user("petra.redaktion@essen.de")
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
    assert not AuditEvent.objects.exclude(kind="login").exists()
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
    Client().post(link.split("testserver", 1)[-1])
    member.refresh_from_db()
    assert member.email == "max.neu@essen.de"
    assert [message.to for message in mail.outbox] == [["max.nutzer@essen.de"]]
    kinds = list(AuditEvent.objects.exclude(kind="login").order_by("pk").values_list("kind", flat=True))
    assert kinds == [AuditEvent.Kind.EMAIL_CHANGE_REQUESTED, AuditEvent.Kind.EMAIL_CHANGED]
    page = office_client.get(reverse("partner:account_detail", args=[member.pk]))
    assert "Protokoll" in main_text(page) and REASON in main_text(page)


def test_the_office_may_choose_a_domain_of_another_authority(office_client, member):
    change(office_client, member, "max.muster@polizei.nrw.de")
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
