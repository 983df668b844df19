"""Record news, send it at once or in a digest — the one sender of "mail me what is new".

`record(...)` writes one Notice per person concerned (the topic's rule, minus whoever caused the
news, minus those who switched notifications off) and returns the ids of the immediate ones;
`start_sending(ids)` hands them to the background worker. `send_due()` — the daily run of
`manage.py send_notifications` — sends the digests that are due and retries every immediate
notice whose mail failed before.

Every send asks the topic again, with the state of that moment: who may still hear of the news
(`Topic.recipients`), how often the person wants to hear (their subscription now), and whether
the item still exists and is published. Notices that fail these checks are deleted, never sent.

Exactly once: a sender first claims notices (one UPDATE, so two senders never hold the same
one), marks them sent right after the mail server accepted their mail, and releases the rest
unchanged on failure. Only a worker killed between the server's acceptance and that one UPDATE
can cause a second mail, after the lease ran out.
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
from django.core.mail import get_connection
from django.db import models
from django.db.models import Q
from django.utils import timezone

from common.mail import close_quietly
from partner.models import User, admitted_q

from . import topics
from .models import DIGEST_FREQUENCIES, PERIOD, Frequency, Notice, Subscription

logger = logging.getLogger(__name__)

# The daily run starts at about the same time each day; a few minutes' drift must not postpone
# a digest by a whole period.
DIGEST_SLACK = timedelta(hours=2)
CLAIM_LEASE = timedelta(minutes=15)


# --- Subscriptions ----------------------------------------------------------------------------


def frequency_of(user, topic: models.Model) -> str | None:
    """How often the user hears of news about `topic` (None: not at all, no subscription)."""
    row = Subscription.objects.of(topic).filter(user=user).first()
    return row.frequency if row else topics.for_model(type(topic)).default_frequency


def _joined_period(user, topic: models.Model, frequency: str):
    """Where a topic's digests start at once: the period of the user's other digests of this kind
    and frequency (one mail for all of them), else one that is over already."""
    siblings = Subscription.objects.of_model(type(topic)).filter(user=user, frequency=frequency)
    latest = siblings.exclude(object_id=topic.pk).order_by("-digest_from").values_list("digest_from", flat=True)
    return latest.first() or timezone.now() - PERIOD[frequency]


def subscribe(user, topic: models.Model, frequency: str) -> Subscription:
    """Start or change a subscription.

    A new subscription's first digest period starts now (a Fachgebiet's weekly digest comes a
    week after following). Topics with `first_digest_backdate` (the areas) join the user's
    running period instead, or start one that is over, so the next daily run sends the digest."""
    rule = topics.for_model(type(topic))
    backdate = rule.first_digest_backdate and frequency in PERIOD
    subscription = Subscription.objects.of(topic).filter(user=user).first()
    if subscription is None:
        subscription = Subscription(topic=topic, user=user, frequency=frequency)
        if backdate:
            subscription.digest_from = _joined_period(user, topic, frequency)
        subscription.save()
    elif subscription.frequency != frequency:
        subscription.frequency = frequency
        if backdate:
            subscription.digest_from = _joined_period(user, topic, frequency)
        subscription.save(update_fields=["frequency", "digest_from"])
    return subscription


def unsubscribe(user, topic: models.Model) -> bool:
    deleted, _ = Subscription.objects.of(topic).filter(user=user).delete()
    return bool(deleted)


def _frequencies(pairs: set[tuple[int, int, int]]) -> dict[tuple[int, int, int], str]:
    """(user, topic type, topic id) → the subscription's frequency now, for the pairs that have one."""
    if not pairs:
        return {}
    rows = Subscription.objects.filter(
        user_id__in={p[0] for p in pairs},
        content_type_id__in={p[1] for p in pairs},
        object_id__in={p[2] for p in pairs},
    ).values_list("user_id", "content_type_id", "object_id", "frequency")
    return {(u, t, o): f for u, t, o, f in rows}


# --- Recording --------------------------------------------------------------------------------


