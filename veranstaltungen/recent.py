"""The start page's "Nächste Veranstaltungen": the next events for the user's audience, in one query."""

from __future__ import annotations

from .models import Event

EVENT_LIMIT = 3
# What the card shows, and the end (how long the start page may keep the list).
SHOWN_FIELDS = ("title", "starts_at", "ends_at", "status")


def upcoming_events(user, arbeitskreis_ids: list[int] | None = None, *, limit: int = EVENT_LIMIT) -> list[Event]:
    """`arbeitskreis_ids`: the user's areas if read for this request already (see `Audience.objects.reaching`)."""
    return list(Event.objects.visible_to(user, arbeitskreis_ids).upcoming().only(*SHOWN_FIELDS)[:limit])
