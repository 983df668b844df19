"""Sending an issue in batches: exactly once per address, resumable after any interruption.

Each task run claims a batch of pending Delivery rows (row locks with SKIP LOCKED on
PostgreSQL, an exclusive transaction on SQLite), opens ONE SMTP connection for the batch
and marks every row `sent` right after its own successful hand-over to the mail server.
A claim is a lease (SIKO_NEWSLETTER_CLAIM_SECONDS), renewed while the batch runs; rows of
a worker that died become free again when its lease runs out, and are sent by the next
task. A recipient the server refuses becomes `failed` with the server's answer; the batch
goes on. If the server cannot be reached, the batch's rows are released unchanged and the
task tries again after SIKO_NEWSLETTER_RETRY_SECONDS.

The one residual window, honestly: if the worker dies after the mail server accepted a
mail and before the `sent` mark is committed (one UPDATE, milliseconds), that single mail
is sent again after the lease ran out. At most one mail per killed worker is affected;
every other recipient gets the issue exactly once.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, F, Min, OuterRef, Q
from django.utils import timezone

from common.mail import close_quietly

from .mail import RenderedIssue, issue_message
from .models import Delivery, Issue, Subscriber

logger = logging.getLogger(__name__)


@dataclass
class BatchOutcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    # More rows may be waiting: run the next batch right away.
    more: bool = False
    # Nothing to claim now, but pending rows remain (leased by another worker, or the mail
    # server was unreachable): try again at this time.
    retry_at: datetime | None = None
    finished: bool = False

    def as_dict(self) -> dict:
        data = asdict(self)
        data["retry_at"] = self.retry_at.isoformat() if self.retry_at else None
        return data


@contextmanager
def _claim_transaction():
    """A transaction in which claiming is safe: row locks on PostgreSQL, one writer on SQLite."""
    connection = transaction.get_connection()
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    # SQLite has no SELECT … FOR UPDATE; BEGIN EXCLUSIVE keeps a second worker from
    # reading the same free rows before the first has marked them claimed.
    connection.ensure_connection()
    previous = getattr(connection, "transaction_mode", None)
    connection.transaction_mode = "EXCLUSIVE"
    try:
        with transaction.atomic():
            yield
    finally:
        connection.transaction_mode = previous


def _lease() -> timedelta:
    return timedelta(seconds=settings.SIKO_NEWSLETTER_CLAIM_SECONDS)


def _claim(issue: Issue, token: str, size: int) -> list[Delivery]:
    now = timezone.now()
    with _claim_transaction():
        free = (
            Delivery.objects.filter(issue=issue, status=Delivery.Status.PENDING)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("pk")
        )
        ids = list(free.select_for_update(skip_locked=True).values_list("pk", flat=True)[:size])
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids).update(
            claim_token=token, claimed_until=now + _lease(), attempts=F("attempts") + 1
        )
        Issue.objects.filter(pk=issue.pk).update(last_activity_at=now)
    # Whether each still receives is asked now, of `SubscriberQuerySet.receiving()` (the one rule):
    # someone who unsubscribed (or was deactivated) after the dispatch started gets nothing.
    receiving = Subscriber.objects.receiving().filter(pk=OuterRef("subscriber_id"))
    return list(
        Delivery.objects.filter(pk__in=ids, claim_token=token)
        .select_related("subscriber__user")
        .annotate(receives=Exists(receiving))
    )


def _release(ids: list[int], token: str) -> None:
    Delivery.objects.filter(pk__in=ids, claim_token=token, status=Delivery.Status.PENDING).update(
        claim_token="", claimed_until=None
    )


def _renew(issue: Issue, ids: list[int], token: str) -> set[int]:
    """Extend the lease of the rows still to send; returns those still ours."""
    now = timezone.now()
    Delivery.objects.filter(pk__in=ids, claim_token=token, status=Delivery.Status.PENDING).update(
        claimed_until=now + _lease()
    )
    Issue.objects.filter(pk=issue.pk).update(last_activity_at=now)
    return set(Delivery.objects.filter(pk__in=ids, claim_token=token).values_list("pk", flat=True))


def _finish(delivery: Delivery, token: str, status: str, error: str = "") -> None:
    Delivery.objects.filter(pk=delivery.pk, claim_token=token).update(
        status=status,
        error=error[:2000],
        sent_at=timezone.now() if status == Delivery.Status.SENT else None,
        claim_token="",
        claimed_until=None,
    )


def describe_error(error: Exception) -> str:
    """The mail server's answer in a form the Geschäftsstelle can act on."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = [
            f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for code, message in error.recipients.values()
        ]
        return "Empfänger vom Mailserver abgelehnt: " + "; ".join(answers)
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"Mailserver antwortete {error.smtp_code} {message}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"Verbindung zum Mailserver während des Versands abgebrochen ({error}); Zustellung ungewiss"
    return f"{type(error).__name__}: {error}"


