"""allauth's social-account adapter: providers from `IdentityProvider`, admission, linking, MFA.

Every SSO login passes `pre_social_login` before allauth logs anybody in:
- the provider must assert a *verified* address in a domain of its own authority, otherwise the
  login is refused (and recorded); an unverified claim never links or creates anything;
- an existing password account of that address is linked only if it belongs to that authority;
- a new person becomes a verified applicant, admitted at once when the provider's policy says
  so and the claims carry the entitlement – both through partner.services;
- a second factor reported by the provider counts only where the office trusts it (policy).
"""

from __future__ import annotations

import time

from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse

from .. import services
from ..audit import account_for_login, audit_record, client_ip
from ..models import AuditEvent, User
from . import saml
from .models import IdentityProvider
from .reauth import STATE_KEY as REAUTH_STATE_KEY

# A re-authentication's login at the provider must be this fresh (OIDC auth_time, in seconds).
REAUTH_MAX_AGE = 300
# Session key: the provider of this login (for logout and the CSP of the logout form).
SESSION_KEY = "siko_sso"


def claims_of(sociallogin, provider: IdentityProvider) -> dict:
    """OIDC: the ID token's claims with the userinfo's on top (amr/acr are only in the ID token).
    SAML: the assertion's attributes, address and AuthnContextClassRef (partner.sso.saml)."""
    data = sociallogin.account.extra_data or {}
    if provider.is_saml:
        return saml.claims(provider, data)
    return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}


def provider_of(sociallogin) -> IdentityProvider | None:
    return (
        IdentityProvider.objects.active()
        .select_related("partner")
        .filter(partner__slug=sociallogin.account.provider)
        .first()
    )


def social_app(provider: IdentityProvider) -> SocialApp:
    """allauth's app for a provider, built from our row and never saved (SocialApp stays empty)."""
    if provider.is_saml:
        return saml.social_app(provider)
    return SocialApp(
        provider="openid_connect",
        provider_id=provider.provider_id,
        name=provider.name,
        client_id=provider.client_id,
        secret=provider.client_secret(),
        settings={"server_url": provider.issuer, "oauth_pkce_enabled": True},
    )


def remember_provider_session(request, sociallogin, provider: IdentityProvider) -> None:
    """The provider of this session: for the logout there and the CSP of the logout form."""
    data = {"provider": provider.pk, "origins": provider.origins()}
    if provider.is_saml:
        # NameID and SessionIndex: the LogoutRequest at logout names the IdP's session (saml.logout_url).
        data["saml"] = saml.session_data(sociallogin.account.extra_data or {})
    request.session[SESSION_KEY] = data


def refuse(request, message: str, *, provider: IdentityProvider | None, email: str = "", user=None):
    # As for a failed password login (partner.audit): the address is kept only as the account it
    # belongs to, never as text.
    audit_record(
        kind=AuditEvent.Kind.SSO_REFUSED,
        actor=None,
        actor_name=f"Anmeldedienst {provider.partner}" if provider else "Anmeldedienst",
        subject=user or account_for_login(email),
        detail={"reason": message, "provider": provider.provider_id if provider else ""},
        ip_address=client_ip(request),  # a refused sign-in, kept for the login group's period
    )
    response = render(request, "partner/sso/refused.html", {"message": message, "provider": provider}, status=403)
    raise ImmediateHttpResponse(response)


