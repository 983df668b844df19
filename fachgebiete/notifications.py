"""Mails to the followers of a Fachgebiet when something is published there.

`item_published(item)` (called by the publishing code after commit) records one
FollowNotice per follower; immediate followers get their mail from a background task
right away, weekly followers in the digest of `manage.py send_fachgebiet_digests`.
That command also retries every notice whose mail failed earlier.

Exactly once: a sender first claims notices (one UPDATE, so two senders never hold the
same one), marks each sent right after the mail server accepted its mail, and releases
the rest unchanged on failure. As in the newsletter, only a worker killed between the
server's acceptance and that one UPDATE can cause a second mail, after the lease ran out.

The author of an item is not notified of it: they learn of the publication from the
review workflow's own mail (or published it themselves), and a second mail about their
own text is noise.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from common.mail import absolute_url, close_quietly, templated_message

from .models import Follow, FollowNotice

logger = logging.getLogger(__name__)

DIGEST_INTERVAL = timedelta(days=7)
# The daily run starts at about the same time each day; a few minutes' drift must not
# postpone a digest by a whole day.
DIGEST_SLACK = timedelta(hours=2)
CLAIM_LEASE = timedelta(minutes=15)


def _author_id(item) -> int | None:
    for name in ("author_id", "submitted_by_id", "created_by_id"):
        if (value := getattr(item, name, None)) is not None:
            return value
    return None


def item_published(item) -> list[int]:
    """Record the item for every follower of its Fachgebiet; start the immediate mails. Returns the new notices' ids."""
    follows = Follow.objects.of_admitted().filter(fachgebiet_id=item.fachgebiet.pk)
    if (author := _author_id(item)) is not None:
        follows = follows.exclude(user_id=author)
    content_type = ContentType.objects.get_for_model(item)
    published_at = item.published_at or timezone.now()
    FollowNotice.objects.bulk_create(
        [
            FollowNotice(
                follow=follow,
                content_type=content_type,
                object_id=item.pk,
                title=str(item.title)[:300],
                url=item.get_absolute_url(),
                section_label=str(item.section_label)[:100],
                published_at=published_at,
            )
            for follow in follows.only("pk")
        ],
        ignore_conflicts=True,  # published before, unpublished, published again: announced once
    )
    immediate = list(
        FollowNotice.objects.filter(
            content_type=content_type,
            object_id=item.pk,
            sent_at__isnull=True,
            follow__frequency=Follow.Frequency.IMMEDIATE,
        ).values_list("pk", flat=True)
    )
    if immediate:
        from .tasks import send_follow_notices

        transaction.on_commit(lambda: send_follow_notices.enqueue(immediate))
    return immediate


# --- Claiming -----------------------------------------------------------------------------


