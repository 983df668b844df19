from __future__ import annotations

import logging
from urllib.parse import urlencode

import requests
from allauth.account.utils import get_next_redirect_url
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.models import SocialAccount
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from onelogin.saml2.errors import OneLogin_Saml2_Error

from ..audit import audit_record
from ..models import AuditEvent
from ..office_views import office_required
from .forms import IdentityProviderForm, SSOLoginForm
from .models import IdentityProvider
from .reauth import STATE_KEY, provider_for_user

logger = logging.getLogger(__name__)


@login_not_required
@require_http_methods(["GET", "POST"])
def sso_login(request):
    """ "Mit dem Konto Ihrer Behörde anmelden": the e-mail domain chooses the provider."""
    form = SSOLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        provider = get_social_adapter(request).get_provider(request, form.provider.provider_id)
        # OIDC: the address as login_hint; SAML's AuthnRequest has no such parameter here.
        extra = {} if form.provider.is_saml else {"auth_params": {"login_hint": form.cleaned_data["email"]}}
        try:
            # allauth reads the provider's discovery document or SAML metadata here (a request to it).
            return provider.redirect(request, process="login", next_url=get_next_redirect_url(request), **extra)
        except (requests.RequestException, OSError, ValueError, KeyError, OneLogin_Saml2_Error):
            logger.warning("Anmeldedienst %s nicht erreichbar", form.provider.provider_id, exc_info=True)
            form.add_error(
                None,
                f"Der Anmeldedienst Ihrer Behörde („{form.provider.partner}“) ist zurzeit nicht erreichbar. Bitte "
                "versuchen Sie es später noch einmal oder melden Sie sich mit E-Mail-Adresse und Passwort an.",
            )
    return render(request, "partner/sso/login.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sso_reauthenticate(request):
    """Confirm one's identity with a fresh login at the authority's provider (partner.sso.reauth)."""
    if not SocialAccount.objects.filter(user=request.user).exists():
        # Not linked to any provider: allauth's page (password or second factor) is the one.
        url = reverse("account_reauthenticate")
        next_url = get_next_redirect_url(request)
        return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)
    provider = provider_for_user(request.user)
    if request.method == "POST" and provider is not None:
        next_url = get_next_redirect_url(request) or reverse("partner:profile")
        social = get_social_adapter(request).get_provider(request, provider.provider_id)
        data = {STATE_KEY: request.user.pk}
        if provider.is_saml:
            extra = {"force_authn": True}
        else:
            extra = {"auth_params": {"prompt": "login", "max_age": "0", "login_hint": request.user.email}}
        try:
            return social.redirect(request, process="login", next_url=next_url, data=data, **extra)
        except (requests.RequestException, OSError, ValueError, KeyError, OneLogin_Saml2_Error):
            logger.warning("Anmeldedienst %s nicht erreichbar", provider.provider_id, exc_info=True)
            messages.error(
                request,
                f"Der Anmeldedienst Ihrer Behörde („{provider.partner}“) ist zurzeit nicht erreichbar. Bitte "
                "versuchen Sie es später noch einmal.",
            )
    return render(
        request,
        "partner/sso/reauthenticate.html",
        {"provider": provider, "redirect_field_value": get_next_redirect_url(request) or ""},
    )


@office_required
def provider_list(request):
    providers = IdentityProvider.objects.select_related("partner")
    return render(request, "partner/sso/provider_list.html", {"providers": providers})


def _audited_save(request, form: IdentityProviderForm, action: str) -> IdentityProvider:
    with transaction.atomic():
        provider = form.save()
        fields = [name for name in form.changed_data if name != "client_secret"]
        if "client_secret" in form.changed_data:
            fields.append("client_secret (neu gesetzt)")
        audit_record(
            kind=AuditEvent.Kind.ADMIN_CHANGE,
            actor=request.user,
            detail={
                "model": "Anmeldedienst",
                "object": str(provider),
                "action": action,
                "message": [{"changed": {"fields": fields}}],
            },
            target=f"partner.identityprovider:{provider.pk}",
        )
    return provider


@office_required
@require_http_methods(["GET", "POST"])
def provider_create(request):
    form = IdentityProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        provider = _audited_save(request, form, "add")
        messages.success(request, f"Der Anmeldedienst „{provider.name}“ ist eingerichtet.")
        return redirect("partner:sso_provider_list")
    return render(request, "partner/sso/provider_form.html", {"form": form, "provider": None})


@office_required
@require_http_methods(["GET", "POST"])
def provider_edit(request, pk: int):
    provider = get_object_or_404(IdentityProvider.objects.select_related("partner"), pk=pk)
    form = IdentityProviderForm(request.POST or None, instance=provider)
    if request.method == "POST" and form.is_valid():
        _audited_save(request, form, "change")
        messages.success(request, f"Der Anmeldedienst „{provider.name}“ ist gespeichert.")
        return redirect("partner:sso_provider_list")
    return render(request, "partner/sso/provider_form.html", {"form": form, "provider": provider})
