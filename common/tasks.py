"""Background task for mails (django-tasks): run by `manage.py db_worker` in production, inline in tests.

Every mail the portal renders during a request goes through `send_rendered_mail` on the mail queue:
no request waits for the mail server. It is not retried by the queue; a failed one is sent again by
`manage.py mail_resend` (partner/resend.py), once: `resend_of` names the failed task it repeats.
"""

from __future__ import annotations

from django_tasks import task

from .mail import MAIL_QUEUE, RenderedMail, rendered_message


@task(queue_name=MAIL_QUEUE)
def send_rendered_mail(
    subject: str,
    text: str,
    html: str,
    to: list[str],
    resend_of: str | None = None,
    attachments: list[list[str]] | None = None,
) -> int:
    """One mail rendered during a request (common.mail.send_after_commit). A failed send leaves the
    task failed, never half sent twice."""
    return rendered_message(RenderedMail(subject, text, html), to, attachments=attachments or ()).send()
