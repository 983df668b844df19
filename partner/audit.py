"""The portal's audit log: one function records an event, every app may call it.

`AuditEvent` rows are only ever added (see the model). What goes into `detail` is chosen by
the caller and must never contain a password, a hash or a secret: field *names* of an admin
change, old and new address of an e-mail change, a reason.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from common import actors

from .models import AuditEvent, User

# Who acted when nobody was logged in: the holder of the new address confirmed it by link.
CONFIRMATION_LINK_ACTOR = "Bestätigungslink an die neue Adresse"
# Who tried to log in with an address that belongs to no account.
UNKNOWN_LOGIN = "unbekannte Anmeldeadresse"


def audit_record(
    *,
    kind: str,
    actor: User | None,
    subject: User | None = None,
    detail: dict[str, Any] | None = None,
    actor_name: str = "",
    ip_address: str | None = None,
    bereich: str = "",
    target: str = "",
) -> AuditEvent:
    """Record an event; `actor_name` is needed only when no account acted (who acted then)."""
    actor = actors.acting_user(actor)
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_name=actors.actor_name(actor, actor_name),
        subject=subject,
        subject_name=actors.name_snapshot(subject) if subject is not None else "",
        detail=detail or {},
        ip_address=ip_address,
        bereich=bereich[:120],
        target=target[:120],
    )


def record_email_changed(sender, request, user, from_email_address, to_email_address, **kwargs) -> None:
    """allauth's `email_changed`: the new address is confirmed and is now the login address.

    allauth itself tells the old address (ACCOUNT_EMAIL_NOTIFICATIONS); this keeps the record.
    allauth sends the signal also when a registration's first address is confirmed (no old
    address): that is no change.
    """
    if from_email_address is None:
        return
    audit_record(
        kind=AuditEvent.Kind.EMAIL_CHANGED,
        actor=actors.request_user(request),
        actor_name=CONFIRMATION_LINK_ACTOR,
        subject=user,
        detail={"old": from_email_address.email, "new": to_email_address.email},
    )


# --- Security events from Django's, allauth's and allauth.mfa's signals -------------------------
#
# The receivers are connected in PartnerConfig.ready. They record facts only: never the password
# (Django hands failed credentials over with the password masked; we do not read it at all),
# never a code or key of a second factor.


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address by the rate limits' rule (allauth: SIKO_CLIENT_IP_HEADER behind nginx).

    Stored only on the sign-in events (login, failure, lock-out, logout; retention group "login",
    90 days by default), to tell an attack (many addresses, one account) from a typo.
    """
    if request is None:
        return None
    try:
        ip = get_adapter(request).get_client_ip(request)
        return str(ipaddress.ip_address(ip))
    except (PermissionDenied, ValueError, TypeError):
        return None


def _own(kind: str, request: HttpRequest | None, user: User | None, **extra: Any) -> None:
    """An event a person caused on their own account."""
    audit_record(kind=kind, actor=user, subject=user, **extra)


def record_login(sender, request, user, **kwargs) -> None:
    _own(AuditEvent.Kind.LOGIN, request, user, ip_address=client_ip(request))


def record_logout(sender, request, user, **kwargs) -> None:
    # Sent also for an anonymous visitor pressing "Abmelden": nothing happened to any account.
    if user is None or not user.is_authenticated:
        return
    _own(AuditEvent.Kind.LOGOUT, request, user, ip_address=client_ip(request))


def account_for_login(email: Any) -> User | None:
    if not isinstance(email, str) or not email.strip():
        return None
    return User.objects.filter(email__iexact=email.strip()).first()


def record_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """A wrong password (login or re-authentication).

    The typed address is recorded only as the account it belongs to (subject). An address of no
    account is not stored, not even hashed: it is often a password typed into the wrong field,
    and a hash of so short a text is easily reversed. The count of such attempts per IP address
    is what shows an attack.
    """
    subject = account_for_login(credentials.get("email") or credentials.get("username"))
    audit_record(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        actor=None,
        actor_name=actors.actor_name(subject, UNKNOWN_LOGIN),
        subject=subject,
        detail={"step": "password", "known_account": subject is not None},
        ip_address=client_ip(request),
    )


def record_locked_out(request: HttpRequest | None, credentials: dict[str, Any]) -> None:
    """The login rate limit refused an attempt (called from the account adapter)."""
    subject = account_for_login(credentials.get("email") or credentials.get("username"))
    audit_record(
        kind=AuditEvent.Kind.LOCKED_OUT,
        actor=None,
        actor_name=actors.actor_name(subject, UNKNOWN_LOGIN),
        subject=subject,
        detail={"known_account": subject is not None},
        ip_address=client_ip(request),
    )


def record_mfa_failed(sender, request, user, authenticator=None, **kwargs) -> None:
    """A wrong code of the second factor (the password was right)."""
    audit_record(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        actor=None,
        actor_name=actors.name_snapshot(user),
        subject=user,
        detail={"step": "mfa", "type": getattr(authenticator, "type", "")},
        ip_address=client_ip(request),
    )


def _mfa(kind: str):
    def receiver(sender, request, user, authenticator=None, **kwargs) -> None:
        audit_record(
            kind=kind,
            actor=actors.request_user(request) or user,
            subject=user,
            detail={"type": getattr(authenticator, "type", "")},
        )

    receiver.__name__ = f"record_{kind}"  # the dispatch_uid in connect_receivers
    return receiver


record_mfa_added = _mfa(AuditEvent.Kind.MFA_ADDED)
record_mfa_removed = _mfa(AuditEvent.Kind.MFA_REMOVED)
record_mfa_reset = _mfa(AuditEvent.Kind.MFA_RESET)


def record_authenticator_used(sender, request, user, authenticator, **kwargs) -> None:
    # Only a recovery code is worth its own entry: it means the usual factor was not at hand.
    if authenticator.type != "recovery_codes":
        return
    # No address here: it is kept only on the sign-in events (shorter retention), and the
    # login entry that follows carries it.
    _own(AuditEvent.Kind.RECOVERY_CODE_USED, request, user)


def record_password_changed(sender, request, user, **kwargs) -> None:
    _own(AuditEvent.Kind.PASSWORD_CHANGED, request, user)


def record_password_reset(sender, request, user, **kwargs) -> None:
    # Done through the link mailed to the account's address; nobody is logged in.
    audit_record(kind=AuditEvent.Kind.PASSWORD_RESET, actor=user, subject=user)


def connect_receivers() -> None:
    from allauth.account import signals as account_signals
    from allauth.mfa import signals as mfa_signals
    from django.contrib.auth import signals as auth_signals

    pairs = [
        (auth_signals.user_logged_in, record_login),
        (auth_signals.user_logged_out, record_logout),
        (auth_signals.user_login_failed, record_login_failed),
        (account_signals.email_changed, record_email_changed),
        (account_signals.password_changed, record_password_changed),
        (account_signals.password_reset, record_password_reset),
        (mfa_signals.authenticator_added, record_mfa_added),
        (mfa_signals.authenticator_removed, record_mfa_removed),
        (mfa_signals.authenticator_reset, record_mfa_reset),
        (mfa_signals.authenticator_used, record_authenticator_used),
        (mfa_signals.authentication_failed, record_mfa_failed),
    ]
    for signal, receiver in pairs:
        signal.connect(receiver, dispatch_uid=f"partner.audit.{receiver.__name__}")
