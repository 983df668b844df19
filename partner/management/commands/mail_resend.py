"""manage.py mail_resend: failed mail tasks once more, each at most once (partner/resend.py)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from partner.resend import resend_failed


class Command(BaseCommand):
    help = (
        "Plant fehlgeschlagene E-Mails (Zulassung, Ablehnung, Deaktivierung, Löschung, Hinweise an die "
        "Geschäftsstelle …) erneut ein; jede höchstens einmal."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=float, default=None, help="nur Aufgaben der letzten N Tage (Standard: alle)")
        parser.add_argument("--dry-run", action="store_true", help="nur anzeigen, nichts einplanen")

    def handle(self, *args, days: float | None, dry_run: bool, **options) -> None:
        result = resend_failed(days=days, dry_run=dry_run)
        for task_id in result.resent:
            self.stdout.write(f"{'würde erneut senden' if dry_run else 'erneut eingeplant'}: Aufgabe {task_id}")
        self.stdout.write(
            f"{len(result.resent)} fehlgeschlagene E-Mail(s) {'würden' if dry_run else 'wurden'} erneut eingeplant, "
            f"{result.skipped} bereits früher."
        )
