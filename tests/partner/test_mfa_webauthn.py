"""Security keys and passkeys (WebAuthn) beside TOTP: the pages work under the strict CSP.

The full ceremony with a virtual authenticator runs in tests/browser/test_mfa_webauthn.py.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ..conftest import PASSWORD
from ..helpers import main_text

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)


def reauthenticated(user) -> Client:
    """Logged in with the password and confirmed again, as allauth demands before adding a factor."""
    browser = Client()
    browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    browser.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return browser


def assert_no_executable_inline_script(response) -> None:
    html = response.content.decode()
    for attributes in INLINE_SCRIPT.findall(html):
        assert 'type="application/json"' in attributes, attributes
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_the_overview_offers_app_and_security_key(client, office_without_mfa):
    client.force_login(office_without_mfa)
    page = main_text(client.get(reverse("mfa_index")))
    assert "Authenticator-App" in page and "Sicherheitsschlüssel" in page
    assert reverse("mfa_add_webauthn") in page and reverse("mfa_activate_totp") in page


@pytest.mark.parametrize("role", ["office_without_mfa", "member"])
def test_the_add_page_renders_under_the_strict_csp(role, request):
    browser = reauthenticated(request.getfixturevalue(role))
    response = browser.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 200
    page = main_text(response)
    assert "Sicherheitsschlüssel hinzufügen" in page
    assert '<script src="/static/mfa/js/webauthn.js">' in response.content.decode()
    assert_no_executable_inline_script(response)


def test_the_second_step_of_the_login_offers_the_security_key(office):
    browser = Client()
    browser.post(reverse("account_login"), {"login": office.email, "password": PASSWORD})
    response = browser.get(reverse("mfa_authenticate"))
    assert 'id="webauthn_form"' in response.content.decode()
    assert "Sicherheitsschlüssel" in main_text(response)
    assert_no_executable_inline_script(response)


def test_passkeys_do_not_replace_the_password():
    """Passkeys serve as second factor only: no passwordless login route."""
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("mfa_login_webauthn")
