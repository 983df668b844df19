"""Re-authentication at the authority's provider, where the portal asks for it.

allauth asks for the password (or a second factor) again before sensitive steps (own data,
deletion request, e-mail change, second-factor set-up). A person who logs in only through her
authority's provider has neither, and allauth then lets her pass without asking anything
("reauthentication over at the social account provider … is currently not implemented").
Here the portal asks the provider instead: the page `partner:sso_reauthenticate` sends her to a
fresh login there (OIDC `prompt=login`/`max_age=0`, SAML `ForceAuthn`); the adapter checks on
the way back that the same person came back and records a re-authentication as allauth does for
a password, so allauth's own rule (REAUTHENTICATION_TIMEOUT) applies to it afterwards.

- `needs_provider_reauthentication`: such a person, without a recent re-authentication;
- `reauthentication_required`: allauth's decorator plus this case (for the portal's own views);
- `SSOReauthenticationMiddleware`: the same for allauth's own pages that ask for re-authentication;
- `method`: the entry for allauth's list of re-authentication methods (partner.adapter).
"""

from __future__ import annotations

import time
from functools import wraps

from allauth.account import app_settings as account_settings
from allauth.account.decorators import reauthentication_required as allauth_reauthentication_required
from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.internal.flows.reauthentication import get_reauthentication_flows, suspend_request
from allauth.core.exceptions import ReauthenticationRequired
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from .models import IdentityProvider

# In the state of the provider login: this login re-authenticates the user with this pk.
STATE_KEY = "siko_reauthenticate"
# allauth's pages that ask password users for re-authentication (all methods, or POST only).
_ALLAUTH_PAGES = {"mfa_activate_totp", "mfa_add_webauthn", "mfa_generate_recovery_codes"}
_ALLAUTH_POSTS = {"account_email", "account_set_password", "socialaccount_connections"}


def provider_for_user(user) -> IdentityProvider | None:
    slugs = SocialAccount.objects.filter(user=user).values("provider")
    return IdentityProvider.objects.active().select_related("partner").filter(partner__slug__in=slugs).first()


def is_provider_only(user) -> bool:
    """No password, no second factor: allauth knows no way to re-authenticate this person."""
    return (
        user.is_authenticated
        and not get_reauthentication_flows(user)
        and SocialAccount.objects.filter(user=user).exists()
    )


def recently_reauthenticated(request) -> bool:
    records = [r for r in get_authentication_records(request, request.user) if r.get("reauthenticated")]
    return bool(records) and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT


def needs_provider_reauthentication(request) -> bool:
    return is_provider_only(request.user) and not recently_reauthenticated(request)


def reauthentication_required(view):
    """allauth's `@reauthentication_required`, which also asks people who log in only through a provider."""
    checked = allauth_reauthentication_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated and needs_provider_reauthentication(request):
            raise ReauthenticationRequired()  # allauth's middleware sends to the first method (`method`)
        return checked(request, *args, **kwargs)

    return wrapper


class SSOReauthenticationMiddleware:
    """For allauth's own pages: they ask only people with a password or a second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.view_name if match else ""
        asks = name in _ALLAUTH_PAGES or (name in _ALLAUTH_POSTS and request.method == "POST")
        if asks and getattr(request, "user", None) is not None and needs_provider_reauthentication(request):
            # As allauth's middleware answers ReauthenticationRequired (which it sees only from views).
            return suspend_request(request, reverse("partner:sso_reauthenticate"))
        return None


def method(user) -> dict | None:
    """The provider as a re-authentication method in allauth's list, for anybody linked to one."""
    if not user.is_authenticated or not SocialAccount.objects.filter(user=user).exists():
        return None
    return {
        "id": "sso_reauthenticate",
        "description": "Beim Anmeldedienst Ihrer Behörde bestätigen",
        "url": reverse("partner:sso_reauthenticate"),
    }
