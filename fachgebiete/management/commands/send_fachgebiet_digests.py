"""Daily (cron/systemd timer): weekly digests that are due, and every notice whose mail failed before.

Safe to run as often as you like: a notice is marked sent once its mail was accepted, and a
digest is only due a week after the previous one.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from fachgebiete import notifications


class Command(BaseCommand):
    help = (
        "Versendet fällige Wochenzusammenfassungen der Fachgebiete und wiederholt fehlgeschlagene Benachrichtigungen."
    )

    def handle(self, *args, **options) -> None:
        report = notifications.send_overdue()
        style = self.style.WARNING if report.failed else self.style.SUCCESS
        self.stdout.write(style(f"Fachgebiete: {report}."))
        if report.failed:
            self.stdout.write("Fehlgeschlagene E-Mails werden beim nächsten Lauf erneut versandt.")
