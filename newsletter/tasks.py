"""Background tasks (django-tasks): run by `manage.py db_worker` in production, inline in tests."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import get_connection
from django_tasks import task

from common.mail import MAIL_QUEUE

from . import dispatch, mail
from .models import Subscriber

logger = logging.getLogger(__name__)


@task(queue_name=MAIL_QUEUE)
def dispatch_issue(issue_id: int) -> dict:
    """One batch of an issue's dispatch; re-enqueues itself until no delivery is pending.

    Tasks are never retried automatically. If a worker dies, `manage.py newsletter_resume`
    (ExecStartPre of the worker's systemd unit) or "Versand fortsetzen" on the progress
    page enqueues the issue again; the delivery rows make that safe.
    """
    outcome = dispatch.run_batch(issue_id=issue_id)
    if outcome.more:
        dispatch_issue.enqueue(issue_id)
    elif outcome.retry_at is not None and dispatch_issue.get_backend().supports_defer:
        dispatch_issue.using(run_after=outcome.retry_at).enqueue(issue_id)
    return outcome.as_dict()


@task(queue_name=MAIL_QUEUE)
def send_confirmation_requests(subscriber_ids: list[int]) -> int:
    """Confirmation links (double opt-in) to subscribers that still wait for one; one connection."""
    subscribers = list(
        Subscriber.objects.filter(pk__in=subscriber_ids, status=Subscriber.Status.PENDING).select_related("user")
    )
    if not subscribers:
        return 0
    connection = get_connection(fail_silently=False)
    unsent = []
    try:
        connection.open()
        for subscriber in subscribers:
            try:
                connection.send_messages([mail.confirmation_message(subscriber, connection=connection)])
            except (smtplib.SMTPException, OSError):
                logger.exception("Bestätigungsanfrage an Abonnement %s nicht versandt", subscriber.pk)
                unsent.append(subscriber.pk)
    except (smtplib.SMTPException, OSError):
        logger.exception("Mailserver für Bestätigungsanfragen nicht erreichbar")
        unsent = [s.pk for s in subscribers]
    finally:
        connection.close()
    # Without a mail the address may ask again at once (and the office sees it was not sent).
    Subscriber.objects.filter(pk__in=unsent).update(confirmation_sent_at=None)
    return len(subscribers) - len(unsent)


@task(queue_name=MAIL_QUEUE)
def send_already_subscribed_notice(subscriber_id: int) -> int:
    subscriber = Subscriber.objects.filter(pk=subscriber_id, status=Subscriber.Status.CONFIRMED).first()
    if subscriber is None:
        return 0
    mail.already_subscribed_message(subscriber).send()
    return 1
