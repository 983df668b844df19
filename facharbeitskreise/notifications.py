"""Mails about news in an area: at once, as a daily or weekly digest, or not at all — per area and member.

The outbox (benachrichtigungen) does the bookkeeping and the sending; this module supplies what
is particular to the areas. `event_record` writes the area's news entry and a notice for each
member; `ArbeitskreisTopic` is the recipient rule, asked again at send time: the area's members *then*
(`access.member_ids`), so whoever lost access in between hears nothing more. Without a setting
of their own, members hear of news at once. Mails carry the area's name, the kind and title of
the news and a link into the portal — never a document, an agenda or the text of a post.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from benachrichtigungen import outbox
from benachrichtigungen.models import Frequency
from benachrichtigungen.topics import Topic
from common.mail import templated_message

from .access import member_ids
from .models import Arbeitskreis, ArbeitskreisEvent


def event_record(*, arbeitskreis: Arbeitskreis, kind: str, title: str, path: str, actor=None) -> ArbeitskreisEvent:
    """Record news in an area and hand the immediate mails to the background worker.

    Call inside the transaction that creates the item: with the database task backend the
    task row commits together with it, or not at all.
    """
    event = ArbeitskreisEvent.objects.create(
        arbeitskreis=arbeitskreis, kind=kind, title=title[:300], path=path, actor=actor
    )
    immediate = outbox.record(
        arbeitskreis,
        event,
        kind=event.get_kind_display(),
        title=event.title,
        url=path,
        occurred_at=event.created_at,
        actor_id=event.actor_id,
    )
    outbox.start_sending(immediate)
    return event


def setting_for(user, arbeitskreis: Arbeitskreis) -> str:
    return outbox.frequency_of(user, arbeitskreis)


def setting_change(*, user, arbeitskreis: Arbeitskreis, frequency: str) -> None:
    outbox.subscribe(user, arbeitskreis, frequency)


def _settings_path(arbeitskreis: Arbeitskreis) -> str:
    return reverse("facharbeitskreise:notification_settings", kwargs={"slug": arbeitskreis.slug})


class ArbeitskreisTopic(Topic):
    model = Arbeitskreis
    # Areas are small working groups with a few items a week: a meeting invitation that arrives
    # only in next week's digest is missed. So members without a setting hear of news at once …
    default_frequency = Frequency.IMMEDIATE
    # … and whoever chooses a digest gets the first one with the next daily run.
    first_digest_backdate = True

    def recipients(self, topic: Arbeitskreis, user_ids: Iterable[int] | None) -> set[int]:
        members = member_ids(topic)  # admitted users with at least member rights, directly or by group
        return members if user_ids is None else members & set(user_ids)

    def immediate_message(self, notice, topic: Arbeitskreis, connection) -> EmailMultiAlternatives:
        context = {"user": notice.user, "arbeitskreis": topic, "event": notice, "settings_path": _settings_path(topic)}
        return templated_message(
            "facharbeitskreise/email/arbeitskreis_event", context, [notice.user.email], connection=connection
        )

    def digest_message(self, user, frequency: str, entries: list, connection) -> EmailMultiAlternatives:
        grouped: dict[int, tuple[Arbeitskreis, list]] = {}
        for arbeitskreis, notice in entries:
            grouped.setdefault(arbeitskreis.pk, (arbeitskreis, []))[1].append(notice)
        context = {
            "user": user,
            "items": sorted(grouped.values(), key=lambda pair: pair[0].name),
            "frequency_label": "Tägliche" if frequency == Frequency.DAILY else "Wöchentliche",
        }
        return templated_message(
            "facharbeitskreise/email/arbeitskreis_digest", context, [user.email], connection=connection
        )
