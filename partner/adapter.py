"""allauth adapter: registration creates an application, login waits for admission."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from common.office import office
from common.redirects import local_path

from .audit import record_locked_out
from .models import User, email_domain
from .services import application_mark_verified

SESSION_STATUS_KEY = "siko_account_status"
# Set when the address was confirmed just now: the status page thanks for it once, not at every login.
SESSION_JUST_CONFIRMED_KEY = "siko_email_just_confirmed"


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The footer's contact details, also for a mail sent without a request (no context processor).
        super().send_mail(template_prefix, email, {"office": office(), **context})

    def is_safe_url(self, url: str) -> bool:
        # allauth's `next` (login, logout, re-authentication) follows the portal's one rule.
        return local_path(url) is not None

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        domain = email_domain(email)
        if domain in settings.SIKO_BLOCKED_EMAIL_DOMAINS:
            raise forms.ValidationError(
                "Bitte verwenden Sie Ihre dienstliche E-Mail-Adresse. Adressen privater "
                "Anbieter wie „%(domain)s“ werden nicht zugelassen.",
                params={"domain": domain},
                code="private_domain",
            )
        return email

    def clean_own_login_email(self, user: User, email: str) -> None:
        """A member changes her login address herself only within her own authority's domains.

        The login address is the key to the account (password reset goes there); an address
        outside the authority is set only by the Geschäftsstelle, on its own page.
        """
        if user.owns_email_domain(email):
            return
        domains = self.own_login_domains(user)
        if not domains:
            raise forms.ValidationError(
                "Für Ihre Behörde ist keine E-Mail-Domain hinterlegt, daher können Sie Ihre "
                "Anmeldeadresse nicht selbst ändern. Bitte wenden Sie sich an die Geschäftsstelle.",
                code="foreign_domain",
            )
        raise forms.ValidationError(
            "Sie können Ihre Anmeldeadresse nur in eine Adresse Ihrer eigenen Behörde ändern "
            "(%(domains)s). Für eine Adresse einer anderen Domain wenden Sie sich bitte an die "
            "Geschäftsstelle.",
            params={"domains": self.domain_list(domains)},
            code="foreign_domain",
        )

    @staticmethod
    def domain_list(domains: list[str]) -> str:
        """How the allowed domains read in messages and help texts: "@essen.de, @stadt-essen.de"."""
        return ", ".join(f"@{domain}" for domain in domains)

    def own_login_domains(self, user: User) -> list[str]:
        return sorted(user.partner.domains.values_list("domain", flat=True)) if user.partner_id else []

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.partner = data.get("partner")
        user.other_authority = data.get("other_authority", "").strip()
        user.unit = data["unit"]
        user.function = data["function"]
        user.phone = data.get("phone", "")
        user.access_reason = data["access_reason"]
        user.status = User.Status.APPLIED
        if commit:
            user.save()
        return user

    def pre_login(self, request, user, **kwargs):
        # A fresh applicant is inactive but must still get (or get again) the
        # verification mail; allauth's verification stage sends it and stops there.
        if user.status == User.Status.APPLIED and not EmailAddress.objects.filter(user=user, verified=True).exists():
            return None
        return super().pre_login(request, user, **kwargs)

    def pre_authenticate(self, request, **credentials) -> None:
        # allauth's login rate limit answers with a form error and sends no signal: the refusal
        # is a lock-out and belongs in the audit log.
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError:
            record_locked_out(request, credentials)
            raise

    def get_login_stages(self) -> list[str]:
        # allauth's MFA stage, also satisfied by a provider's trusted second factor (partner.sso).
        stages = super().get_login_stages()
        return [
            "partner.sso.stages.AuthenticateStage" if s == "allauth.mfa.stages.AuthenticateStage" else s for s in stages
        ]

    def get_reauthentication_methods(self, user) -> list[dict]:
        # Also the authority's provider (partner.sso.reauth): the only way for people without a password.
        from .sso.reauth import method

        methods = super().get_reauthentication_methods(user)
        sso = method(user)
        return [*methods, sso] if sso else methods

    def get_logout_redirect_url(self, request) -> str:
        # After an SSO login, the logout ends the session at the authority's provider too.
        from .sso.logout import provider_logout_url

        return provider_logout_url(request) or super().get_logout_redirect_url(request)

    def respond_user_inactive(self, request, user):
        request.session[SESSION_STATUS_KEY] = user.status
        return redirect("partner:application_status")

    def confirm_email(self, request, email_address) -> bool:
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            application_mark_verified(user=email_address.user)
        return confirmed

    def get_email_verification_redirect_url(self, email_address) -> str:
        user = email_address.user
        if user.is_active:
            return super().get_email_verification_redirect_url(email_address)
        self.request.session[SESSION_STATUS_KEY] = user.status
        self.request.session[SESSION_JUST_CONFIRMED_KEY] = True
        return reverse("partner:application_status")
