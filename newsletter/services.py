"""Subscriptions and dispatch of the newsletter: every write with side effects lives here.

Subscriptions: members subscribe with one click (they are logged in with a verified
address); everybody else confirms by a signed link (double opt-in) before anything is
sent. Dispatch: starting it creates one Delivery row per address in the same transaction
as the status change and the background task, so an issue goes out once or not at all;
the sending itself is in `dispatch.py`; the office's adding and importing of addresses in
`subscribers.py`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from common.actors import name_snapshot
from partner.models import User

from . import content, mail
from .models import Delivery, Issue, Subscriber

logger = logging.getLogger(__name__)

Status = Subscriber.Status
EMAIL_MAX_LENGTH = Subscriber._meta.get_field("email").max_length


class NewsletterError(Exception):
    """An action the current state does not allow; the message is for users."""


def normalise_email(email: str) -> str:
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if local else email.strip()


def _mail_due(subscriber: Subscriber, now) -> bool:
    """At most one confirmation (or notice) per address and period: the form cannot be used to flood a mailbox."""
    last = subscriber.confirmation_sent_at
    return last is None or now - last >= timedelta(minutes=settings.SIKO_NEWSLETTER_MAIL_INTERVAL_MINUTES)


def enqueue_confirmations(ids: list[int]) -> None:
    from .tasks import send_confirmation_requests

    for start in range(0, len(ids), 100):
        send_confirmation_requests.enqueue(ids[start : start + 100])


# --- Subscriptions ------------------------------------------------------------------


def subscription_request(*, email: str, name: str = "") -> None:
    """A public request to subscribe; the answer is the same whatever the address's state.

    A new or still unconfirmed address gets a confirmation link, an address that is
    already subscribed a short notice; an address that unsubscribed may subscribe again
    (this is its own new request). Nothing of this is told to whoever filled in the form.
    """
    email = normalise_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().for_email(email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        email=email, name=name.strip(), source=Subscriber.Source.SELF, requested_at=now
                    )
            except IntegrityError:  # the same address a moment earlier: treat as a repeat
                return
        elif not _mail_due(subscriber, now):
            return
        elif subscriber.status == Status.CONFIRMED:
            subscriber.confirmation_sent_at = now
            subscriber.save(update_fields=["confirmation_sent_at"])
            from .tasks import send_already_subscribed_notice

            send_already_subscribed_notice.enqueue(subscriber.pk)
            return
        else:
            subscriber.status = Status.PENDING
            subscriber.requested_at = now  # a new request voids older confirmation links
            subscriber.unsubscribed_at = None
            subscriber.unsubscribed_via = ""
            if name.strip():
                subscriber.name = name.strip()
            if subscriber.user_id is None:
                subscriber.source = Subscriber.Source.SELF
        subscriber.confirmation_sent_at = now
        subscriber.save()
        enqueue_confirmations([subscriber.pk])


def subscription_confirm(*, subscriber: Subscriber) -> bool:
    """Confirm a pending subscription; False if it was confirmed already."""
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status == Status.CONFIRMED:
            return False
        if locked.status != Status.PENDING:
            raise NewsletterError(
                "Sie haben sich inzwischen vom Newsletter abgemeldet. Wenn Sie ihn wieder erhalten möchten, "
                "melden Sie sich bitte erneut an."
            )
        locked.status = Status.CONFIRMED
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["status", "confirmed_at"])
    subscriber.refresh_from_db()
    return True


def subscription_cancel(*, subscriber: Subscriber, via: str) -> bool:
    """Unsubscribe; False if there was nothing to cancel. External addresses lose their name at once."""
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status == Status.UNSUBSCRIBED:
            return False
        locked.status = Status.UNSUBSCRIBED
        locked.unsubscribed_at = timezone.now()
        locked.unsubscribed_via = via
        if locked.user_id is None:
            locked.name = ""
        locked.save(update_fields=["status", "unsubscribed_at", "unsubscribed_via", "name"])
    subscriber.refresh_from_db()
    return True


def member_subscribe(*, user: User) -> Subscriber:
    """One click in the portal: the member's address is verified, so no confirmation mail."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(user=user).first()
        if subscriber is None:
            # An external subscription of the same address becomes the member's.
            subscriber = Subscriber.objects.select_for_update().for_email(user.email).filter(user=None).first()
        if subscriber is None:
            subscriber = Subscriber(email=user.email)
        elif subscriber.status == Status.CONFIRMED and subscriber.user_id == user.pk:
            return subscriber
        subscriber.user = user
        subscriber.email = user.email
        subscriber.name = ""
        subscriber.source = Subscriber.Source.MEMBER
        subscriber.status = Status.CONFIRMED
        subscriber.requested_at = now
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.unsubscribed_via = ""
        subscriber.save()
    return subscriber


def member_unsubscribe(*, user: User, via: str = Subscriber.UnsubscribedVia.PORTAL) -> bool:
    subscriber = Subscriber.objects.filter(user=user).first()
    return subscriber is not None and subscription_cancel(subscriber=subscriber, via=via)


def unsubscribe_deactivated(sender, *, user: User, **kwargs) -> None:
    """Receiver of partner.signals.account_deactivated."""
    if member_unsubscribe(user=user, via=Subscriber.UnsubscribedVia.DEACTIVATED):
        logger.info("Newsletter-Abonnement von Konto %s nach Deaktivierung beendet", user.pk)


# --- Issues and dispatch --------------------------------------------------------------


def issue_send_test(*, issue: Issue, user: User) -> None:
    """The issue as subscribers will see it, to the office member only; no delivery is recorded."""
    rendered = mail.RenderedIssue.of(issue)
    subscriber = Subscriber.objects.filter(user=user).first()
    mail.issue_message(rendered, to=user.email, name=user.get_full_name(), subscriber=subscriber, test=True).send()


