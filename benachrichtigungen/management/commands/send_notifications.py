"""Daily (cron/systemd timer): the digests that are due, and every notice whose mail failed before.

Safe to run as often as you like: a notice is marked sent once its mail was accepted, and a
digest is only due a period (a day, a week) after the previous one.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from benachrichtigungen import outbox


class Command(BaseCommand):
    help = (
        "Versendet fällige tägliche und wöchentliche Zusammenfassungen (Fachgebiete, Arbeitskreise und Projekte) "
        "und wiederholt fehlgeschlagene Benachrichtigungen."
    )

    def handle(self, *args, **options) -> None:
        report = outbox.send_due()
        style = self.style.WARNING if report.failed else self.style.SUCCESS
        self.stdout.write(style(f"Benachrichtigungen: {report}."))
        if report.failed:
            self.stdout.write("Fehlgeschlagene E-Mails werden beim nächsten Lauf erneut versandt.")
