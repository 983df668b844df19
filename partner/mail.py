"""Multipart mails (plain text and HTML) rendered from templates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated_mail(template_prefix: str, context: dict[str, Any], to: Sequence[str]) -> None:
    """Render `<prefix>_subject.txt`, `_message.txt` and `_message.html` and send them.

    Links in mails are absolute to SIKO_BASE_URL, never built from a request.
    """
    context = {"base_url": settings.SIKO_BASE_URL, **context}
    subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
    subject = " ".join(subject.splitlines())
    text = render_to_string(f"{template_prefix}_message.txt", context)
    html = render_to_string(f"{template_prefix}_message.html", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
    )
    message.attach_alternative(html, "text/html")
    message.send()


def absolute_url(path: str) -> str:
    return f"{settings.SIKO_BASE_URL}{path}"
