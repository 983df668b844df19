"""Daily (with the notifications' timer): Wiedervorlage reminders for the Redaktionen."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from fachgebiete.reviews import send_review_reminders


class Command(BaseCommand):
    help = (
        "Erinnert die Redaktion eines Fachgebiets per E-Mail an fällige Wiedervorlagen von Mustern und "
        "Rechtstatsachen, und ein zweites Mal, wenn sie überfällig sind. Jede Erinnerung geht einmal hinaus; "
        "für einen täglichen Lauf gedacht."
    )

    def handle(self, *args, **options) -> None:
        report = send_review_reminders()
        self.stdout.write(self.style.SUCCESS(f"Wiedervorlagen: {report}."))
