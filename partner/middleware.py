"""Second factor for every role that can change or see more than a member.

Which roles those are, each app decides with its own rule: partner knows the Geschäftsstelle
(and operators), the other apps list theirs in `settings.SIKO_MFA_REQUIRED_RULES` (dotted
paths to `rule(user) -> bool`, like SIKO_PROFILE_SECTIONS), because partner imports no other
app of ours.

Cost per request: the check runs at login and its answer is kept in the session. A login
that passed a second factor (allauth records it in the session) is not checked again until a
factor is removed; any other session is checked again at most every
SIKO_MFA_RECHECK_SECONDS, so a role granted during a session is enforced within that time,
and ordinary members cause no query on the requests in between.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.module_loading import import_string

from .sessions import sessions_end

# Pages a user who must set up a second factor may still open: the set-up itself (every
# mfa_* page), re-authentication (which the set-up asks for), logout and the legal notices.
_EXEMPT_URL_NAMES = {
    "account_logout",
    "account_reauthenticate",
    "impressum",
    "datenschutz",
    "barrierefreiheit",
}

# Either kind counts as a second factor; recovery codes alone never exist (allauth creates
# them with the first factor and deletes them with the last).
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)

# Session key: "mfa" once this login passed a second factor, otherwise the time (epoch
# seconds) until which the last check stays valid.
SESSION_KEY = "siko_mfa_checked"
_PASSED = "mfa"

MESSAGE = (
    "Für Ihre Rolle im Portal ist die Zwei-Faktor-Authentifizierung Pflicht. Bitte richten Sie "
    "jetzt eine Authenticator-App oder einen Sicherheitsschlüssel (Passkey) ein."
)


def office_requires_mfa(user) -> bool:
    """partner's own rule: the Geschäftsstelle and the operators (admin accounts)."""
    return user.is_superuser or user.is_staff or user.is_geschaeftsstelle


def _rules() -> list[Callable[[object], bool]]:
    return [office_requires_mfa, *(import_string(path) for path in settings.SIKO_MFA_REQUIRED_RULES)]


def requires_mfa(user) -> bool:
    """Whether the user's roles demand a second factor (partner's own rule first, it is cheapest)."""
    return user.is_authenticated and any(rule(user) for rule in _rules())


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exists()


def login_used_mfa(request, user) -> bool:
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


def _check(request, user) -> bool:
    """False if the user must set up a second factor first; otherwise remember the answer."""
    # A login that passed a second factor – the portal's own, or one the authority's identity
    # provider reported and the office trusts (partner.sso) – needs no further check (until a
    # factor is removed); any other session is checked again after the interval, for roles
    # granted meanwhile.
    if login_used_mfa(request, user):
        request.session[SESSION_KEY] = _PASSED
        return True
    if requires_mfa(user) and not has_second_factor(user):
        request.session.pop(SESSION_KEY, None)
        return False
    request.session[SESSION_KEY] = time.time() + settings.SIKO_MFA_RECHECK_SECONDS
    return True


def check_at_login(sender, request, user, **kwargs) -> None:
    """Receiver of user_logged_in: the check runs with the login, not on the first page after it."""
    if request is not None and hasattr(request, "session"):
        _check(request, user)


def role_granted(user) -> None:
    """An app's service granted `user` a role whose rule demands a second factor.

    Without one, her sessions end at once (partner.sessions), so she cannot act in the new role
    until she has logged in again and set one up – instead of for up to SIKO_MFA_RECHECK_SECONDS.
    Roles that reach a person through a group are caught by that recheck.
    """
    if not has_second_factor(user):
        sessions_end([user.pk])


def forget_check(sender, request, **kwargs) -> None:
    """Receiver of allauth's authenticator_removed: the next request checks again."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)


class RequireMFAMiddleware:
    """Users whose role requires a second factor reach only the MFA set-up until they have one.

    allauth has no setting that forces MFA for some users, so this redirects them to the
    overview of second factors, where they choose an authenticator app (TOTP) or a security
    key / passkey (WebAuthn).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        match = request.resolver_match
        url_name = (match.url_name or "") if match else ""
        if url_name.startswith("mfa_") or url_name in _EXEMPT_URL_NAMES:
            return None
        state = request.session.get(SESSION_KEY)
        if state == _PASSED or (isinstance(state, (int, float)) and state > time.time()):
            return None
        if _check(request, user):
            return None
        messages.warning(request, MESSAGE)
        return redirect("mfa_index")
