"""Delete audit log entries past their retention period; run daily (systemd timer sikoportal-audit-prune)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from partner.audit_retention import audit_prune


class Command(BaseCommand):
    help = (
        "Löscht Einträge des Protokolls, deren Aufbewahrungsfrist abgelaufen ist "
        "(SIKO_AUDIT_*_RETENTION_DAYS, SIKO_DOWNLOAD_LOG_RETENTION_DAYS). Für einen täglichen Lauf gedacht."
    )

    def handle(self, *args, **options) -> None:
        deleted = audit_prune()
        self.stdout.write(f"{deleted} Protokolleintrag/-einträge nach Ablauf der Aufbewahrungsfrist gelöscht.")
