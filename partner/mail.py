"""Multipart mails (plain text and HTML) rendered from templates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


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


def send_templated_mail(template_prefix: str, context: dict[str, Any], to: Sequence[str]) -> None:
    mail = render_mail(template_prefix, context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{mail.subject}",
        body=mail.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
    )
    message.attach_alternative(mail.html, "text/html")
    message.send()


def absolute_url(path: str) -> str:
    return f"{settings.SIKO_BASE_URL}{path}"
