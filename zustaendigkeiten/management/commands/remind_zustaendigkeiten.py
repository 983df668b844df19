"""Remind people of directory entries unconfirmed for twelve months; run daily (systemd timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from zustaendigkeiten.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Erinnert Personen einmal per E-Mail an ihre Einträge in „Wer ist zuständig?“, die seit zwölf "
        "Monaten niemand bestätigt hat, und die Ansprechpersonen ihrer Behörde einmal an diese Einträge. "
        "Wiederholbar, täglich gedacht."
    )

    def handle(self, *args, **options) -> None:
        result = send_reminders()
        self.stdout.write(
            f"{result.reminded_people} Person(en) an {result.reminded_entries} Eintrag/Einträge erinnert, "
            f"{result.reminded_contacts} Ansprechperson(en) an {result.contact_entries} Eintrag/Einträge ihrer "
            "Behörde erinnert, "
            f"{result.failed_mails} E-Mail(s) nicht versandt."
        )
        if result.failed_mails:
            # Nonzero exit: systemd marks the run failed, monitoring sees it; the next run retries.
            raise SystemExit(1)
