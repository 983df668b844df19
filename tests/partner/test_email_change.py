"""A member changes her own login address only within her own authority; the change is recorded
and the old address is told.

- member works for the Stadt Essen (domain essen.de);
- outsider works for the LKA NRW (domain polizei.nrw.de, subdomains included);
- applicant has confirmed her address and waits for admission.
"""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from partner.audit import CONFIRMATION_LINK_ACTOR
from partner.models import AuditEvent

from ..conftest import PASSWORD
from ..helpers import main_text

pytestmark = pytest.mark.django_db

REFUSED = "Sie können Ihre Anmeldeadresse nur in eine Adresse Ihrer eigenen Behörde ändern"
ASK_OFFICE = "wenden Sie sich bitte an die Geschäftsstelle"


def signed_in(client: Client, user) -> Client:
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    return client


def ask_for(client: Client, email: str):
    return client.post(reverse("account_email"), {"action_add": "", "email": email})


def confirmation_path() -> str:
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    return link.split("testserver", 1)[-1]


@pytest.mark.parametrize("new_email", ["max.neu@essen.de", "max.neu@ordnungsamt.essen.de"])
def test_an_address_of_the_own_authority_is_accepted(client, member, new_email):
    response = ask_for(signed_in(client, member), new_email)
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=member, email=new_email, verified=False).exists()
    assert mail.outbox[-1].to == [new_email]


@pytest.mark.parametrize(
    "new_email",
    [
        "max@polizei.nrw.de",  # another partner authority
        "max@lka.polizei.nrw.de",  # a subdomain of another authority
        "max@essen.de.example.org",  # looks like Essen, is not
        "max@beispiel-behoerde.de",  # no partner authority at all
    ],
)
def test_an_address_outside_the_own_authority_is_refused(client, member, new_email):
    response = ask_for(signed_in(client, member), new_email)
    assert response.status_code == 200
    page = main_text(response)
    assert REFUSED in page and "@essen.de" in page and ASK_OFFICE in page
    assert new_email in page  # what was typed stays in the field
    assert not EmailAddress.objects.filter(email=new_email).exists()
    assert mail.outbox == []
    member.refresh_from_db()
    assert member.email == "max.nutzer@essen.de"


def test_a_private_address_is_refused_as_before(client, member):
    response = ask_for(signed_in(client, member), "max@gmx.de")
    assert "Bitte verwenden Sie Ihre dienstliche E-Mail-Adresse" in main_text(response)
    assert not EmailAddress.objects.filter(email="max@gmx.de").exists()


def test_staff_of_another_authority_stays_within_theirs(client, outsider):
    signed_in(client, outsider)
    assert REFUSED in main_text(ask_for(client, "olga@essen.de"))
    assert ask_for(client, "olga.neu@lka.polizei.nrw.de").status_code == 302


def test_without_an_authority_in_the_directory_the_office_is_asked(client, make_user):
    person = make_user("petra.andere@kreis-recklinghausen.de", partner=None, other_authority="Kreis Recklinghausen")
    response = ask_for(signed_in(client, person), "petra.neu@kreis-recklinghausen.de")
    page = main_text(response)
    assert "keine E-Mail-Domain hinterlegt" in page and "Geschäftsstelle" in page
    assert not EmailAddress.objects.filter(email="petra.neu@kreis-recklinghausen.de").exists()


def test_an_applicant_cannot_change_the_address(client, applicant):
    client.force_login(applicant)
    response = ask_for(client, "anna.neu@essen.de")
    assert response["Location"].startswith(reverse("account_login"))
    assert not EmailAddress.objects.filter(email="anna.neu@essen.de").exists()


def test_the_completed_change_is_recorded_and_told_to_the_old_address(client, member):
    ask_for(signed_in(client, member), "max.neu@essen.de")
    path = confirmation_path()
    mail.outbox.clear()
    client.post(path)
    member.refresh_from_db()
    assert member.email == "max.neu@essen.de"
    [notice] = mail.outbox
    assert notice.to == ["max.nutzer@essen.de"]
    assert "max.nutzer@essen.de in max.neu@essen.de geändert" in notice.body
    event = AuditEvent.objects.exclude(kind="login").get()
    assert event.kind == AuditEvent.Kind.EMAIL_CHANGED
    assert (event.actor, event.subject) == (member, member)
    assert event.detail == {"old": "max.nutzer@essen.de", "new": "max.neu@essen.de"}


def test_a_change_confirmed_by_link_without_login_is_recorded_too(client, member):
    ask_for(signed_in(client, member), "max.neu@essen.de")
    Client().post(confirmation_path())
    event = AuditEvent.objects.exclude(kind="login").get()
    assert event.actor is None and event.actor_name == CONFIRMATION_LINK_ACTOR
    assert event.subject == member
    member.refresh_from_db()
    assert member.email == "max.neu@essen.de"


def test_confirming_a_registration_is_no_change_of_address(client, essen, django_capture_on_commit_callbacks):
    """allauth reports the first confirmation as `email_changed` without an old address."""
    from .test_registration import confirmation_path as registration_link
    from .test_registration import form_data, register

    register(client, form_data(essen))
    mail.outbox[:] = mail.outbox[-1:]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(registration_link())
    assert not AuditEvent.objects.exclude(kind="login").exists()
    # The office's notice goes through the mail queue after the commit, so the order is not fixed.
    assert sorted(message.to for message in mail.outbox) == [["lena.lehmann@essen.de"], ["poststelle@sikoruhr.nrw.de"]]


def test_the_page_names_the_domains_beforehand(client, member):
    client.force_login(member)
    page = main_text(client.get(reverse("account_email")))
    assert "Eine Adresse Ihrer Behörde (@essen.de)" in page
