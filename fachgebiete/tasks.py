"""Background tasks (django-tasks): run by `manage.py db_worker` in production, inline in tests."""

from __future__ import annotations

from django_tasks import task

from common.mail import MAIL_QUEUE

from . import notifications
from .models import FollowNotice


@task(queue_name=MAIL_QUEUE)
def send_follow_notices(notice_ids: list[int]) -> dict:
    """The immediate mails about one published item. Never retried by the queue: what fails
    stays unsent and goes out with the next `send_fachgebiet_digests` run."""
    report = notifications.send_immediate(FollowNotice.objects.filter(pk__in=notice_ids))
    return {"sent": report.sent, "failed": report.failed}
