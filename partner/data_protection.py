"""The one extension point for data-subject rights and the Verzeichnis von Verarbeitungstätigkeiten.

partner imports no other app of ours, so it cannot know what the others store about a person.
The top layer lists the providers in `settings.SIKO_PERSONAL_DATA_PROVIDERS` (dotted module
paths, like SIKO_PROFILE_SECTIONS); each provider module offers three functions:

- `export(user) -> list[Section]`: the person's own data in that app (Art. 15/20 DSGVO);
- `erase(user, *, by) -> None`: remove or end it, inside the erasure's transaction (Art. 17);
- `activities() -> list[Activity]`: what the app stores, why, and how long (Art. 30).

A provider returns only the person's own data: never another person's name or address, even
where the person could see it in the portal (Art. 15(4) DSGVO, see the README).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from types import ModuleType
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_module

# What records show instead of the person once the account is erased.
FORMER_MEMBER = "ehemaliges Mitglied"


@dataclass(frozen=True)
class Section:
    """One table of the export: `columns` are (JSON key, German label) pairs, `rows` dicts by key."""

    key: str
    title: str
    columns: tuple[tuple[str, str], ...]
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""
    # One record (the profile): the page shows it as label and value, one per line.
    record: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"titel": self.title, "hinweis": self.note, "eintraege": self.rows}

    @property
    def labels(self) -> list[str]:
        return [label for _, label in self.columns]

    @property
    def display_rows(self) -> list[list[str]]:
        return [[display(row.get(key)) for key, _ in self.columns] for row in self.rows]

    @property
    def as_record(self) -> list[tuple[str, str]] | None:
        if not self.record or len(self.rows) != 1:
            return None
        return list(zip(self.labels, self.display_rows[0], strict=True))


@dataclass(frozen=True)
class Activity:
    """One processing activity of the Verzeichnis (Art. 30(1) DSGVO)."""

    name: str
    data: str
    purpose: str
    legal_basis: str
    recipients: str
    retention: str


def display(value: Any) -> str:
    """A value as the HTML page shows it (the JSON keeps the raw value)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%d.%m.%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return str(value)


def days(number: int) -> str:
    """A retention period in German, as the Verzeichnis states it."""
    return "1 Tag" if number == 1 else f"{number} Tage"


def providers() -> list[ModuleType]:
    return [import_module(path) for path in settings.SIKO_PERSONAL_DATA_PROVIDERS]


def export_sections(user) -> list[Section]:
    return [section for provider in providers() for section in provider.export(user)]


def erase_everywhere(user, *, by) -> None:
    # Partner's own provider comes first in the setting but must run last (it removes the
    # name and address the others' records and mails may still need): reversed order.
    for provider in reversed(providers()):
        provider.erase(user, by=by)


def processing_activities() -> list[Activity]:
    return [activity for provider in providers() for activity in provider.activities()]
