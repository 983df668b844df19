"""Re-authentication at the authority's provider for people without a password (partner.sso.reauth).

Before, allauth let such a person open "Meine Daten" or set up a second factor without asking
anything. Now the portal sends her to a fresh login at her provider (real OIDC and SAML IdPs).
"""

from __future__ import annotations

import base64
import zlib
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from partner.models import AuditEvent, User
from partner.sso.models import IdentityProvider

from .conftest import PORTAL
from .idp import log_in_at_provider
from .saml_idp import log_in_at_idp

MY_DATA = reverse("partner:my_data")


def _admit_directly(provider: IdentityProvider, claim: str) -> None:
    provider.admission = IdentityProvider.Admission.ENTITLEMENT
    provider.entitlement_claim = claim
    provider.entitlement_value = "siko-ruhr"
    provider.save()


@pytest.fixture
def oidc_person(client, idp, essen_idp):
    """Ida logs in only through Essen's OIDC provider (admitted by its entitlement)."""
    _admit_directly(essen_idp, "groups")
    login = idp.add_account("ida", "ida.nurdienst@essen.de", groups=["siko-ruhr"])
    response = client.post(reverse("partner:sso_login"), {"email": "ida.nurdienst@essen.de"})
    client.get(log_in_at_provider(idp, response["Location"], login, back_to=PORTAL))
    user = User.objects.get(email="ida.nurdienst@essen.de")
    assert client.session["_auth_user_id"] == str(user.pk) and not user.has_usable_password()
    return login


def _reauthenticate_oidc(client, idp, login, next_url=MY_DATA):
    start = client.post(reverse("partner:sso_reauthenticate"), {"next": next_url})
    assert start.status_code == 302
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["prompt"] == ["login"] and query["max_age"] == ["0"]
    return client.get(log_in_at_provider(idp, start["Location"], login, back_to=PORTAL))


def test_own_data_asks_the_provider_first(client, idp, oidc_person):
    response = client.get(MY_DATA)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('partner:sso_reauthenticate')}?next={MY_DATA.replace('/', '%2F')}"
    page = client.get(response["Location"])
    assert "Beim Anmeldedienst Ihrer Behörde bestätigen" in page.content.decode()
    assert f"form-action 'self' {idp.issuer}" in page["Content-Security-Policy"]  # its form leads there
    back = _reauthenticate_oidc(client, idp, oidc_person)
    assert back["Location"] == MY_DATA
    assert client.get(MY_DATA).status_code == 200


def test_allauths_password_page_sends_to_the_provider(client, idp, oidc_person):
    # allauth's own re-authentication page had no method for her (403); now the provider is one.
    response = client.get(reverse("account_reauthenticate"))
    assert response["Location"].startswith(reverse("partner:sso_reauthenticate"))


def test_allauths_second_factor_setup_asks_the_provider_too(client, idp, oidc_person):
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("partner:sso_reauthenticate"))
    _reauthenticate_oidc(client, idp, oidc_person, next_url=reverse("mfa_activate_totp"))
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_another_person_at_the_provider_is_refused(client, idp, oidc_person, member):
    other = idp.add_account("max-reauth", member.email)
    start = client.post(reverse("partner:sso_reauthenticate"), {"next": MY_DATA})
    answer = client.get(log_in_at_provider(idp, start["Location"], other, back_to=PORTAL))
    assert answer.status_code == 403
    assert "andere Person" in answer.content.decode()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SSO_REFUSED).exists()
    assert client.get(MY_DATA).status_code == 302  # still not confirmed


def test_people_with_a_password_keep_allauths_page(client, idp, essen_idp, member):
    client.force_login(member)
    response = client.get(MY_DATA)
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_without_an_active_provider_no_confirmation_is_possible(client, idp, essen_idp, oidc_person):
    essen_idp.is_active = False
    essen_idp.save()
    page = client.get(reverse("partner:sso_reauthenticate")).content.decode()
    assert "nicht mehr eingerichtet" in page and "<form" not in page.split("</h1>")[1].split("</main>")[0]
    assert client.get(MY_DATA).status_code == 302


def test_saml_reauthentication_forces_a_fresh_login(portal: Client, saml_server, saml_essen):
    _admit_directly(saml_essen, "urn:oid:1.3.6.1.4.1.5923.1.1.1.7")
    login = saml_server.add_account("ines", "ines.saml@essen.de", eduPersonEntitlement=["siko-ruhr"])

    def through_idp(start):
        acs, fields = log_in_at_idp(saml_server, start["Location"], login)
        return portal.get(portal.post(urlsplit(acs).path, fields)["Location"])

    through_idp(portal.post(reverse("partner:sso_login"), {"email": "ines.saml@essen.de"}))
    assert portal.get(MY_DATA)["Location"].startswith(reverse("partner:sso_reauthenticate"))
    start = portal.post(reverse("partner:sso_reauthenticate"), {"next": MY_DATA})
    request = zlib.decompress(base64.b64decode(parse_qs(urlsplit(start["Location"]).query)["SAMLRequest"][0]), -15)
    assert b'ForceAuthn="true"' in request
    assert through_idp(start)["Location"] == MY_DATA
    assert portal.get(MY_DATA).status_code == 200


def test_people_without_a_provider_are_sent_to_allauths_page(client, member):
    client.force_login(member)
    response = client.get(reverse("partner:sso_reauthenticate") + f"?next={MY_DATA}")
    assert response["Location"] == f"{reverse('account_reauthenticate')}?next={MY_DATA.replace('/', '%2F')}"
