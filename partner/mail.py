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

logger = logging.getLogger(__name__)


class RenderedMail(NamedTuple):
    subject: str
    text: str
    html: str


def render_mail(template_prefix: str, context: dict[str, Any], *, with_subject: bool = True) -> RenderedMail:
    """Render `<prefix>_subject.txt`, `_message.txt` and `_message.html`.

    Links in mails are absolute to SIKO_BASE_URL, never built from a request.
    """
    context = {"base_url": settings.SIKO_BASE_URL, **context}
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
    mail = render_mail(template_prefix, context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{mail.subject}",
        body=mail.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        connection=connection,
    )
    message.attach_alternative(mail.html, "text/html")
    return message


def send_templated_mail(template_prefix: str, context: dict[str, Any], to: Sequence[str]) -> None:
    templated_message(template_prefix, context, to).send()


def send_after_commit(template_prefix: str, context: dict[str, Any], to: Sequence[str]) -> None:
    """Send once the surrounding transaction commits (a rolled-back change tells nobody).

    A failed mail is logged and never undoes the change: the portal shows its state anyway.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return

    def send() -> None:
        try:
            send_templated_mail(template_prefix, context, recipients)
        except Exception:  # noqa: BLE001 - any mail failure is logged, the change stands
            logger.exception("Mail %s an %s nicht versandt", template_prefix, recipients)

    transaction.on_commit(send)


def close_quietly(connection) -> None:
    """Close an SMTP connection that may already be broken."""
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        logger.debug("SMTP-Verbindung ließ sich nicht sauber schließen", exc_info=True)


def absolute_url(path: str) -> str:
    return f"{settings.SIKO_BASE_URL}{path}"