def _claim(notices) -> tuple[str, list[FollowNotice]]:
    token = secrets.token_hex(16)
    now = timezone.now()
    free = Q(sent_at__isnull=True) & (Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
    # The condition is asked again by the UPDATE on the row itself: a notice another sender
    # claimed in between is skipped (the joins of `notices` would put it into a subquery).
    FollowNotice.objects.filter(free, pk__in=list(notices.filter(free).values_list("pk", flat=True))).update(
        claim_token=token, claimed_until=now + CLAIM_LEASE
    )
    claimed = FollowNotice.objects.filter(claim_token=token).select_related(
        "follow__user", "follow__fachgebiet", "content_type"
    )
    return token, list(claimed.order_by("follow__user_id", "published_at", "pk"))


def _mark_sent(ids: Iterable[int], token: str) -> None:
    FollowNotice.objects.filter(pk__in=list(ids), claim_token=token).update(
        sent_at=timezone.now(), claim_token="", claimed_until=None
    )


def _release(ids: Iterable[int], token: str) -> None:
    FollowNotice.objects.filter(pk__in=list(ids), claim_token=token, sent_at__isnull=True).update(
        claim_token="", claimed_until=None
    )


def _still_published(notice: FollowNotice) -> bool:
    """An item deleted or withdrawn before its mail went out is not announced any more."""
    model = notice.content_type.model_class()
    if model is None:
        return False
    item = model._default_manager.filter(pk=notice.object_id).first()
    if item is None:
        return False
    published = getattr(item, "is_published", True)
    return bool(published() if callable(published) else published)


def _drop_withdrawn(notices: list[FollowNotice], token: str) -> list[FollowNotice]:
    cache: dict[tuple[int, int], bool] = {}
    keep, drop = [], []
    for notice in notices:
        key = (notice.content_type_id, notice.object_id)
        if key not in cache:
            cache[key] = _still_published(notice)
        (keep if cache[key] else drop).append(notice)
    if drop:
        FollowNotice.objects.filter(pk__in=[n.pk for n in drop], claim_token=token).delete()
    return keep


# --- Mails --------------------------------------------------------------------------------


def _message(prefix: str, context: dict, to: str, connection) -> EmailMultiAlternatives:
    context = {"follows_url": absolute_url(reverse("fachgebiete:follows")), **context}
    return templated_message(f"fachgebiete/email/{prefix}", context, [to], connection=connection)


def _entry(notice: FollowNotice) -> dict:
    return {
        "title": notice.title,
        "section_label": notice.section_label,
        "url": absolute_url(notice.url),
        "published_at": notice.published_at,
    }


def immediate_message(notice: FollowNotice, connection=None) -> EmailMultiAlternatives:
    user = notice.follow.user
    context = {"user": user, "fachgebiet": notice.follow.fachgebiet, "item": _entry(notice)}
    return _message("follow_item", context, user.email, connection)


def digest_message(user, notices: list[FollowNotice], connection=None) -> EmailMultiAlternatives:
    groups: dict[int, dict] = {}
    for notice in notices:
        fachgebiet = notice.follow.fachgebiet
        groups.setdefault(fachgebiet.pk, {"fachgebiet": fachgebiet, "items": []})["items"].append(_entry(notice))
    sections = sorted(groups.values(), key=lambda g: (g["fachgebiet"].position, g["fachgebiet"].name))
    context = {"user": user, "sections": sections, "count": len(notices)}
    return _message("follow_digest", context, user.email, connection)


@dataclass
class SendReport:
    sent: int = 0  # mails
    notices: int = 0  # items announced in them
    failed: int = 0  # mails that will be tried again next run

    def __str__(self) -> str:
        return f"{self.sent} E-Mails mit {self.notices} Hinweisen versandt, {self.failed} fehlgeschlagen"


class _ServerUnavailable(Exception):
    """The mail server cannot be reached: stop this run, the next one sends everything left."""


class _Connection:
    """One SMTP connection for a run, opened on first use and reopened after a failure."""

    def __init__(self) -> None:
        self.connection = None

    def get(self):
        if self.connection is None:
            connection = get_connection(fail_silently=False)
            try:
                connection.open()
            except (smtplib.SMTPException, OSError) as error:
                raise _ServerUnavailable from error
            self.connection = connection
        return self.connection

    def reset(self) -> None:
        if self.connection is not None:
            close_quietly(self.connection)
        self.connection = None


def _send(build, ids: list[int], token: str, connections: _Connection, report: SendReport) -> None:
    connection = connections.get()
    try:
        connection.send_messages([build(connection)])
    except (smtplib.SMTPException, OSError):
        logger.exception(
            "Benachrichtigung zu Fachgebiet nicht versandt (Hinweise %s); nächster Lauf versucht es erneut", ids
        )
        _release(ids, token)
        connections.reset()
        report.failed += 1
    else:
        _mark_sent(ids, token)
        report.sent += 1
        report.notices += len(ids)


def send_immediate(notices) -> SendReport:
    """One mail per claimed notice of an immediate follower who is still admitted."""
    notices = notices.filter(follow__in=Follow.objects.of_admitted().filter(frequency=Follow.Frequency.IMMEDIATE))
    token, claimed = _claim(notices)
    report = SendReport()
    connections = _Connection()
    try:
        pending = _drop_withdrawn(claimed, token)
        for done, notice in enumerate(pending):
            try:
                _send(lambda c, n=notice: immediate_message(n, c), [notice.pk], token, connections, report)
            except _ServerUnavailable:
                logger.warning(
                    "Mailserver nicht erreichbar; %s Benachrichtigungen folgen beim nächsten Lauf", len(pending) - done
                )
                report.failed += len(pending) - done
                break
    finally:
        _release([n.pk for n in claimed], token)
        connections.reset()
    return report


def due_digest_follows(now: datetime | None = None):
    """Weekly follows of admitted users whose last digest (or start) is a week ago and that have news."""
    threshold = (now or timezone.now()) - DIGEST_INTERVAL + DIGEST_SLACK
    return (
        Follow.objects.of_admitted()
        .filter(frequency=Follow.Frequency.WEEKLY)
        .annotate(reference=Coalesce("last_digest_at", "created_at"))
        .filter(reference__lte=threshold, notices__sent_at__isnull=True)
        .distinct()
    )


def send_digests(now: datetime | None = None) -> SendReport:
    """One digest per user, covering all their due weekly follows."""
    now = now or timezone.now()
    follows = list(due_digest_follows(now).values_list("pk", flat=True))
    token, claimed = _claim(FollowNotice.objects.filter(follow_id__in=follows))
    report = SendReport()
    connections = _Connection()
    try:
        by_user: dict[int, list[FollowNotice]] = defaultdict(list)
        for notice in _drop_withdrawn(claimed, token):
            by_user[notice.follow.user_id].append(notice)
        for done, notices in enumerate(by_user.values()):
            user = notices[0].follow.user
            ids = [n.pk for n in notices]
            before = report.sent
            try:
                _send(lambda c, u=user, ns=notices: digest_message(u, ns, c), ids, token, connections, report)
            except _ServerUnavailable:
                logger.warning(
                    "Mailserver nicht erreichbar; %s Zusammenfassungen folgen beim nächsten Lauf", len(by_user) - done
                )
                report.failed += len(by_user) - done
                break
            if report.sent > before:
                Follow.objects.filter(pk__in={n.follow_id for n in notices}).update(last_digest_at=now)
    finally:
        _release([n.pk for n in claimed], token)
        connections.reset()
    return report


def send_overdue(now: datetime | None = None) -> SendReport:
    """The daily run: weekly digests that are due, plus immediate mails that failed before."""
    report = send_digests(now)
    retry = send_immediate(FollowNotice.objects.filter(sent_at__isnull=True))
    return SendReport(
        sent=report.sent + retry.sent, notices=report.notices + retry.notices, failed=report.failed + retry.failed
    )
