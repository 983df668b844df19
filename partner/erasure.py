"""Deletion of an account at the person's request (Art. 17 DSGVO): request, decline, confirm.

The person asks, the Geschäftsstelle confirms or declines with a reason. Confirming erases the
account in one transaction: every app removes or ends what it holds about the person
(`partner.data_protection.erase_everywhere`), the account row stays anonymised so that
contributions keep "ehemaliges Mitglied" as their author. The audit log is append-only and keeps
its entries, names included, until their retention period ends (README: "Protokoll und Datenschutz").
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from common.mail import absolute_url, send_after_commit

from .audit import audit_record
from .data_protection import erase_everywhere
from .models import AuditEvent, DeletionRequest, User


class ErasureError(Exception):
    """A step the request's current state does not allow; the message is for users."""


def _target(deletion_request: DeletionRequest) -> str:
    return f"partner.deletionrequest:{deletion_request.pk}"


def _refusal(deletion_request: DeletionRequest) -> str:
    when = f" am {timezone.localtime(deletion_request.decided_at):%d.%m.%Y}" if deletion_request.decided_at else ""
    return {
        DeletionRequest.Status.CONFIRMED: f"Dieser Löschantrag wurde bereits{when} bestätigt; das Konto ist gelöscht.",
        DeletionRequest.Status.DECLINED: f"Dieser Löschantrag wurde bereits{when} abgelehnt.",
        DeletionRequest.Status.WITHDRAWN: f"Dieser Löschantrag wurde{when} von der Person zurückgezogen.",
    }.get(deletion_request.status, "Dieser Löschantrag ist nicht mehr offen.")


def deletion_request_create(*, user: User, reason: str = "") -> DeletionRequest:
    with transaction.atomic():
        # Lock the account: a double click must not file two requests.
        locked = User.objects.select_for_update().get(pk=user.pk)
        existing = DeletionRequest.objects.open().filter(user=locked).first()
        if existing is not None:
            raise ErasureError(
                f"Sie haben die Löschung Ihres Kontos bereits am "
                f"{timezone.localtime(existing.requested_at):%d.%m.%Y} beantragt. "
                "Die Geschäftsstelle entscheidet darüber."
            )
        if not locked.is_admitted:
            raise ErasureError("Nur ein zugelassenes Konto kann seine Löschung beantragen.")
        deletion_request = DeletionRequest.objects.create(user=locked, reason=reason.strip())
        audit_record(
            kind=AuditEvent.Kind.DELETION_REQUESTED, actor=locked, subject=locked, target=_target(deletion_request)
        )
        send_after_commit(
            "partner/email/deletion_requested",
            {
                "account": locked,
                "deletion_request": deletion_request,
                "url": absolute_url(reverse("partner:deletion_request_detail", args=[deletion_request.pk])),
            },
            settings.SIKO_OFFICE_EMAILS,
        )
    return deletion_request


def deletion_request_withdraw(*, user: User) -> bool:
    """False if there was no open request."""
    with transaction.atomic():
        deletion_request = DeletionRequest.objects.select_for_update().open().filter(user=user).first()
        if deletion_request is None:
            return False
        deletion_request.status = DeletionRequest.Status.WITHDRAWN
        deletion_request.decided_at = timezone.now()
        deletion_request.save(update_fields=["status", "decided_at"])
        audit_record(
            kind=AuditEvent.Kind.DELETION_WITHDRAWN, actor=user, subject=user, target=_target(deletion_request)
        )
    return True


def _lock_open(deletion_request: DeletionRequest, by: User) -> DeletionRequest:
    locked = DeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
    if not locked.is_open:
        raise ErasureError(_refusal(locked))
    if locked.user_id == by.pk:
        raise ErasureError("Über Ihren eigenen Löschantrag entscheidet eine andere Person der Geschäftsstelle.")
    return locked


def deletion_request_decline(*, deletion_request: DeletionRequest, by: User, reason: str) -> DeletionRequest:
    reason = reason.strip()
    if not reason:
        raise ErasureError("Bitte geben Sie eine Begründung an; sie wird der Person mitgeteilt.")
    with transaction.atomic():
        locked = _lock_open(deletion_request, by)
        locked.status = DeletionRequest.Status.DECLINED
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.decline_reason = reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
        audit_record(
            kind=AuditEvent.Kind.DELETION_DECLINED,
            actor=by,
            subject=locked.user,
            detail={"reason": reason[:500]},
            target=_target(locked),
        )
        send_after_commit(
            "partner/email/deletion_declined",
            {"user": locked.user, "deletion_request": locked, "profile_url": absolute_url(reverse("partner:profile"))},
            [locked.user.email],
        )
    return locked


def deletion_request_confirm(*, deletion_request: DeletionRequest, by: User) -> bool:
    """Erase the account; False if this request was already confirmed (nothing happens twice)."""
    with transaction.atomic():
        current = DeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
        if current.status == DeletionRequest.Status.CONFIRMED:
            return False
        locked = _lock_open(current, by)
        user = User.objects.select_for_update().get(pk=locked.user_id)
        # Recorded before the name goes: the log says whose account was erased, for its period.
        audit_record(
            kind=AuditEvent.Kind.ACCOUNT_ERASED,
            actor=by,
            subject=user,
            detail={"request": locked.pk},
            target=_target(locked),
        )
        # Plain strings: the mail is rendered after the commit, when the account is anonymised.
        send_after_commit("partner/email/deletion_confirmed", {"name": user.get_full_name()}, [user.email])
        erase_everywhere(user, by=by)
        locked.status = DeletionRequest.Status.CONFIRMED
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.reason = ""  # the person's own words may name them
        locked.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    return True
