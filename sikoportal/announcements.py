"""The start page's cards for one person, kept per person (issue 15): the Lagebilder waiting for
her acknowledgement, her next events, the news and the next meetings of her areas.

These cards ask the audience rule (`Audience.objects.reaching`) and the areas' tables – the
dearest queries of the page to build – and change rarely. They are kept in the shared cache under
a key of everything of the person they depend on – her id, whether she is admitted, her authority
and the areas she is a member of with their archived flag (read fresh for every request) –
together with the generations they were found under: `zielgruppen.announcements` (any change of a
Lagebild, acknowledgement, event, audience or authority) and `facharbeitskreise.recent.AREA_NEWS`
(any area event or meeting). What is kept is read only under the same person's key and only while
both generations are current; and only until the first shown event or meeting is over (then the
next one moves up). The areas' names come from this request's reading, never from the cache; the
area news are kept without a time limit and cut at the person's last login on every page.
Generations and entry come with one cache read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from common import generations
from facharbeitskreise import recent as arbeitskreis_news
from facharbeitskreise.models import ArbeitskreisEvent, Meeting
from facharbeitskreise.recent import AREA_NEWS, MyAreas
from lagebilder import recent as lagebild_news
from lagebilder.recent import OpenLagebilder
from partner.models import is_admitted_account
from veranstaltungen import recent as event_news
from veranstaltungen.models import Event
from zielgruppen.announcements import ANNOUNCEMENTS

# A day: entries of an old generation are never read again and expire on their own.
TIMEOUT = 24 * 60 * 60
VERSION = 2  # raise when what is kept changes shape


@dataclass(frozen=True)
class Announcements:
    lagebilder: OpenLagebilder
    events: list[Event]
    area_news: list[ArbeitskreisEvent]
    meetings: list[Meeting]


def _key(user, areas: MyAreas) -> str:
    mine = sorted((arbeitskreis.pk, arbeitskreis.is_archived) for arbeitskreis in areas.arbeitskreise)
    reach = hashlib.sha256(repr((is_admitted_account(user), user.partner_id, mine)).encode()).hexdigest()
    return f"siko:home-announcements:{VERSION}:{user.pk}:{reach[:24]}"


def _read(user, areas: MyAreas) -> Announcements:
    return Announcements(
        lagebilder=lagebild_news.open_for(user, areas.ids),
        events=event_news.upcoming_events(user, areas.ids),
        area_news=arbeitskreis_news.new_events(user, None, areas),
        meetings=arbeitskreis_news.upcoming_meetings(user, areas),
    )


def for_person(user, areas: MyAreas, since: datetime) -> Announcements:
    key = _key(user, areas)
    current, found = generations.read(None, [ANNOUNCEMENTS, AREA_NEWS], [key])
    kept_under = [current[ANNOUNCEMENTS], current[AREA_NEWS]]
    kept = found.get(key)
    value = None
    if kept is not None and kept["generations"] == kept_under and kept["user"] == user.pk:
        if kept["until"] is None or timezone.now() < kept["until"]:
            value = kept["value"]
    if value is None:
        value = _read(user, areas)
        ends = [row.ends_at for row in (*value.events, *value.meetings)]
        entry = {"generations": kept_under, "user": user.pk, "until": min(ends, default=None), "value": value}
        cache.set(key, entry, TIMEOUT)
    return replace(
        value,
        area_news=arbeitskreis_news.with_area([row for row in value.area_news if row.created_at > since], areas),
        meetings=arbeitskreis_news.with_area(list(value.meetings), areas),
    )
