"""The newsletter's mails: multipart (plain text + HTML), personal salutation, RFC 8058 headers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.safestring import SafeString

from common.mail import RenderedMail, absolute_url, render_mail, rendered_message

from . import content, tokens
from .models import Issue, Subscriber


def salutation(name: str) -> str:
    # Without the gender the formal "Frau/Herr" is not possible; the full name is.
    name = " ".join(name.split())
    return f"Guten Tag {name}," if name else "Guten Tag,"


def _list_id() -> str:
    host = urlsplit(settings.SIKO_BASE_URL).hostname or "localhost"
    return f"Newsletter der Sicherheitskooperation Ruhr <newsletter.{host}>"


def _message(
    subject: str, text: str, html: str, to: str, *, headers: dict[str, str] | None = None, connection=None
) -> EmailMultiAlternatives:
    return rendered_message(
        RenderedMail(subject, text, html),
        [to],
        sender=settings.SIKO_NEWSLETTER_FROM,
        reply_to=[settings.SIKO_NEWSLETTER_REPLY_TO],
        headers=headers,
        subject_prefix="",
        connection=connection,
    )


def _render(prefix: str, context: dict[str, Any], *, with_subject: bool = True) -> RenderedMail:
    return render_mail(f"newsletter/email/{prefix}", context, with_subject=with_subject)


@dataclass(frozen=True)
class RenderedIssue:
    """The parts of an issue that are the same for every recipient: rendered once per batch."""

    issue: Issue
    subject: str
    body_html: SafeString
    body_text: str
    links: list[content.PortalLink]
    archive_url: str

    @classmethod
    def of(cls, issue: Issue) -> RenderedIssue:
        return cls(
            issue=issue,
            subject=f"SiKo-Ruhr-Newsletter Nr. {issue.number}: {issue.title}",
            body_html=content.render_html(issue.body),
            body_text=content.render_text(issue.body),
            links=content.parse_portal_links(issue.portal_links),
            archive_url=absolute_url(reverse("newsletter:issue_detail", args=[issue.pk])),
        )


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute_url(reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)]))


def issue_message(
    rendered: RenderedIssue,
    *,
    to: str,
    name: str,
    subscriber: Subscriber | None,
    test: bool = False,
    connection=None,
) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(subscriber) if subscriber else ""
    context = {
        "issue": rendered.issue,
        "body_html": rendered.body_html,
        "body_text": rendered.body_text,
        "links": rendered.links,
        "archive_url": rendered.archive_url,
        "salutation": salutation(name),
        "unsubscribe_url": unsubscribe,
        "profile_url": absolute_url(reverse("partner:profile")),
        "subscribe_url": absolute_url(reverse("newsletter:subscribe")),
        "test": test,
    }
    _, text, html = _render("issue", context, with_subject=False)
    headers = {"List-Id": _list_id()}
    if unsubscribe:
        # RFC 8058: mail clients offer "unsubscribe" and POST to the link without opening it.
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    subject = f"[TEST] {rendered.subject}" if test else rendered.subject
    return _message(subject, text, html, to, headers=headers, connection=connection)


def confirmation_message(subscriber: Subscriber, *, connection=None) -> EmailMultiAlternatives:
    context = {
        "salutation": salutation(subscriber.display_name),
        "confirm_url": absolute_url(reverse("newsletter:confirm", args=[tokens.confirmation_token(subscriber)])),
        "days": settings.SIKO_NEWSLETTER_CONFIRM_DAYS,
        "subscriber": subscriber,
    }
    subject, text, html = _render("confirm", context)
    return _message(subject, text, html, subscriber.address, connection=connection)


def already_subscribed_message(subscriber: Subscriber, *, connection=None) -> EmailMultiAlternatives:
    context = {"salutation": salutation(subscriber.display_name), "unsubscribe_url": unsubscribe_url(subscriber)}
    subject, text, html = _render("already_subscribed", context)
    return _message(subject, text, html, subscriber.address, connection=connection)
