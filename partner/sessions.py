"""Session lifetime and session identity.

- A logged-in session ends after SIKO_SESSION_IDLE_MINUTES without a request and, whatever
  the activity, SIKO_SESSION_MAX_HOURS after the login (shared office computers).
- The session id changes at login (Django), after a re-authentication or a newly added second
  factor in the same session (here), and a change of an account's rights or status ends all of
  that person's sessions: a session that was opened with fewer rights (say, without a second
  factor) never carries more.

The checks read two timestamps from the session, which is loaded for every request anyway;
the last-activity stamp is written at most once per SESSION_TOUCH_SECONDS, so an active user
costs one session write a minute, not one per request.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from allauth.account.signals import authentication_step_completed
from allauth.mfa.signals import authenticator_added
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from common.actors import request_user

from .models import User

STARTED_KEY = "siko_session_started"
SEEN_KEY = "siko_session_seen"
# The idle clock is exact to this many seconds; in exchange an active user costs one session
# write per interval instead of one per request.
SESSION_TOUCH_SECONDS = 60

IDLE_MESSAGE = (
    "Sie wurden abgemeldet, weil Sie %(minutes)d Minuten lang nicht im Portal aktiv waren. "
    "Bitte melden Sie sich erneut an."
)
MAX_AGE_MESSAGE = (
    "Ihre Sitzung hat die Höchstdauer von %(hours)d Stunden erreicht und wurde beendet. "
    "Bitte melden Sie sich erneut an."
)

# Account fields that decide what a person may do (is_active follows status).
PRIVILEGE_FIELDS = ("status", "is_active", "is_staff", "is_superuser")


def now() -> float:
    """The clock of the session checks (tests move it)."""
    return time.time()


def _expiry_reason(session, at: float) -> str | None:
    started = session.get(STARTED_KEY)
    seen = session.get(SEEN_KEY)
    if started is None or seen is None:
        # A session from before this check existed: it starts counting now.
        session[STARTED_KEY] = session[SEEN_KEY] = at
        return None
    if at - started >= settings.SIKO_SESSION_MAX_HOURS * 3600:
        return MAX_AGE_MESSAGE % {"hours": settings.SIKO_SESSION_MAX_HOURS}
    if at - seen >= settings.SIKO_SESSION_IDLE_MINUTES * 60:
        return IDLE_MESSAGE % {"minutes": settings.SIKO_SESSION_IDLE_MINUTES}
    if at - seen >= SESSION_TOUCH_SECONDS:
        session[SEEN_KEY] = at
    return None


class SessionLifetimeMiddleware:
    """Logs out a session that was idle too long or is older than the maximum.

    Placed after AuthenticationMiddleware and before LoginRequiredMiddleware: the request goes
    on as anonymous, so a closed page answers with the login redirect as usual; the message
    is added in process_view, once the message storage exists.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        # Without a session cookie there is nothing to load or check (no query).
        if session.session_key is not None and session.get(SESSION_KEY) is not None:
            reason = _expiry_reason(session, now())
            if reason:
                logout(request)
                request.siko_session_ended = reason  # type: ignore[attr-defined]
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        reason = getattr(request, "siko_session_ended", None)
        if reason:
            messages.warning(request, reason)


@receiver(user_logged_in, dispatch_uid="partner.sessions.start")
def _start_clock(sender, request: HttpRequest | None = None, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[STARTED_KEY] = request.session[SEEN_KEY] = now()


def session_rotate(request: HttpRequest) -> None:
    """A new session id for the same session data (after a privilege step in this session).

    allauth's session list (UserSession) is keyed by the id: it follows, so that ending a
    person's sessions still finds this one.
    """
    old_key = request.session.session_key
    request.session.cycle_key()
    if old_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)


@receiver(authentication_step_completed, dispatch_uid="partner.sessions.reauthenticated")
def _rotate_after_reauthentication(sender, request: HttpRequest, **kwargs) -> None:
    # During a login the user is still anonymous here and login() itself rotates the id;
    # a logged-in user completing a step has re-authenticated (password or second factor).
    if request_user(request) is not None:
        session_rotate(request)


@receiver(authenticator_added, dispatch_uid="partner.sessions.mfa_added")
def _rotate_after_new_factor(sender, request: HttpRequest, **kwargs) -> None:
    session_rotate(request)


def sessions_end(user_ids: Iterable[int]) -> None:
    """End every session of these accounts (they must log in again)."""
    user_ids = list(user_ids)
    if not user_ids:
        return
    session_keys = list(UserSession.objects.filter(user_id__in=user_ids).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=session_keys).delete()
    UserSession.objects.filter(user_id__in=user_ids).delete()


# --- A change of rights or status ends the person's sessions ------------------------------------


@receiver(pre_save, sender=User, dispatch_uid="partner.sessions.privileges_before")
def _remember_privileges(sender, instance: User, update_fields=None, raw: bool = False, **kwargs) -> None:
    # Saves that touch no privilege field (last_login at every login, profile edits with
    # update_fields) cost nothing here; neither does loading fixtures.
    if raw or instance.pk is None or (update_fields is not None and not set(update_fields) & set(PRIVILEGE_FIELDS)):
        return
    before = User.objects.filter(pk=instance.pk).values(*PRIVILEGE_FIELDS).first()
    if before is not None and any(before[field] != getattr(instance, field) for field in PRIVILEGE_FIELDS):
        instance._siko_privileges_changed = True  # type: ignore[attr-defined]


@receiver(post_save, sender=User, dispatch_uid="partner.sessions.privileges_after")
def _end_sessions_on_privilege_change(sender, instance: User, created: bool, **kwargs) -> None:
    if getattr(instance, "_siko_privileges_changed", False):
        del instance._siko_privileges_changed
        # In the same transaction as the change: both stand or fall together.
        with transaction.atomic():
            sessions_end([instance.pk])


def _end_sessions_on_membership_change(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action == "pre_clear" and reverse:
        # group.user_set.clear(): who loses the group is only known before.
        instance._siko_cleared_users = list(instance.user_set.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        sessions_end([instance.pk])
    elif action == "post_clear":
        sessions_end(getattr(instance, "_siko_cleared_users", []))
    else:
        sessions_end(pk_set or [])


# Groups (Geschäftsstelle and any other) and direct permissions are rights too.
m2m_changed.connect(
    _end_sessions_on_membership_change, sender=User.groups.through, dispatch_uid="partner.sessions.groups"
)
m2m_changed.connect(
    _end_sessions_on_membership_change, sender=User.user_permissions.through, dispatch_uid="partner.sessions.perms"
)