def _wait_for_server(issue: Issue, ids: list[int], token: str, error: Exception) -> BatchOutcome:
    _release(ids, token)
    message = (
        f"Der Mailserver ist nicht erreichbar ({describe_error(error)}). Der Versand wird automatisch fortgesetzt."
    )
    Issue.objects.filter(pk=issue.pk).update(dispatch_error=message, last_activity_at=timezone.now())
    logger.warning("Newsletter %s: %s", issue.pk, message)
    return BatchOutcome(retry_at=timezone.now() + timedelta(seconds=settings.SIKO_NEWSLETTER_RETRY_SECONDS))


def _finish_or_wait(issue: Issue) -> BatchOutcome:
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        pending = locked.deliveries.filter(status=Delivery.Status.PENDING)
        if pending.exists():
            earliest = pending.aggregate(at=Min("claimed_until"))["at"]
            return BatchOutcome(retry_at=max(earliest or timezone.now(), timezone.now()))
        if locked.status == Issue.Status.SENDING:
            now = timezone.now()
            locked.status = Issue.Status.SENT
            locked.dispatch_finished_at = now
            locked.last_activity_at = now
            locked.dispatch_error = ""
            locked.save(update_fields=["status", "dispatch_finished_at", "last_activity_at", "dispatch_error"])
    return BatchOutcome(finished=True)


def run_batch(*, issue_id: int, batch_size: int | None = None) -> BatchOutcome:
    """Send one batch of the issue's pending deliveries over one SMTP connection."""
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status == Issue.Status.DRAFT:
        return BatchOutcome(finished=True)
    token = secrets.token_hex(16)
    deliveries = _claim(issue, token, batch_size or settings.SIKO_NEWSLETTER_BATCH_SIZE)
    if not deliveries:
        return _finish_or_wait(issue)

    rendered = RenderedIssue.of(issue)
    outcome = BatchOutcome(more=True)
    remaining = [d.pk for d in deliveries]
    ours = set(remaining)
    renew_at = timezone.now() + _lease() / 2
    connection = None
    try:
        for delivery in deliveries:
            if timezone.now() >= renew_at:
                ours = _renew(issue, remaining, token)
                renew_at = timezone.now() + _lease() / 2
            if delivery.pk not in ours:
                remaining.remove(delivery.pk)
                continue  # lost the lease (the worker stalled): another worker has it now
            subscriber = delivery.subscriber
            if not delivery.receives:
                _finish(delivery, token, Delivery.Status.SKIPPED)
                outcome.skipped += 1
                remaining.remove(delivery.pk)
                continue
            if connection is None:
                connection = get_connection(fail_silently=False)
                try:
                    connection.open()
                except (smtplib.SMTPException, OSError) as error:
                    connection = None
                    waiting = _wait_for_server(issue, remaining, token, error)
                    waiting.sent, waiting.failed, waiting.skipped = outcome.sent, outcome.failed, outcome.skipped
                    return waiting
            message = issue_message(
                rendered, to=delivery.email, name=subscriber.display_name, subscriber=subscriber, connection=connection
            )
            try:
                connection.send_messages([message])
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
                _finish(delivery, token, Delivery.Status.FAILED, describe_error(error))
                outcome.failed += 1
            except (smtplib.SMTPException, OSError) as error:
                # The connection is gone; this mail's fate is unknown. The next one reconnects.
                _finish(delivery, token, Delivery.Status.FAILED, describe_error(error))
                outcome.failed += 1
                close_quietly(connection)
                connection = None
            else:
                _finish(delivery, token, Delivery.Status.SENT)
                outcome.sent += 1
            remaining.remove(delivery.pk)
    finally:
        if connection is not None:
            close_quietly(connection)
        if remaining:
            _release(remaining, token)
    if outcome.sent and issue.dispatch_error:
        Issue.objects.filter(pk=issue.pk).update(dispatch_error="")
    return outcome
