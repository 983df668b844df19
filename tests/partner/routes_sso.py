"""Routes of single sign-on (partner.sso) and allauth's social-account pages, for the route-access test."""

from __future__ import annotations

from partner.sso.models import IdentityProvider
from tests.sikoportal.route_types import Access, Route, kw

ROUTES: dict[str, Route] = {
    # "Mit dem Konto Ihrer Behörde anmelden": before login, like the login page.
    "partner:sso_login": Route(Access.PUBLIC),
    "partner:sso_provider_list": Route(Access.OFFICE),
    "partner:sso_provider_create": Route(Access.OFFICE),
    "partner:sso_provider_edit": Route(Access.OFFICE, kw(pk="{sso_provider_pk}")),
    # Re-authentication at the own provider (partner.sso.reauth): the world's people have no provider
    # login, so they are sent on to allauth's page (the real flow: tests/partner/sso/test_sso_reauth.py).
    "partner:sso_reauthenticate": Route(Access.MEMBER, answers=(302, 302)),
    # allauth's OIDC start and return: an unknown provider is a 404 for everybody (the real flow:
    # tests/partner/sso/test_sso_login.py).
    "openid_connect_login": Route(Access.PUBLIC, kw(provider_id="unbekannt"), anonymous_status=404, answers=(404, 404)),
    "openid_connect_callback": Route(
        Access.PUBLIC, kw(provider_id="unbekannt"), anonymous_status=404, answers=(404, 404)
    ),
    # allauth's SAML endpoints (partner.sso.saml): for an unknown authority a 404 for everybody;
    # the answer endpoint first stores the IdP's POST and sends to its finish step, which then
    # answers 404. The real flow against a SAML IdP: tests/partner/sso/test_saml_login.py (it needs
    # a dotted host name, which the sweep's "testserver" is not).
    "saml_login": Route(Access.PUBLIC, kw(organization_slug="unbekannt"), anonymous_status=404, answers=(404, 404)),
    "saml_acs": Route(Access.PUBLIC, kw(organization_slug="unbekannt"), anonymous_status=302, answers=(302, 302)),
    "saml_finish_acs": Route(
        Access.PUBLIC, kw(organization_slug="unbekannt"), anonymous_status=404, answers=(404, 404)
    ),
    "saml_sls": Route(Access.PUBLIC, kw(organization_slug="unbekannt"), anonymous_status=404, answers=(404, 404)),
    "saml_metadata": Route(Access.PUBLIC, kw(organization_slug="unbekannt"), anonymous_status=404, answers=(404, 404)),
    # allauth's notice after a cancelled provider login; its error notice is not marked login-free,
    # an anonymous visitor lands on the login page again (where she can retry).
    "socialaccount_login_cancelled": Route(Access.PUBLIC, answers=(200, 405)),
    # Signed in, allauth answers its error page with 401 (and a POST with 405).
    "socialaccount_login_error": Route(Access.PUBLIC, anonymous_status=302, answers=(302, 302), signed_in=(401, 405)),
    # allauth's own sign-up form after a provider login: never used (auto sign-up), without a
    # pending login it sends back to the login page.
    "socialaccount_signup": Route(Access.PUBLIC, anonymous_status=302, answers=(302, 302)),
    # A member's links to the authority's provider.
    "socialaccount_connections": Route(Access.MEMBER),
}


def build_world(request) -> dict:
    essen = request.getfixturevalue("essen")
    provider = IdentityProvider.objects.create(
        partner=essen, name="Keycloak der Stadt Essen", issuer="https://login.essen.de/realms/stadt", client_id="portal"
    )
    return {"sso_provider_pk": str(provider.pk)}
