"""The portal's audit log: one function records an event, every app may call it.

`AuditEvent` rows are only ever added (see the model). What goes into `detail` is chosen by
the caller and must never contain a password, a hash or a secret: field *names* of an admin
change, old and new address of an e-mail change, a reason.
"""

from __future__ import annotations

from typing import Any

from .models import AuditEvent, User, name_snapshot

# Who acted when nobody was logged in: the holder of the new address confirmed it by link.
CONFIRMATION_LINK_ACTOR = "Bestätigungslink an die neue Adresse"


def audit_record(
    *,
    kind: str,
    actor: User | None,
    subject: User | None = None,
    detail: dict[str, Any] | None = None,
    actor_name: str = "",
) -> AuditEvent:
    """Record an event; `actor_name` is needed only when no account acted."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_name=name_snapshot(actor) if actor is not None else actor_name,
        subject=subject,
        subject_name=name_snapshot(subject) if subject is not None else "",
        detail=detail or {},
    )


def record_email_changed(sender, request, user, from_email_address, to_email_address, **kwargs) -> None:
    """allauth's `email_changed`: the new address is confirmed and is now the login address.

    allauth itself tells the old address (ACCOUNT_EMAIL_NOTIFICATIONS); this keeps the record.
    allauth sends the signal also when a registration's first address is confirmed (no old
    address): that is no change.
    """
    if from_email_address is None:
        return
    actor = getattr(request, "user", None)
    audit_record(
        kind=AuditEvent.Kind.EMAIL_CHANGED,
        actor=actor,
        actor_name=CONFIRMATION_LINK_ACTOR,
        subject=user,
        detail={"old": from_email_address.email, "new": to_email_address.email},
    )
