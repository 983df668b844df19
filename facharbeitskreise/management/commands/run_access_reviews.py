"""Periodic access reviews of the closed areas; run daily (cron or systemd timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from facharbeitskreise.reviews import reviews_expire, reviews_start_due


class Command(BaseCommand):
    help = (
        "Beendet abgelaufene Zugriffsüberprüfungen (nicht bestätigte Mitglieder verlieren den Zugang, "
        "die Geschäftsstelle erhält das Ergebnis) und startet fällige Überprüfungen (alle "
        "SIKO_ACCESS_REVIEW_MONTHS Monate; die Leitung wird per E-Mail gebeten). Für einen täglichen Lauf gedacht."
    )

    def handle(self, *args, **options) -> None:
        expired = reviews_expire()
        started = reviews_start_due()
        removed = sum(review.removed_count for review in expired)
        self.stdout.write(
            f"{len(expired)} Überprüfung(en) nach Fristablauf beendet ({removed} Zugang/Zugänge entzogen), "
            f"{len(started)} neue Überprüfung(en) gestartet."
        )
