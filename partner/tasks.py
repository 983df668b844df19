"""Background tasks (django-tasks): run by `manage.py db_worker` in production, inline in tests.

Every mail the portal sends during a request goes through these, on the mail queue: no request
waits for the mail server. Neither task is retried by the queue; a failed one is sent again by
`manage.py mail_resend` (partner/resend.py), once: `resend_of` names the failed task it repeats.
"""

from __future__ import annotations

from django_tasks import task

from .mail import MAIL_QUEUE, RenderedMail, rendered_message
from .services import decision_mail_send


@task(queue_name=MAIL_QUEUE)
def send_rendered_mail(subject: str, text: str, html: str, to: list[str], resend_of: str | None = None) -> int:
    """One mail rendered during a request (partner.mail.send_after_commit). A failed send leaves the
    task failed, never half sent twice."""
    return rendered_message(RenderedMail(subject, text, html), to).send()


@task(queue_name=MAIL_QUEUE)
def send_decision_mail(decision_id: int, resend_of: str | None = None) -> bool:
    """The mail about an office decision (admission, rejection, deactivation, reactivation,
    suspension): sent once per decision, however many tasks ask for it (Decision.notified_at)."""
    return decision_mail_send(decision_id)
