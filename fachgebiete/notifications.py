"""Following a Fachgebiet: an e-mail for each newly published item, at once or as a weekly digest.

The outbox (benachrichtigungen) does the bookkeeping and the sending; this module supplies what
is particular to the Fachgebiete: `item_published(item)` (called by the publishing code after
commit) records the news for the followers, `FachgebietTopic` says who may hear of it (every
admitted member: published items are open to all of them) and how the mails look.

The author of an item is not notified of it: they learn of the publication from the review
workflow's own mail (or published it themselves), and a second mail about their own text is noise.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from benachrichtigungen import outbox
from benachrichtigungen.models import Frequency, Subscription
from benachrichtigungen.topics import Topic
from common.mail import absolute_url, templated_message
from partner.models import AuditEvent, User

from .models import Fachgebiet, LifecycleEvent

# A Fachgebiet is followed at once or weekly (the page offers these two).
FOLLOW_FREQUENCIES = (Frequency.IMMEDIATE, Frequency.WEEKLY)


def follows_of(user):
    """The user's follows (subscriptions of Fachgebiete), in the Fachgebiete's order, with their Fachgebiet."""
    return (
        Subscription.objects.of_model(Fachgebiet)
        .filter(user=user)
        .order_by("fachgebiet__position", "fachgebiet__name")
        .prefetch_related("topic")
    )


def _author_id(item) -> int | None:
    for name in ("author_id", "submitted_by_id", "created_by_id"):
        if (value := getattr(item, name, None)) is not None:
            return value
    return None


def item_published(item) -> list[int]:
    """Record the item for every follower of its Fachgebiet; start the immediate mails once the
    surrounding transaction (if any) commits. Returns the immediate notices' ids."""
    immediate = outbox.record(
        item.fachgebiet,
        item,
        kind=item.section_label,
        title=item.title,
        url=item.get_absolute_url(),
        occurred_at=item.published_at or timezone.now(),
        actor_id=_author_id(item),
    )
    if immediate:
        transaction.on_commit(lambda: outbox.start_sending(immediate))
    return immediate


def _message(prefix: str, context: dict, to: str, connection) -> EmailMultiAlternatives:
    context = {"follows_url": absolute_url(reverse("fachgebiete:follows")), **context}
    return templated_message(f"fachgebiete/email/{prefix}", context, [to], connection=connection)


def _entry(notice) -> dict:
    return {
        "title": notice.title,
        "section_label": notice.kind,
        "url": absolute_url(notice.url),
        "published_at": notice.occurred_at,
    }


def _is_lifecycle(notice) -> bool:
    # By id: the sender looked the item's type up already (cached), so this costs no query.
    return ContentType.objects.get_for_id(notice.item_type_id).model_class() is LifecycleEvent


class FachgebietTopic(Topic):
    model = Fachgebiet

    def recipients(self, topic: Fachgebiet, user_ids: Iterable[int] | None) -> set[int]:
        admitted = User.objects.admitted()
        if user_ids is not None:
            admitted = admitted.filter(pk__in=list(user_ids))
        return set(admitted.values_list("pk", flat=True))

    def immediate_message(self, notice, topic: Fachgebiet, connection) -> EmailMultiAlternatives:
        context = {"user": notice.user, "fachgebiet": topic, "item": _entry(notice)}
        if _is_lifecycle(notice):
            return _message("lifecycle_item", {**context, "because": "follow"}, notice.user.email, connection)
        return _message("follow_item", context, notice.user.email, connection)

    def digest_message(self, user, frequency: str, entries: list, connection) -> EmailMultiAlternatives:
        groups: dict[int, dict] = {}
        for fachgebiet, notice in entries:
            groups.setdefault(fachgebiet.pk, {"fachgebiet": fachgebiet, "items": []})["items"].append(_entry(notice))
        sections = sorted(groups.values(), key=lambda g: (g["fachgebiet"].position, g["fachgebiet"].name))
        context = {"user": user, "sections": sections, "count": len(entries)}
        return _message("follow_digest", context, user.email, connection)


def downloaders(event: LifecycleEvent):
    """Ids of the accounts that downloaded the item before the event (the download log knows)."""
    return (
        AuditEvent.objects.filter(
            kind=AuditEvent.Kind.DOWNLOAD, target=event.audit_target, at__lt=event.created_at, actor__isnull=False
        )
        .values_list("actor_id", flat=True)
        .distinct()
    )


class DownloadedTopic(Topic):
    """Who downloaded an earlier copy of a Muster or a Rechtstatsache hears of its new version or of
    it becoming überholt, at once — unless they follow the Fachgebiet: then the event reaches them
    once, as their follow says (at once or in the weekly digest; `lifecycle.announce` records the
    followers first). Nobody subscribes to an event, so every downloader gets the default."""

    model = LifecycleEvent
    default_frequency = Frequency.IMMEDIATE

    def recipients(self, topic: LifecycleEvent, user_ids: Iterable[int] | None) -> set[int]:
        admitted = User.objects.admitted().filter(pk__in=downloaders(topic))
        if user_ids is not None:
            admitted = admitted.filter(pk__in=list(user_ids))
        return set(admitted.values_list("pk", flat=True))

    def immediate_message(self, notice, topic: LifecycleEvent, connection) -> EmailMultiAlternatives:
        context = {"user": notice.user, "fachgebiet": topic.fachgebiet, "item": _entry(notice), "because": "download"}
        return _message("lifecycle_item", context, notice.user.email, connection)

    def digest_message(self, user, frequency: str, entries: list, connection) -> EmailMultiAlternatives:
        context = {"user": user, "items": [_entry(notice) for _event, notice in entries], "count": len(entries)}
        return _message("lifecycle_digest", context, user.email, connection)
