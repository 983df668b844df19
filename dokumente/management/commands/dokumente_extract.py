"""Reads the text of stored files for the search: whatever the background task has not done
(queue down, worker stopped, files from before the search existed). Runs synchronously; meant
for a daily cron job and the demo loader."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from dokumente import extraction
from dokumente.models import TextStatus


class Command(BaseCommand):
    help = (
        "Liest den Text hochgeladener Dateien für die Suche aus: standardmäßig alle Dateien, deren Text noch "
        "aussteht; mit --failed auch die fehlgeschlagenen, mit --all alle Dateien erneut."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--failed", action="store_true", help="auch Dateien, deren Auslesen fehlgeschlagen ist")
        parser.add_argument("--all", action="store_true", dest="everything", help="alle Dateien erneut auslesen")
        parser.add_argument("--limit", type=int, default=None, help="höchstens so viele Dateien (Standard: alle)")

    def handle(self, *args, failed: bool, everything: bool, limit: int | None, **options) -> None:
        if limit is not None and limit < 1:
            raise CommandError("--limit muss mindestens 1 sein.")
        ids = extraction.pending_ids(include_failed=failed, everything=everything, limit=limit)
        if not ids:
            self.stdout.write("Keine Dateien auszulesen.")
            return
        self.stdout.write(f"{len(ids)} Datei(en) werden ausgelesen …")
        counts = extraction.extract_files(ids)
        for status in TextStatus:
            if counts[status]:
                self.stdout.write(f"{status.label}: {counts[status]}")
        if counts["missing"]:
            self.stdout.write(f"inzwischen gelöscht: {counts['missing']}")
        summary = f"Fertig: {sum(counts.values())} Datei(en) ausgelesen."
        self.stdout.write(self.style.WARNING(summary) if counts[TextStatus.FAILED] else self.style.SUCCESS(summary))
