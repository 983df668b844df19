"""Login hardening: mandatory two-factor for the office, throttled failures, safe sessions."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ..conftest import PASSWORD
from ..helpers import main_text

pytestmark = pytest.mark.django_db


def test_office_without_second_factor_is_sent_to_the_set_up(client, office_without_mfa):
    client.force_login(office_without_mfa)
    for url in (reverse("home"), reverse("partner:admission_list"), reverse("partner:list")):
        response = client.get(url)
        assert response["Location"] == reverse("mfa_index"), url
    assert client.get(reverse("impressum")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_office_with_second_factor_works_normally(client, office):
    client.force_login(office)
    assert client.get(reverse("partner:admission_list")).status_code == 200


def test_members_are_not_forced_to_set_up_a_second_factor(client, member):
    client.force_login(member)
    assert client.get(reverse("home")).status_code == 200


def test_office_login_asks_for_the_code(office):
    browser = Client()
    response = browser.post(reverse("account_login"), {"login": office.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in browser.session
    page = browser.get(response["Location"]).content.decode()
    assert "Code" in page


def test_repeated_failed_logins_are_throttled(member):
    browser = Client()
    for _ in range(5):
        response = browser.post(reverse("account_login"), {"login": member.email, "password": "falsch-falsch-falsch"})
        assert response.status_code == 200
    response = browser.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert "_auth_user_id" not in browser.session
    assert "Zu viele" in main_text(response) or response.status_code == 429


def test_wrong_password_message_is_german_and_generic(member):
    response = Client().post(reverse("account_login"), {"login": member.email, "password": "falsch-falsch-falsch"})
    page = main_text(response)
    assert "Die E-Mail-Adresse und/oder das Passwort sind leider falsch." in page


def test_admin_login_is_throttled_too(member):
    """The admin login is allauth's login, so the same limits apply."""
    browser = Client()
    assert browser.get("/admin/login/")["Location"].startswith(reverse("account_login"))


def test_security_headers(client):
    response = client.get(reverse("account_login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
