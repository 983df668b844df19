"""Delete applications whose e-mail address was never confirmed; run daily (cron or systemd timer)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from partner.services import applications_expire


class Command(BaseCommand):
    help = (
        "Löscht Registrierungen, deren E-Mail-Adresse nicht innerhalb von SIKO_APPLICATION_EXPIRY_DAYS Tagen "
        "bestätigt wurde (Datensparsamkeit). Für einen täglichen Lauf gedacht."
    )

    def handle(self, *args, **options) -> None:
        deleted = applications_expire()
        days = settings.SIKO_APPLICATION_EXPIRY_DAYS
        self.stdout.write(f"{deleted} unbestätigte Registrierung(en) älter als {days} Tage gelöscht.")
