"""The start page's Lagebilder to acknowledge and next events, kept per person (issue 15).

Both cards ask the audience rule (`Audience.objects.reaching`) – two of the dearest queries of the
page to build – and change rarely. They are kept in the shared cache under a key of everything of
the person they depend on – her id, whether she is admitted, her authority and the areas she is a
member of (read for this request) – together with the announcements generation they were found
under (`zielgruppen.announcements`: any change of a Lagebild, acknowledgement, event, audience or
authority moves it on). What is kept is read only under the same person's key and only while the
generation is the current one; the events besides only until the first shown event is over (then
the next one moves up). Generation and entry come with one cache read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from facharbeitskreise.recent import MyAreas
from lagebilder import recent as lagebild_news
from lagebilder.recent import OpenLagebilder
from partner.models import is_admitted_account
from veranstaltungen import recent as event_news
from veranstaltungen.models import Event
from zielgruppen.announcements import ANNOUNCEMENTS

# A day: entries of an old generation are never read again and expire on their own.
TIMEOUT = 24 * 60 * 60
VERSION = 1  # raise when what is kept changes shape


@dataclass(frozen=True)
class Announcements:
    lagebilder: OpenLagebilder
    events: list[Event]


def _key(user, areas: MyAreas) -> str:
    reach = hashlib.sha256(repr((is_admitted_account(user), user.partner_id, sorted(areas.ids))).encode()).hexdigest()
    return f"siko:home-announcements:{VERSION}:{user.pk}:{reach[:24]}"


def for_person(user, areas: MyAreas) -> Announcements:
    key = _key(user, areas)
    found = cache.get_many([ANNOUNCEMENTS.key, key])
    generation = found.get(ANNOUNCEMENTS.key) or ANNOUNCEMENTS.current()
    kept = found.get(key)
    if kept is not None and kept["generation"] == generation and kept["user"] == user.pk:
        if kept["until"] is None or timezone.now() < kept["until"]:
            return kept["value"]
    value = Announcements(
        lagebilder=lagebild_news.open_for(user, areas.ids),
        events=event_news.upcoming_events(user, areas.ids),
    )
    until = min((event.ends_at for event in value.events), default=None)
    cache.set(key, {"generation": generation, "user": user.pk, "until": until, "value": value}, TIMEOUT)
    return value
