"""Files under MEDIA_ROOT/dokumente/ that no StoredFile row refers to (e.g. left behind when an
outer transaction rolled back after files_atomic() had finished)."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from dokumente.models import StoredFile


class Command(BaseCommand):
    help = "Listet (und löscht mit --delete) Dateien unter MEDIA_ROOT/dokumente/ ohne Datenbankeintrag."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--delete", action="store_true", help="verwaiste Dateien löschen")
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=24,
            help="nur Dateien, die älter sind (laufende Uploads bleiben unberührt; Standard 24)",
        )

    def handle(self, *args, delete: bool, min_age_hours: float, **options) -> None:
        root = Path(settings.MEDIA_ROOT)
        known = set(StoredFile.objects.values_list("file", flat=True))
        cutoff = time.time() - min_age_hours * 3600
        orphans = [
            path
            for path in sorted((root / "dokumente").rglob("*"))
            if path.is_file() and path.relative_to(root).as_posix() not in known and path.stat().st_mtime < cutoff
        ]
        for path in orphans:
            if delete:
                path.unlink(missing_ok=True)
            self.stdout.write(f"{'gelöscht' if delete else 'verwaist'}: {path.relative_to(root).as_posix()}")
        self.stdout.write(f"{len(orphans)} verwaiste Datei(en).")
