"""The connections page ("Konto-Verknüpfungen") and the CSP of the pages that lead to a provider.

allauth's page before a provider login (also "Verknüpfen" on the connections page) answers its
form with a redirect to the provider: `form-action 'self'` blocked it in the browser unless the
session happened to have logged in through that provider already.
"""

from __future__ import annotations

from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from .conftest import PORTAL
from .idp import log_in_at_provider
from .test_sso_login import _form_action

PASSWORD = "Richtig-langes-Passwort-2026"  # noqa: S105 - tests/conftest.py's make_user


def test_connections_page_offers_only_the_own_authoritys_provider(client, essen_idp, member, outsider):
    client.force_login(member)
    page = client.get(reverse("socialaccount_connections")).content.decode()
    assert "/konto/oidc/stadt-essen/login/?process=connect" in page
    client.force_login(outsider)  # Landeskriminalamt: no provider of its own, Essen's is none of hers
    assert "/konto/oidc/" not in client.get(reverse("socialaccount_connections")).content.decode()


def test_provider_login_page_allows_exactly_that_provider(client, idp, essen_idp, member):
    client.force_login(member)
    url = reverse("openid_connect_login", args=["stadt-essen"])
    assert _form_action(client.get(url + "?process=connect")) == f"form-action 'self' {idp.issuer}"
    assert _form_action(client.get(reverse("socialaccount_connections"))) == "form-action 'self'"


def test_saml_login_page_allows_exactly_that_idp(portal, saml_server, saml_essen, member):
    portal.force_login(member)
    response = portal.get(reverse("saml_login", args=["stadt-essen"]) + "?process=connect")
    assert _form_action(response) == f"form-action 'self' {saml_server.base}"


def test_member_connects_her_password_account_at_the_provider(client, idp, essen_idp, member):
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    start = client.post(reverse("openid_connect_login", args=["stadt-essen"]) + "?process=connect")
    assert start["Location"].startswith(idp.issuer)
    login = idp.add_account("max-connect", member.email)
    done = client.get(log_in_at_provider(idp, start["Location"], login, back_to=PORTAL))
    # allauth asks for the password again before it completes a new connection, then goes on.
    assert done["Location"] == reverse("account_reauthenticate")
    done = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert done["Location"] == reverse("socialaccount_connections")
    assert SocialAccount.objects.get(provider="stadt-essen").user == member
    page = client.get(reverse("socialaccount_connections")).content.decode()
    assert "Anmeldedienst Stadt Essen" in page
