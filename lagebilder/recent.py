"""The start page's "Meine Aufgaben": Lagebilder addressed to the user that wait for their acknowledgement."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Lagebild

LIMIT = 5
# What the card shows (the start page keeps the items: not the text, not the audience).
SHOWN_FIELDS = ("kind", "title", "published_at")


@dataclass(frozen=True)
class OpenLagebilder:
    items: list[Lagebild] = field(default_factory=list)
    count: int = 0

    @property
    def has_more(self) -> bool:
        return self.count > len(self.items)


def open_for(user, arbeitskreis_ids: list[int] | None = None, *, limit: int = LIMIT) -> OpenLagebilder:
    """The newest `limit` open ones and how many there are: one query, a second only beyond the limit.
    `arbeitskreis_ids`: the user's areas if read for this request already (see `Audience.objects.reaching`)."""
    open_ones = Lagebild.objects.open_for(user, arbeitskreis_ids)
    items = list(open_ones.only(*SHOWN_FIELDS)[: limit + 1])
    count = len(items) if len(items) <= limit else open_ones.count()
    return OpenLagebilder(items=items[:limit], count=count)
