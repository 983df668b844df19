"""Who sees an event and who manages it — the one place that answers it for views, feeds and downloads.

Seeing: the event's audience (`Event.objects.visible_to`); everyone else gets 404, the event's
existence stays hidden. Managing: the Geschäftsstelle (permission `manage_events`) every event; an
area's Leitung the events addressed to her own (active) areas only. A manager sees what she manages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from facharbeitskreise.access import Role, roles_for
from facharbeitskreise.models import Arbeitskreis
from partner.models import is_admitted_account

from .models import MANAGE_PERMISSION, Event

NOT_FOUND = "Diese Veranstaltung gibt es nicht, oder sie richtet sich nicht an Sie."


def is_office(user) -> bool:
    return is_admitted_account(user) and user.has_perm(MANAGE_PERMISSION)


def led_arbeitskreise(user):
    """The active areas `user` leads (may announce events for)."""
    ids = [arbeitskreis_id for arbeitskreis_id, role in roles_for(user).items() if role.covers(Role.LEITUNG)]
    return Arbeitskreis.objects.active().filter(pk__in=ids)


def may_announce(user) -> bool:
    return is_office(user) or led_arbeitskreise(user).exists()


def managed_by(user):
    if is_office(user):
        return Event.objects.all()
    return Event.objects.led_by(led_arbeitskreise(user).values("pk"))


def listed_for(user):
    """The event lists: what the user's audience sees plus what she manages (the office every event,
    so that it finds a closed area's event it does not belong to). Search, start page, calendar
    and mails stay with the audience alone."""
    return Event.objects.filter(
        Q(pk__in=Event.objects.visible_to(user).values("pk")) | Q(pk__in=managed_by(user).values("pk"))
    )


def event_for(request, pk: int, *, manage: bool = False) -> Event:
    """The event for a view: 404 unless the user sees or manages it; with `manage`, 403 for someone
    who only sees it. `event.may_manage` tells templates whether to offer the office's links."""
    user = request.user
    event = Event.objects.select_related("audience").filter(pk=pk).first()
    if event is None:
        raise Http404(NOT_FOUND)
    may_manage = managed_by(user).filter(pk=pk).exists()
    if not may_manage:
        if not event.audience.includes(user):
            raise Http404(NOT_FOUND)
        if manage:
            raise PermissionDenied(
                "Diese Veranstaltung verwalten nur die Geschäftsstelle und die Leitung ihres Kreises."
            )
    event.may_manage = may_manage
    return event
