"""The searchable things, as the apps describe them in their `search.py` modules.

A source is duck-typed; its entries are typed (`suche.entry.Entry`, the one module of the search
the apps import):

    kind: str                 stable key, SearchEntry.kind and the ?typ= value
    label / label_plural      German type names
    model                     the indexed model
    visible(user)             queryset of `model`: the app's own visibility rule
    indexable()               queryset of every object that gets an entry (prefetched for entry())
    entry(obj) -> Entry       what the index stores for the object (fields: see `suche.entry`)
    dependents()              {OtherModel: instance -> objects of `model` to re-index}
    for_files(file_ids)       objects whose entry contains the text of these files
    unindexed_fields          optional: fields no entry shows; a save of only these is not re-indexed
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any, Protocol

from django.apps import apps

from common.rubrics import search_labels

from .entry import Entry

# Display order of the types (unknown kinds follow in app order).
KIND_ORDER = [
    "information",
    "muster",
    "rechtstatsache",
    "glossar",
    "bereichsdokument",
    "sitzung",
    "veranstaltung",
    "diskussion",
    "behoerde",
    "person",
]

RUBRIC_LABELS = search_labels()


class Source(Protocol):
    kind: str
    label: str
    label_plural: str
    model: Any

    def visible(self, user): ...
    def indexable(self): ...
    def entry(self, obj) -> Entry: ...
    def dependents(self) -> dict: ...
    def for_files(self, file_ids: list[int]): ...


@cache
def all_sources() -> dict[str, Source]:
    """kind → source, from every installed app's `search` module, in display order."""
    found: dict[str, Source] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.search"
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        for source in getattr(module, "SOURCES", ()):
            if source.kind in found:
                raise ValueError(f"Suchquelle {source.kind!r} ist doppelt registriert.")
            found[source.kind] = source
    order = {kind: position for position, kind in enumerate(KIND_ORDER)}
    return dict(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))
