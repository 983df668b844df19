"""Files under dokumente/ in the upload storage that no StoredFile row refers to (e.g. left behind
when an outer transaction rolled back after files_atomic() had finished).

Through Django's storage API only (listdir, get_modified_time, delete), so the same command cleans
the local disk and an S3-compatible object store alike."""

from __future__ import annotations

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from dokumente.models import StoredFile
from dokumente.storage import storage_files


class Command(BaseCommand):
    help = "Listet (und löscht mit --delete) Dateien unter dokumente/ im Dateispeicher ohne Datenbankeintrag."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--delete", action="store_true", help="verwaiste Dateien löschen")
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=24,
            help="nur Dateien, die älter sind (laufende Uploads bleiben unberührt; Standard 24)",
        )

    def handle(self, *args, delete: bool, min_age_hours: float, **options) -> None:
        storage = default_storage
        known = set(StoredFile.objects.values_list("file", flat=True))
        cutoff = timezone.now() - datetime.timedelta(hours=min_age_hours)
        orphans = [
            name
            for name in storage_files(storage, "dokumente")
            if name not in known and _aware(storage.get_modified_time(name)) < cutoff
        ]
        for name in orphans:
            if delete:
                storage.delete(name)
            self.stdout.write(f"{'gelöscht' if delete else 'verwaist'}: {name}")
        self.stdout.write(f"{len(orphans)} verwaiste Datei(en).")


def _aware(moment: datetime.datetime) -> datetime.datetime:
    """Storages answer in UTC, aware with USE_TZ; a naive answer (USE_TZ off) is local time."""
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
