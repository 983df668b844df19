"""New Lagebilder reach their audience through the one outbox (benachrichtigungen).

The topic is the Lagebild itself, so the outbox asks again at send time whether the person still
belongs to its audience (and has not acknowledged it meanwhile): who left the audience hears
nothing, and a closed area's Lagebild reaches its members only. Mails carry kind, title and a
link, never the text or a file.

How often a person hears of Lagebilder is their setting on the rubric "Lagebilder" (its
"Per E-Mail informiert bleiben", a follow of that Fachgebiet row): whoever follows it with a
weekly digest gets addressed Lagebilder in a weekly digest too (carried over as a subscription
of the new Lagebild); everybody else hears of a Lagebild addressed to them at once, since it asks
them to take note of it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse

from benachrichtigungen import outbox
from benachrichtigungen.models import Frequency, Subscription
from benachrichtigungen.topics import Topic
from common.mail import absolute_url, templated_message
from fachgebiete.models import Fachgebiet

from .models import Lagebild

RUBRIC_SLUG = "lagebilder"


def _carry_rubric_frequency(lagebild: Lagebild) -> None:
    """A digest follower of the rubric hears of the Lagebild in their digest (see the module docstring)."""
    rubric = Fachgebiet.objects.filter(slug=RUBRIC_SLUG).first()
    if rubric is None:
        return
    follows = (
        Subscription.objects.of(rubric)
        .exclude(frequency=Frequency.IMMEDIATE)
        .filter(user__in=lagebild.audience.members())
        .select_related("user")
    )
    for follow in follows:
        outbox.subscribe(follow.user, lagebild, follow.frequency)


def lagebild_published(lagebild: Lagebild) -> list[int]:
    """Record the news for the audience; the immediate mails start once the transaction commits."""
    _carry_rubric_frequency(lagebild)
    immediate = outbox.record(
        lagebild,
        lagebild,
        kind=lagebild.get_kind_display(),
        title=lagebild.title,
        url=lagebild.get_absolute_url(),
        occurred_at=lagebild.published_at,
        actor_id=lagebild.published_by_id,
    )
    if immediate:
        transaction.on_commit(lambda: outbox.start_sending(immediate))
    return immediate


def _entry(notice) -> dict:
    return {"kind": notice.kind, "title": notice.title, "url": absolute_url(notice.url)}


class LagebildTopic(Topic):
    model = Lagebild
    default_frequency = Frequency.IMMEDIATE
    # A digest follower's Lagebilder join their running digest period (or the next daily run).
    first_digest_backdate = True

    def recipients(self, topic: Lagebild, user_ids: Iterable[int] | None) -> set[int]:
        if topic.is_withdrawn:
            return set()
        people = topic.audience.members().exclude(pk__in=topic.acknowledgements.values("user_id"))
        if user_ids is not None:
            people = people.filter(pk__in=list(user_ids))
        return set(people.values_list("pk", flat=True))

    def immediate_message(self, notice, topic: Lagebild, connection) -> EmailMultiAlternatives:
        context = {"user": notice.user, "item": _entry(notice), "rubric_url": absolute_url(_rubric_path())}
        return templated_message("lagebilder/email/new", context, [notice.user.email], connection=connection)

    def digest_message(self, user, frequency: str, entries: list, connection) -> EmailMultiAlternatives:
        context = {
            "user": user,
            "items": [_entry(notice) for _lagebild, notice in entries],
            "frequency_label": "Tägliche" if frequency == Frequency.DAILY else "Wöchentliche",
            "rubric_url": absolute_url(_rubric_path()),
        }
        return templated_message("lagebilder/email/digest", context, [user.email], connection=connection)


def _rubric_path() -> str:
    return reverse("fachgebiete:rubrik_overview", kwargs={"slug": RUBRIC_SLUG})
