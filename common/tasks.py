"""Background tasks (django-tasks): run by `manage.py db_worker` in production, inline in tests."""

from __future__ import annotations

from django_tasks import task

from .mail import MAIL_QUEUE, RenderedMail, rendered_message


@task(queue_name=MAIL_QUEUE)
def send_rendered_mail(subject: str, text: str, html: str, to: list[str]) -> int:
    """One mail rendered during a request (common.mail.send_after_commit). Not retried by the queue:
    a failed send leaves the task failed, never half sent twice."""
    return rendered_message(RenderedMail(subject, text, html), to).send()