def _recipients() -> list[Subscriber]:
    """Confirmed subscribers, one per address (a member's and an external entry can share one)."""
    seen: set[str] = set()
    recipients = []
    for subscriber in Subscriber.objects.receiving().select_related("user").order_by("pk").iterator(2000):
        address = subscriber.address.lower()
        if address not in seen:
            seen.add(address)
            recipients.append(subscriber)
    return recipients


def recipient_count() -> int:
    return len(_recipients())


def dispatch_refusal(issue: Issue) -> str:
    when = timezone.localtime(issue.dispatch_started_at).strftime("%d.%m.%Y um %H:%M Uhr")
    who = f" von {issue.dispatch_started_by}" if issue.dispatch_started_by else ""
    return f"Diese Ausgabe wurde bereits am {when}{who} versandt. Jede Ausgabe wird nur einmal versandt."


def dispatch_start(*, issue: Issue, started_by: User) -> int:
    """Create one delivery per recipient and hand the issue to the background worker."""
    from .tasks import dispatch_issue

    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        if locked.status != Issue.Status.DRAFT:
            raise NewsletterError(dispatch_refusal(locked))
        try:
            content.validate_body(locked.body)
            content.parse_portal_links(locked.portal_links)
        except ValidationError as error:
            raise NewsletterError(f"Die Ausgabe enthält unzulässige Links: {' '.join(error.messages)}") from None
        recipients = _recipients()
        if not recipients:
            raise NewsletterError(
                "Es gibt noch keine bestätigten Abonnentinnen und Abonnenten. Die Ausgabe bleibt ein Entwurf; "
                "Sie können sie versenden, sobald sich jemand angemeldet und bestätigt hat."
            )
        Delivery.objects.bulk_create(
            [Delivery(issue=locked, subscriber=s, email=s.address) for s in recipients], batch_size=1000
        )
        now = timezone.now()
        locked.status = Issue.Status.SENDING
        locked.dispatch_started_at = now
        locked.dispatch_started_by = name_snapshot(started_by)
        locked.recipient_count = len(recipients)
        locked.last_activity_at = now
        locked.save()
        # With the database backend the task row commits together with the deliveries.
        dispatch_issue.enqueue(locked.pk)
    issue.refresh_from_db()
    return len(recipients)


def dispatch_retry_failed(*, issue: Issue) -> int:
    """Failed deliveries go back to pending and the worker is asked again; sent ones stay sent."""
    from .tasks import dispatch_issue

    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        if locked.status == Issue.Status.DRAFT:
            raise NewsletterError("Diese Ausgabe wurde noch nicht versandt.")
        count = locked.deliveries.filter(status=Delivery.Status.FAILED).update(
            status=Delivery.Status.PENDING, claim_token="", claimed_until=None
        )
        if not count:
            raise NewsletterError("Es gibt keine fehlgeschlagenen Zustellungen, die erneut versandt werden könnten.")
        locked.status = Issue.Status.SENDING
        locked.dispatch_finished_at = None
        locked.last_activity_at = timezone.now()
        locked.save(update_fields=["status", "dispatch_finished_at", "last_activity_at"])
        dispatch_issue.enqueue(locked.pk)
    issue.refresh_from_db()
    return count


def dispatch_resume(*, issue: Issue) -> bool:
    """Ask the worker again for an interrupted dispatch (e.g. after the worker was killed).

    Harmless when the dispatch is still running: claims on delivery rows keep two tasks
    from sending the same mail.
    """
    from .tasks import dispatch_issue

    if issue.status != Issue.Status.SENDING:
        return False
    with transaction.atomic():
        Issue.objects.filter(pk=issue.pk).update(last_activity_at=timezone.now())
        dispatch_issue.enqueue(issue.pk)
    return True


def dispatches_resume() -> list[int]:
    """Every issue still being sent goes back to the worker (the worker unit's ExecStartPre)."""
    resumed = []
    for issue in Issue.objects.filter(status=Issue.Status.SENDING):
        if dispatch_resume(issue=issue):
            resumed.append(issue.pk)
    return resumed


@dataclass(frozen=True)
class CleanupReport:
    unconfirmed_deleted: int
    optouts_deleted: int
    deliveries_anonymised: int


def data_cleanup(*, now=None) -> CleanupReport:
    """Delete what is no longer needed (run daily):

    - subscriptions never confirmed: once their link has expired (no consent, no data);
    - opt-outs of external addresses: after SIKO_NEWSLETTER_OPTOUT_RETENTION_DAYS;
    - delivery addresses of finished dispatches: after SIKO_NEWSLETTER_DELIVERY_RETENTION_DAYS
      (the rows stay without address, so the issue's counts remain).
    """
    now = now or timezone.now()
    unconfirmed = Subscriber.objects.filter(
        status=Status.PENDING,
        user__isnull=True,
        requested_at__lt=now - timedelta(days=settings.SIKO_NEWSLETTER_CONFIRM_DAYS + 1),
    ).delete()[0]
    optouts = Subscriber.objects.filter(
        status=Status.UNSUBSCRIBED,
        user__isnull=True,
        unsubscribed_at__lt=now - timedelta(days=settings.SIKO_NEWSLETTER_OPTOUT_RETENTION_DAYS),
    ).delete()[0]
    anonymised = Delivery.objects.filter(
        issue__status=Issue.Status.SENT,
        issue__dispatch_finished_at__lt=now - timedelta(days=settings.SIKO_NEWSLETTER_DELIVERY_RETENTION_DAYS),
        email__isnull=False,
    ).update(email=None, subscriber=None, error="")
    return CleanupReport(unconfirmed_deleted=unconfirmed, optouts_deleted=optouts, deliveries_anonymised=anonymised)
