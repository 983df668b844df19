"""Logout at the authority's provider after the portal's own: OpenID Connect RP-initiated logout,
SAML single logout (a LogoutRequest, partner.sso.saml)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from . import saml
from .adapter import SESSION_KEY
from .models import IdentityProvider


def provider_logout_url(request) -> str:
    """The provider's end-session URL for this session, or "" (no SSO login, or none offered)."""
    data = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not data:
        return ""
    provider = IdentityProvider.objects.filter(pk=data.get("provider")).first()
    if provider is None or not provider.end_session_endpoint:
        return ""
    if provider.is_saml:
        return saml.logout_url(request, provider, data.get("saml") or {})
    query = urlencode(
        {
            "client_id": provider.client_id,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("account_login")),
        }
    )
    separator = "&" if "?" in provider.end_session_endpoint else "?"
    return f"{provider.end_session_endpoint}{separator}{query}"
