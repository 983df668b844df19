"""Background task for the office's decision mails (django-tasks), on the mail queue like every mail.

Not retried by the queue; a failed one is sent again by `manage.py mail_resend` (partner/resend.py),
once: `resend_of` names the failed task it repeats. The mails rendered during a request go through
common.tasks.send_rendered_mail.
"""

from __future__ import annotations

from django_tasks import task

from common.mail import MAIL_QUEUE

from .services import decision_mail_send


@task(queue_name=MAIL_QUEUE)
def send_decision_mail(decision_id: int, resend_of: str | None = None) -> bool:
    """The mail about an office decision (admission, rejection, deactivation, reactivation,
    suspension): sent once per decision, however many tasks ask for it (Decision.notified_at)."""
    return decision_mail_send(decision_id)
