"""CSP `form-action`: exactly the identity providers a page's forms may lead to.

A form whose answer redirects to another origin is blocked by `form-action 'self'` (Chromium
checks the redirect, too). The login page and the page "Mit dem Konto Ihrer Behörde anmelden"
list the login origins of every active provider; allauth's page that starts one provider's
login (also "Verknüpfen" from the connections page and a SAML login) lists that provider's
origins; a session that logged in through a provider lists that one provider's origins, for
the logout form (RP-initiated/single logout). No other page and no other session allows any
outside origin.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from .adapter import SESSION_KEY
from .models import IdentityProvider
from .reauth import provider_for_user

_CACHE_KEY = "siko:sso:login-origins"
_LOGIN_PAGES = {"account_login", "partner:sso_login"}
# allauth's confirmation page before one provider's login (its POST redirects to the provider),
# with the URL argument that names the provider; the re-authentication page, for the own provider.
_PROVIDER_PAGES = {"openid_connect_login": "provider_id", "saml_login": "organization_slug"}


def provider_origins(slug: str) -> list[str]:
    provider = IdentityProvider.objects.active().filter(partner__slug=slug).first()
    return provider.origins() if provider else []


def login_origins() -> list[str]:
    origins = cache.get(_CACHE_KEY)
    if origins is None:
        found = {origin for provider in IdentityProvider.objects.active() for origin in provider.origins()}
        origins = sorted(found)
        cache.set(_CACHE_KEY, origins, 3600)
    return origins


def forget_origins(**kwargs) -> None:
    cache.delete(_CACHE_KEY)


def connect_signals() -> None:
    post_save.connect(forget_origins, sender=IdentityProvider, dispatch_uid="sso_forget_origins")
    post_delete.connect(forget_origins, sender=IdentityProvider, dispatch_uid="sso_forget_origins_delete")


class SSOFormActionMiddleware:
    """Listed after django-csp's middleware, so that it sees the response first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origins: list[str] = []
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in _LOGIN_PAGES:
            origins = login_origins()
        elif match is not None and match.view_name in _PROVIDER_PAGES:
            origins = provider_origins(match.kwargs.get(_PROVIDER_PAGES[match.view_name], ""))
        elif match is not None and match.view_name == "partner:sso_reauthenticate" and request.user.is_authenticated:
            provider = provider_for_user(request.user)
            origins = provider.origins() if provider else []
        elif getattr(request, "session", None) is not None and request.session.accessed:
            # Only where the page looked at the session anyway (a logged-in page does): reading it
            # here would add "Vary: Cookie" to public answers such as /healthz.
            origins = (request.session.get(SESSION_KEY) or {}).get("origins") or []
        if origins:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), *origins]
            response._csp_update = update
        return response
