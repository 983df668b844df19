"""Rebuild the search index from the apps' records (after an import, a restore or an update)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from suche.index import reindex
from suche.sources import all_sources


class Command(BaseCommand):
    help = "Baut den Suchindex neu auf (alle Quellen oder die genannten Arten)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("kinds", nargs="*", help="Arten, z. B. muster rechtstatsache (Standard: alle)")

    def handle(self, *args, kinds: list[str], **options) -> None:
        sources = all_sources()
        unknown = [kind for kind in kinds if kind not in sources]
        if unknown:
            raise CommandError(f"Unbekannte Art: {', '.join(unknown)}. Bekannt: {', '.join(sources)}.")
        written = reindex(kinds or None)
        self.stdout.write(self.style.SUCCESS(f"Suchindex aufgebaut: {written} Einträge."))
