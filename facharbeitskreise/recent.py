"""What is new in the areas for one user and what waits for them: the start page asks here.

The start page belongs to `sikoportal`; who may enter an area, and who leads it, is this app's
rule (`access`), so the queries live here. Each function runs a fixed number of queries,
however many areas, events or requests there are. A closed area's name and news reach only
its current members: events are filtered by `Arbeitskreis.objects.member_of`, the rule every
area page asks through `access`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.urls import reverse

from . import access
from .access import Role
from .models import AccessReview, Arbeitskreis, ArbeitskreisEvent, Meeting, MembershipRequest

LIMIT = 10
MEETING_LIMIT = 5


def new_events(user, since: datetime, *, limit: int = LIMIT) -> list[ArbeitskreisEvent]:
    """News after `since` from the areas the user is a member of right now, newest first, without
    what they did themselves (one query). Members of an archived area still read it, so its
    news stays."""
    return list(
        ArbeitskreisEvent.objects.filter(arbeitskreis__in=Arbeitskreis.objects.member_of(user), created_at__gt=since)
        .exclude(actor=user)
        .select_related("arbeitskreis")
        .order_by("-created_at", "-pk")[:limit]
    )


def upcoming_meetings(user, *, limit: int = MEETING_LIMIT) -> list[Meeting]:
    """The next meetings (not yet over) of the active areas the user is a member of right now,
    soonest first (one query). Archived areas meet no more."""
    return list(
        Meeting.objects.upcoming()
        .filter(arbeitskreis__in=Arbeitskreis.objects.member_of(user).active())
        .select_related("arbeitskreis")[:limit]
    )


@dataclass(frozen=True)
class LeadRequests:
    """Open membership requests in one area the user leads."""

    arbeitskreis_name: str
    count: int
    url: str


def lead_requests(user) -> list[LeadRequests] | None:
    """Open membership requests per area the user leads (only areas with some), by area name;
    None if the user leads no area. One query for the roles, one more for leads."""
    led = [arbeitskreis_id for arbeitskreis_id, role in access.roles_for(user).items() if role == Role.LEITUNG]
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
