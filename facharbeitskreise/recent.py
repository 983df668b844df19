"""What is new in the areas for one user and what waits for them: the start page asks here.

The start page belongs to `sikoportal`; who may enter an area, and who leads it, is this app's
rule (`access`), so the queries live here. Each function runs a fixed number of queries,
however many areas, events or requests there are. A closed area's name and news reach only
its current members: events and meetings are filtered by the areas of `my_areas` – the user's
roles from `access.roles_for`, the rule every area page asks (a role needs the view grant, so
these are exactly `Arbeitskreis.objects.member_of(user)`) – read once per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from common import generations

from . import access
from .access import Role
from .models import AccessReview, Arbeitskreis, ArbeitskreisEvent, Meeting, MembershipRequest

LIMIT = 10
MEETING_LIMIT = 5
# Moves on with every save and delete of an area event or a meeting: the start page keeps each
# person's area news and next meetings under it (sikoportal.announcements); which areas she is in,
# and whether they are archived, is part of that key, read fresh for every request.
AREA_NEWS = "siko:area-news-generation"
area_news_changed = generations.receiver(AREA_NEWS)


def connect() -> None:
    """Called from FacharbeitskreiseConfig.ready()."""
    for model in (ArbeitskreisEvent, Meeting):
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(area_news_changed, sender=model, dispatch_uid=f"siko-area-news-{name}-{model.__name__}")


@dataclass(frozen=True)
class MyAreas:
    """The areas the user may enter right now, read once per request for every card of the start
    page: her role per area id (`access.roles_for`, the rule every area page asks) and those areas,
    by name. The cards filter by these ids instead of each building the rights subquery again."""

    roles: dict[int, Role]
    arbeitskreise: list[Arbeitskreis]

    @property
    def ids(self) -> list[int]:
        return list(self.roles)

    @property
    def by_id(self) -> dict[int, Arbeitskreis]:
        return {arbeitskreis.pk: arbeitskreis for arbeitskreis in self.arbeitskreise}


def my_areas(user) -> MyAreas:
    """One query for the roles; one more for the areas if there are any."""
    roles = access.roles_for(user)
    if not roles:
        return MyAreas(roles={}, arbeitskreise=[])
    arbeitskreise = list(
        Arbeitskreis.objects.filter(pk__in=list(roles)).only("name", "slug", "is_archived").order_by("name")
    )
    return MyAreas(roles=roles, arbeitskreise=arbeitskreise)


def new_events(
    user, since: datetime | None, areas: MyAreas | None = None, *, limit: int = LIMIT
) -> list[ArbeitskreisEvent]:
    """News after `since` (None: the newest whatever their time) from the areas the user is a
    member of right now, newest first, without what they did themselves (one query; `areas` as
    read for this request, else read here). Members of an archived area still read it, so its
    news stays."""
    areas = my_areas(user) if areas is None else areas
    if not areas.roles:
        return []
    events = ArbeitskreisEvent.objects.filter(arbeitskreis_id__in=areas.ids).exclude(actor=user)
    if since is not None:
        events = events.filter(created_at__gt=since)
    return with_area(list(events.order_by("-created_at", "-pk")[:limit]), areas)


def upcoming_meetings(user, areas: MyAreas | None = None, *, limit: int = MEETING_LIMIT) -> list[Meeting]:
    """The next meetings (not yet over) of the active areas the user is a member of right now,
    soonest first (one query, none without an active area). Archived areas meet no more."""
    areas = my_areas(user) if areas is None else areas
    active = [arbeitskreis.pk for arbeitskreis in areas.arbeitskreise if not arbeitskreis.is_archived]
    if not active:
        return []
    return with_area(list(Meeting.objects.upcoming().filter(arbeitskreis_id__in=active)[:limit]), areas)


def with_area(rows: list, areas: MyAreas) -> list:
    """Each row's area from the areas read for this request (instead of a join per card)."""
    by_id = areas.by_id
    for row in rows:
        row.arbeitskreis = by_id[row.arbeitskreis_id]
    return rows


@dataclass(frozen=True)
class LeadRequests:
    """Open membership requests in one area the user leads."""

    arbeitskreis_name: str
    count: int
    url: str


def lead_requests(user, areas: MyAreas | None = None) -> list[LeadRequests] | None:
    """Open membership requests per area the user leads (only areas with some), by area name;
    None if the user leads no area. One query for leads (and one for the roles without `areas`)."""
    roles = access.roles_for(user) if areas is None else areas.roles
    led = [arbeitskreis_id for arbeitskreis_id, role in roles.items() if role == Role.LEITUNG]
    if not led:
        return None
    rows = (
        MembershipRequest.objects.filter(arbeitskreis_id__in=led, status=MembershipRequest.Status.OPEN)
        .values("arbeitskreis__name", "arbeitskreis__slug")
        .annotate(count=Count("pk"))
        .order_by("arbeitskreis__name")
    )
    return [
        LeadRequests(
            arbeitskreis_name=row["arbeitskreis__name"],
            count=row["count"],
            url=reverse("facharbeitskreise:lead_requests", kwargs={"slug": row["arbeitskreis__slug"]}),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class OfficeCounts:
    open_requests: int
    open_reviews: int


def office_counts() -> OfficeCounts:
    """For the Geschäftsstelle, which administers every area (confidential ones too): numbers
    only, never an area's name or content. Two queries."""
    return OfficeCounts(
        open_requests=MembershipRequest.objects.filter(status=MembershipRequest.Status.OPEN).count(),
        open_reviews=AccessReview.objects.filter(outcome=AccessReview.Outcome.OPEN).count(),
    )
