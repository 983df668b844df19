"""What a search source's `entry(obj)` returns: one typed entry instead of a dict with repeated defaults.

The one module of `suche` that the apps import (their `search.py` modules build entries); it imports
nothing of ours, so an app depends on the shape of an entry only, never on the search machinery.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class Entry:
    """An object as the index stores it. `a` … `d` are the texts by weight as a reader sees them
    (plain text, no Markdown; `b`, `c` and `d` are the snippet's source): A title and identifiers,
    B description, C text, D contents of attached files. `words` only serve to find the entry by
    (type words, Fachgebiet, authority) and are never shown. `keys` are exact identifiers
    (Aktenzeichen, norms). `rubric`, `fachgebiet_id`, `arbeitskreis_id`, `partner_id` and `date` are the facets."""

    title: str
    url: str
    rubric: str
    context: str = ""
    a: str = ""
    b: str = ""
    c: str = ""
    d: str = ""
    words: str = ""
    keys: list[str] = field(default_factory=list)
    fachgebiet_id: int | None = None
    arbeitskreis_id: int | None = None
    partner_id: int | None = None
    date: datetime.date | None = None
