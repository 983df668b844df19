"""manage.py restore DIR: a backup of manage.py backup into an EMPTY database and file storage,
after verifying every checksum. See sikoportal/restore.py."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sikoportal.backup import BackupError
from sikoportal.restore import restore_backup

from .backup import key_from_environment


class Command(BaseCommand):
    help = "Stellt eine Sicherung in eine leere Datenbank und eine leere Dateiablage wieder her."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="Verzeichnis der Sicherung (sikoportal-…)")
        parser.add_argument("--database", default="default", help="Datenbank-Alias (Standard: default)")

    def handle(self, *args, path: Path, database: str, **options) -> None:
        try:
            manifest = restore_backup(path, alias=database, key=key_from_environment())
        except BackupError as error:
            raise CommandError(str(error)) from None
        portal = manifest["portal"]
        self.stdout.write(
            f"Wiederhergestellt: Sicherung vom {manifest['created']} (Version {portal['version']}, "
            f"Commit {portal['commit'] or 'unbekannt'}), {manifest['media']['files']} Dateien. "
            "Ist der Code neuer als die Sicherung: manage.py migrate."
        )