def record(
    topic: models.Model, item: models.Model, *, kind: str, title: str, url: str, occurred_at=None, actor_id=None
) -> list[int]:
    """One notice per person concerned by news about `topic`; returns the ids of the immediate ones.

    `item` is what the news is about (a published article, an area's news entry): an item
    recorded again is not announced again to whoever already has a notice of it."""
    rule = topics.for_model(type(topic))
    topic_type = ContentType.objects.get_for_model(topic)
    subscribed = dict(Subscription.objects.of(topic).values_list("user_id", "frequency"))
    candidates = set(subscribed) if rule.default_frequency is None else None
    wanted = {
        user_id: subscribed.get(user_id, rule.default_frequency)
        for user_id in rule.recipients(topic, candidates) - {actor_id}
    }
    wanted = {user_id: frequency for user_id, frequency in wanted.items() if frequency not in (None, Frequency.OFF)}
    item_type = ContentType.objects.get_for_model(item)
    common = {
        "topic_type": topic_type,
        "topic_id": topic.pk,
        "item_type": item_type,
        "item_id": item.pk,
        "kind": str(kind)[:100],
        "title": str(title)[:300],
        "url": url[:500],
        "occurred_at": occurred_at or timezone.now(),
    }
    Notice.objects.bulk_create(
        [Notice(user_id=user_id, **common) for user_id in sorted(wanted)],
        ignore_conflicts=True,  # recorded before (published, withdrawn, published again): announced once
    )
    immediate = [user_id for user_id, frequency in wanted.items() if frequency == Frequency.IMMEDIATE]
    return list(
        Notice.objects.unsent()
        .filter(item_type=item_type, item_id=item.pk, user_id__in=immediate)
        .values_list("pk", flat=True)
    )


def start_sending(notice_ids: list[int]) -> None:
    """Hand the immediate notices to the mail worker. Inside the transaction that recorded them,
    the database task backend commits the task together with them, or not at all."""
    if notice_ids:
        from .tasks import send_notices

        send_notices.enqueue(notice_ids)


# --- Claiming ---------------------------------------------------------------------------------


