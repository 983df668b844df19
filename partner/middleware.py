from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect

# Pages an office account without a second factor may still open: the set-up itself,
# re-authentication (which the set-up asks for), logout and the legal notices.
_EXEMPT_URL_NAMES = {
    "account_logout",
    "account_reauthenticate",
    "impressum",
    "datenschutz",
    "barrierefreiheit",
}


class RequireMFAMiddleware:
    """Geschäftsstelle accounts work only with TOTP two-factor authentication set up.

    allauth has no setting that forces MFA for a group, so this redirects such
    users to the TOTP set-up until they have one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not user.is_geschaeftsstelle:
            return None
        match = request.resolver_match
        url_name = (match.url_name or "") if match else ""
        if url_name.startswith("mfa_") or url_name in _EXEMPT_URL_NAMES:
            return None
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return None
        messages.warning(
            request,
            "Für Konten der Geschäftsstelle ist die Zwei-Faktor-Authentifizierung "
            "Pflicht. Bitte richten Sie sie jetzt ein.",
        )
        return redirect("mfa_activate_totp")