def admission_reason(provider: IdentityProvider) -> str:
    return (
        f"zugelassen über Anmeldedienst der Behörde „{provider.partner}“ "
        f"(Berechtigung „{provider.entitlement_value}“ im Claim „{provider.entitlement_claim}“)"
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None) -> list[SocialApp]:
        # `provider` is allauth's provider type ("openid_connect", "saml") or our id (the slug);
        # allauth's SAML views ask by client_id, which is the slug there.
        providers = IdentityProvider.objects.active().select_related("partner")
        if provider == "openid_connect":
            providers = providers.filter(protocol=IdentityProvider.Protocol.OIDC)
        elif provider == "saml":
            providers = providers.filter(protocol=IdentityProvider.Protocol.SAML)
        elif provider:
            providers = providers.filter(partner__slug=provider)
        apps = [social_app(row) for row in providers]
        return [app for app in apps if not client_id or app.client_id == client_id]

    def list_providers(self, request):
        # Offered to a signed-in person (connections page): only her own authority's provider, the
        # only one the linking rule lets her link. Before login, the login page finds it by domain.
        providers = super().list_providers(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            slug = user.partner.slug if user.partner_id else None
            providers = [provider for provider in providers if provider.app.provider_id == slug]
        return providers

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        # pre_social_login has checked the address; allauth's own signup form never appears.
        return True

    def pre_social_login(self, request, sociallogin) -> None:
        provider = provider_of(sociallogin)
        if provider is None:
            refuse(request, "Dieser Anmeldedienst ist im Portal nicht (mehr) eingerichtet.", provider=None)
        claims = claims_of(sociallogin, provider)
        if provider.is_saml and not saml.has_lasting_identifier(provider, sociallogin.account.extra_data or {}):
            refuse(
                request,
                "Der Anmeldedienst Ihrer Behörde übermittelt nur eine wechselnde Kennung (transiente NameID). Die IT "
                "Ihrer Behörde muss eine dauerhafte Kennung senden; bitte melden Sie sich bis dahin mit Ihrem "
                "Passwort an.",
                provider=provider,
                email=str(claims.get("email") or ""),
            )
        email = str(claims.get("email") or "").strip().lower()
        if not email or claims.get("email_verified") is not True:
            refuse(
                request,
                "Der Anmeldedienst Ihrer Behörde hat keine bestätigte E-Mail-Adresse übermittelt. Bitte wenden Sie "
                "sich an die IT Ihrer Behörde oder melden Sie sich mit Ihrem Passwort an.",
                provider=provider,
                email=email,
            )
        if (
            not provider.partner.domains.exists()
            or not type(provider.partner).objects.for_email(email).filter(pk=provider.partner_id).exists()
        ):
            refuse(
                request,
                f"Die Adresse {email} gehört nicht zu einer E-Mail-Domain der Behörde „{provider.partner}“.",
                provider=provider,
                email=email,
            )
        if (sociallogin.state.get("data") or {}).get(REAUTH_STATE_KEY):
            self._reauthenticated(request, sociallogin, provider, claims)
        # The address as the portal knows it: verified by the authority's own provider.
        sociallogin.email_addresses = [EmailAddress(email=email, verified=True, primary=True)]
        if not sociallogin.is_existing:
            account = User.objects.filter(email__iexact=email).select_related("partner").first()
            if account is not None:
                self._link(request, sociallogin, provider, account, email)
        if sociallogin.is_existing:
            self._identified(request, sociallogin, provider, claims)

    def _reauthenticated(self, request, sociallogin, provider: IdentityProvider, claims: dict) -> None:
        """A fresh login at the provider for the portal's re-authentication (partner.sso.reauth)."""
        user = request.user
        wanted = sociallogin.state["data"][REAUTH_STATE_KEY]
        if not user.is_authenticated or user.pk != wanted or not sociallogin.is_existing or sociallogin.user != user:
            refuse(
                request,
                "Beim Anmeldedienst hat sich eine andere Person angemeldet als die, die im Portal angemeldet ist.",
                provider=provider,
                email=str(claims.get("email") or ""),
                user=user if user.is_authenticated else None,
            )
        auth_time = claims.get("auth_time")
        if isinstance(auth_time, (int, float)) and time.time() - auth_time > REAUTH_MAX_AGE:
            refuse(
                request,
                "Der Anmeldedienst hat keine neue Anmeldung bestätigt. Bitte versuchen Sie es noch einmal.",
                provider=provider,
                user=user,
            )
        record_authentication(
            request,
            user,
            "socialaccount",
            reauthenticated=True,
            provider=provider.provider_id,
            uid=sociallogin.account.uid,
        )
        next_url = sociallogin.state.get("next") or reverse("partner:profile")
        raise ImmediateHttpResponse(redirect(next_url))

    def _link(self, request, sociallogin, provider: IdentityProvider, account: User, email: str) -> None:
        """An existing password account of the same address joins this provider."""
        if account.partner_id != provider.partner_id:
            refuse(
                request,
                "Zu dieser Adresse gibt es ein Konto einer anderen Behörde. Die Geschäftsstelle muss es zuerst "
                "Ihrer Behörde zuordnen.",
                provider=provider,
                email=email,
                user=account,
            )
        with transaction.atomic():
            sociallogin.connect(request, account)
            EmailAddress.objects.filter(user=account, email__iexact=email).update(verified=True)
            audit_record(
                kind=AuditEvent.Kind.SSO_LINKED,
                actor=None,
                actor_name=f"Anmeldedienst der Behörde {provider.partner}",
                subject=account,
                detail={"provider": provider.provider_id, "reason": provider.name},
            )
        if account.status == User.Status.APPLIED:
            services.application_mark_verified(user=account)

    def _identified(self, request, sociallogin, provider: IdentityProvider, claims: dict) -> None:
        """The person is known: admission by entitlement, the provider's second factor, logout data."""
        user = sociallogin.user
        if user.status == User.Status.VERIFIED and provider.entitles(claims):
            services.application_admit_by_provider(
                user=user, provider_name=str(provider.partner), reason=admission_reason(provider)
            )
        if provider.mfa_asserted(claims):
            # Counts as a passed second factor: allauth's MFA stage and partner.middleware ask for none.
            record_authentication(
                request, user, "mfa", type="identity_provider", provider=provider.provider_id, amr=claims.get("amr")
            )
        remember_provider_session(request, sociallogin, provider)

    def save_user(self, request, sociallogin, form=None):
        provider = provider_of(sociallogin)
        user = sociallogin.user
        user.partner = provider.partner
        user.status = User.Status.APPLIED
        user.access_reason = f"Anmeldung über den Anmeldedienst der Behörde „{provider.partner}“"
        user.set_unusable_password()
        user = super().save_user(request, sociallogin, form)
        services.application_mark_verified(user=user)
        self._identified(request, sociallogin, provider, claims_of(sociallogin, provider))
        return user

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.email = (user.email or "").lower()
        return user