def _claim(notices) -> tuple[str, list[Notice]]:
    token = secrets.token_hex(16)
    now = timezone.now()
    free = Q(sent_at__isnull=True) & (Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
    # The condition is asked again by the UPDATE on the row itself: a notice another sender
    # claimed in between is skipped (the joins of `notices` would put it into a subquery).
    Notice.objects.filter(free, pk__in=list(notices.filter(free).values_list("pk", flat=True))).update(
        claim_token=token, claimed_until=now + CLAIM_LEASE
    )
    claimed = Notice.objects.filter(claim_token=token).select_related("user")
    return token, list(claimed.order_by("user_id", "occurred_at", "pk"))


def _mark_sent(ids: Iterable[int], token: str) -> None:
    Notice.objects.filter(pk__in=list(ids), claim_token=token).update(
        sent_at=timezone.now(), claim_token="", claimed_until=None
    )


def _release(ids: Iterable[int], token: str) -> None:
    Notice.objects.filter(pk__in=list(ids), claim_token=token, sent_at__isnull=True).update(
        claim_token="", claimed_until=None
    )


def _current_items(notices: list[Notice]) -> set[tuple[int, int]]:
    """(item type, item id) of the items that still exist and are published (one query per type)."""
    by_type: dict[int, set[int]] = defaultdict(set)
    for notice in notices:
        by_type[notice.item_type_id].add(notice.item_id)
    current = set()
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for pk, item in model._default_manager.in_bulk(ids).items():
            published = getattr(item, "is_published", True)
            if published() if callable(published) else published:
                current.add((type_id, pk))
    return current


def _check(notices: list[Notice], token: str) -> list[tuple[Notice, topics.Topic, models.Model, str]]:
    """Ask every topic again: is the item still there, may the person still hear of it, and how
    often do they want to? Returns (notice, topic rule, topic, frequency now) for the notices that
    may go out; those that never can are deleted."""
    current = _current_items(notices)
    by_topic: dict[tuple[int, int], list[Notice]] = defaultdict(list)
    for notice in notices:
        by_topic[(notice.topic_type_id, notice.topic_id)].append(notice)
    frequencies = _frequencies({(n.user_id, n.topic_type_id, n.topic_id) for n in notices})
    admitted = set(User.objects.admitted().filter(pk__in={n.user_id for n in notices}).values_list("pk", flat=True))
    entries, drop = [], []
    for (type_id, topic_id), group in by_topic.items():
        rule = topics.for_content_type(type_id)
        topic = rule.topics([topic_id]).get(topic_id) if rule else None
        allowed = rule.recipients(topic, {n.user_id for n in group}) & admitted if topic is not None else set()
        for notice in group:
            frequency = frequencies.get((notice.user_id, type_id, topic_id), rule.default_frequency if rule else None)
            if (
                (notice.item_type_id, notice.item_id) not in current
                or notice.user_id not in allowed
                or frequency in (None, Frequency.OFF)
            ):
                drop.append(notice.pk)
            else:
                entries.append((notice, rule, topic, frequency))
    if drop:
        Notice.objects.filter(pk__in=drop, claim_token=token).delete()
    entries.sort(key=lambda e: (e[0].user_id, e[0].occurred_at, e[0].pk))
    return entries


# --- Sending ----------------------------------------------------------------------------------


@dataclass
class SendReport:
    sent: int = 0  # mails
    notices: int = 0  # news announced in them
    failed: int = 0  # mails that will be tried again next run

    def __add__(self, other: SendReport) -> SendReport:
        return SendReport(self.sent + other.sent, self.notices + other.notices, self.failed + other.failed)

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


def _send(build, ids: list[int], token: str, connections: _Connection, report: SendReport) -> bool:
    connection = connections.get()
    try:
        build(connection).send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Benachrichtigung nicht versandt (Hinweise %s); nächster Lauf versucht es erneut", ids)
        _release(ids, token)
        connections.reset()
        report.failed += 1
        return False
    _mark_sent(ids, token)
    report.sent += 1
    report.notices += len(ids)
    return True


def send_immediate(notices) -> SendReport:
    """One mail per claimed notice whose recipient (still) wants news at once."""
    token, claimed = _claim(notices)
    report = SendReport()
    connections = _Connection()
    try:
        pending = [e for e in _check(claimed, token) if e[3] == Frequency.IMMEDIATE]
        for done, (notice, rule, topic, _frequency) in enumerate(pending):
            try:
                _send(
                    lambda c, n=notice, r=rule, t=topic: r.immediate_message(n, t, c),
                    [notice.pk],
                    token,
                    connections,
                    report,
                )
            except _ServerUnavailable:
                logger.warning("Mailserver nicht erreichbar; %s Benachrichtigungen folgen später", len(pending) - done)
                report.failed += len(pending) - done
                break
    finally:
        _release([n.pk for n in claimed], token)
        connections.reset()
    return report


def due_subscriptions(now: datetime | None = None):
    """Digest subscriptions of admitted users whose period is over (a little early is fine)."""
    now = now or timezone.now()
    due = Q()
    for frequency in DIGEST_FREQUENCIES:
        due |= Q(frequency=frequency, digest_from__lte=now - PERIOD[frequency] + DIGEST_SLACK)
    return Subscription.objects.filter(due, admitted_q("user"))


def send_digests(now: datetime | None = None) -> SendReport:
    """One digest per person, kind of topic and frequency, with all the news of their due subscriptions."""
    now = now or timezone.now()
    due = {
        (u, t, o): f
        for u, t, o, f in due_subscriptions(now).values_list("user_id", "content_type_id", "object_id", "frequency")
    }
    candidates = Notice.objects.unsent().filter(user_id__in={key[0] for key in due})
    ids = [
        pk for pk, u, t, o in candidates.values_list("pk", "user_id", "topic_type_id", "topic_id") if (u, t, o) in due
    ]
    token, claimed = _claim(Notice.objects.filter(pk__in=ids))
    report = SendReport()
    connections = _Connection()
    try:
        digests: dict[tuple[int, int, str], list] = defaultdict(list)
        for notice, rule, topic, frequency in _check(claimed, token):
            key = (notice.user_id, notice.topic_type_id, notice.topic_id)
            if due.get(key) == frequency:  # changed since: left for its own schedule
                digests[(notice.user_id, notice.topic_type_id, frequency)].append((notice, rule, topic))
        for done, ((user_id, type_id, frequency), entries) in enumerate(digests.items()):
            user, rule = entries[0][0].user, entries[0][1]
            pairs = [(topic, notice) for notice, _rule, topic in entries]
            ids = [notice.pk for notice, _rule, _topic in entries]
            try:
                sent = _send(
                    lambda c, u=user, r=rule, f=frequency, p=pairs: r.digest_message(u, f, p, c),
                    ids,
                    token,
                    connections,
                    report,
                )
            except _ServerUnavailable:
                logger.warning("Mailserver nicht erreichbar; %s Zusammenfassungen folgen später", len(digests) - done)
                report.failed += len(digests) - done
                break
            if sent:
                Subscription.objects.filter(
                    user_id=user_id, content_type_id=type_id, object_id__in={n.topic_id for n, _r, _t in entries}
                ).update(digest_from=now)
    finally:
        _release([n.pk for n in claimed], token)
        connections.reset()
    return report


def send_due(now: datetime | None = None) -> SendReport:
    """The daily run: digests that are due, then immediate mails that failed before."""
    return send_digests(now) + send_immediate(Notice.objects.unsent())
