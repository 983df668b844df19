"""Daily and weekly digests of the closed areas; run once a day (cron or systemd timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from facharbeitskreise import notifications


class Command(BaseCommand):
    help = "Versendet die täglichen und wöchentlichen Zusammenfassungen der Facharbeitskreise und Projekte."

    def handle(self, *args, **options) -> None:
        report = notifications.send_digests()
        self.stdout.write(f"Zusammenfassungen versandt: {report.sent}, fehlgeschlagen: {report.failed}")
        if report.failed:
            self.stdout.write("Fehlgeschlagene Zusammenfassungen werden beim nächsten Lauf erneut versandt.")
