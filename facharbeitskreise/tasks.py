"""Background tasks (django-tasks): run by `manage.py db_worker` in production, inline in tests."""

from __future__ import annotations

from django_tasks import task

from common.mail import MAIL_QUEUE

from . import notifications


@task(queue_name=MAIL_QUEUE)
def send_area_event(event_id: int) -> int:
    """Immediate mails about one piece of news; the event row makes a second run a no-op."""
    return notifications.send_event(event_id)
