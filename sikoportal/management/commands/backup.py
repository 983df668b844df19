"""manage.py backup: database (pg_dump), uploaded files and a manifest with checksums into a new
directory below SIKO_BACKUP_DIR; encrypted when SIKO_BACKUP_KEY is set. See sikoportal/backup.py."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sikoportal.backup import BackupError, create_backup, parse_key, prune_backups


def key_from_environment() -> bytes | None:
    """SIKO_BACKUP_KEY is read here, at run time, not into settings: the key stays out of
    diffsettings and error reports."""
    value = os.environ.get("SIKO_BACKUP_KEY", "").strip()
    return parse_key(value) if value else None


class Command(BaseCommand):
    help = "Sichert Datenbank (PostgreSQL) und hochgeladene Dateien mit Prüfsummen in ein neues Verzeichnis."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, default=None, help="Zielverzeichnis (Standard: SIKO_BACKUP_DIR)")
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help="so viele Sicherungen behalten, ältere löschen (Standard: SIKO_BACKUP_KEEP; 0 = alle)",
        )
        parser.add_argument("--database", default="default", help="Datenbank-Alias (Standard: default)")

    def handle(self, *args, output: Path | None, keep: int | None, database: str, **options) -> None:
        target = output or Path(settings.SIKO_BACKUP_DIR)
        keep = settings.SIKO_BACKUP_KEEP if keep is None else keep
        try:
            path = create_backup(target, alias=database, key=key_from_environment())
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Sicherung geschrieben: {path}")
        for removed in prune_backups(target, keep):
            self.stdout.write(f"Alte Sicherung gelöscht: {removed}")
