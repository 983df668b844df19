"""Members change their own password and e-mail address (allauth, formal German)."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from ..conftest import PASSWORD
from ..helpers import main_text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Ganz-neues-Passwort-2027"


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def test_changing_the_address_asks_for_the_password_first(member_client, member):
    """A sensitive change: allauth asks for the password again, even in a fresh session."""
    response = member_client.post(reverse("account_email"), {"action_add": "", "email": "max.neu@essen.de"})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="max.neu@essen.de").exists()


def reauthenticate(client) -> None:
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def test_member_changes_the_password(member_client, member):
    response = member_client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    login = Client().post(reverse("account_login"), {"login": member.email, "password": NEW_PASSWORD})
    assert login["Location"] == reverse("home")


def test_wrong_current_password_is_refused_in_german(member_client, member):
    response = member_client.post(
        reverse("account_change_password"),
        {"oldpassword": "falsch-falsch", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in main_text(response)
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_member_changes_the_email_address_after_confirming_it(member_client, member):
    reauthenticate(member_client)
    response = member_client.post(reverse("account_email"), {"action_add": "", "email": "max.neu@essen.de"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "max.nutzer@essen.de"  # unchanged until confirmed
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    member_client.post(link.split("testserver", 1)[-1])
    member.refresh_from_db()
    assert member.email == "max.neu@essen.de"
    assert member.status == "admitted"
    assert EmailAddress.objects.get(user=member, primary=True).email == "max.neu@essen.de"


def test_private_address_cannot_be_added(member_client, member):
    reauthenticate(member_client)
    response = member_client.post(reverse("account_email"), {"action_add": "", "email": "max@web.de"})
    assert "Bitte verwenden Sie Ihre dienstliche E-Mail-Adresse" in main_text(response)
    assert not EmailAddress.objects.filter(email="max@web.de").exists()
