"""The start page's "Nächste Veranstaltungen": the next events for the user's audience, in one query."""

from __future__ import annotations

from .models import Event

EVENT_LIMIT = 3


def upcoming_events(user, *, limit: int = EVENT_LIMIT) -> list[Event]:
    return list(Event.objects.visible_to(user).upcoming()[:limit])
