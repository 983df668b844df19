"""Multipart mails (plain text and HTML) rendered from templates."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from .office import office

logger = logging.getLogger(__name__)

# The task queue of every mail the portal sends (its own worker: a slow PDF on the "extraction" queue
# never delays a mail; see settings.SIKO_TASK_QUEUES and deploy/systemd).
MAIL_QUEUE = "mail"


class Attachment(NamedTuple):
    filename: str
    content: str
    mimetype: str


class RenderedMail(NamedTuple):
    subject: str
    text: str
    html: str


def render_mail(template_prefix: str, context: dict[str, Any], *, with_subject: bool = True) -> RenderedMail:
    """Render `<prefix>_subject.txt`, `_message.txt` and `_message.html`.

    Links in mails are absolute to SIKO_BASE_URL, never built from a request; the footer's
    contact details come from the settings (common.office), as on the pages.
    """
    context = {"base_url": settings.SIKO_BASE_URL, "office": office(), **context}
    subject = render_to_string(f"{template_prefix}_subject.txt", context) if with_subject else ""
    return RenderedMail(
        subject=" ".join(subject.split()),
        text=render_to_string(f"{template_prefix}_message.txt", context),
        html=render_to_string(f"{template_prefix}_message.html", context),
    )


def templated_message(
    template_prefix: str, context: dict[str, Any], to: Sequence[str], *, connection=None
) -> EmailMultiAlternatives:
    """The multipart mail, unsent: batch senders pass one SMTP connection for many messages."""
    return rendered_message(render_mail(template_prefix, context), to, connection=connection)


def rendered_message(
    mail: RenderedMail,
    to: Sequence[str],
    *,
    connection=None,
    sender: str | None = None,
    reply_to: Sequence[str] = (),
    headers: dict[str, str] | None = None,
    subject_prefix: str | None = None,
    attachments: Sequence[Sequence[str]] = (),
) -> EmailMultiAlternatives:
    """The one way every mail of the portal is put together. The portal's own mails come from
    DEFAULT_FROM_EMAIL with ACCOUNT_EMAIL_SUBJECT_PREFIX; the newsletter names its own sender,
    reply address, list headers and no prefix."""
    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX if subject_prefix is None else subject_prefix
    message = EmailMultiAlternatives(
        subject=f"{prefix}{' '.join(mail.subject.split())}",
        body=mail.text,
        from_email=sender or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to),
        headers=headers or {},
        connection=connection,
    )
    message.attach_alternative(mail.html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_templated_mail(template_prefix: str, context: dict[str, Any], to: Sequence[str]) -> None:
    templated_message(template_prefix, context, to).send()


def send_after_commit(
    template_prefix: str, context: dict[str, Any], to: Sequence[str], *, attachments: Sequence[Attachment] = ()
) -> None:
    """Rendered now, sent by the worker once the surrounding transaction commits (a rolled-back change
    tells nobody, and no request waits for the mail server).

    A failed send never undoes the change: the task fails on its own (logged, counted in /metrics as
    siko_tasks_failed{queue="mail"}), the portal shows the state anyway. `attachments` are small
    text files (a calendar entry), kept in the task's arguments: (filename, content, mimetype).
    """
    recipients = [address for address in to if address]
    if not recipients:
        return
    from .tasks import send_rendered_mail

    mail = render_mail(template_prefix, context)
    files = [list(attachment) for attachment in attachments]
    if files:
        transaction.on_commit(lambda: send_rendered_mail.enqueue(*mail, recipients, attachments=files))
    else:
        transaction.on_commit(lambda: send_rendered_mail.enqueue(*mail, recipients))


def close_quietly(connection) -> None:
    """Close an SMTP connection that may already be broken."""
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        logger.debug("SMTP-Verbindung ließ sich nicht sauber schließen", exc_info=True)


def absolute_url(path: str) -> str:
    return f"{settings.SIKO_BASE_URL}{path}"
