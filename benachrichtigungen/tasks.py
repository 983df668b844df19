"""Background tasks (django-tasks): run by `manage.py db_worker` in production, inline in tests."""

from __future__ import annotations

from django_tasks import task

from common.mail import MAIL_QUEUE

from . import outbox
from .models import Notice


@task(queue_name=MAIL_QUEUE)
def send_notices(notice_ids: list[int]) -> dict:
    """The immediate mails about one piece of news. Never retried by the queue: what fails stays
    unsent and goes out with the next `send_notifications` run (once: then it is marked sent)."""
    report = outbox.send_immediate(Notice.objects.filter(pk__in=notice_ids))
    return {"sent": report.sent, "failed": report.failed}
