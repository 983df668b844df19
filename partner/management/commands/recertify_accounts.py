"""Re-certification, inactivity and departed authorities; run daily (systemd timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from partner.recertification import run_daily


class Command(BaseCommand):
    help = (
        "Warnt Konten, deren Bestätigung (SIKO_RECERTIFICATION_MONTHS) fällig wird oder die lange nicht "
        "genutzt wurden (SIKO_INACTIVITY_SUSPEND_DAYS), und stellt sie nach Ablauf der Warnfrist ruhend; "
        "Konten von Behörden, die die Kooperation verlassen haben, sofort. Wiederholbar, täglich gedacht."
    )

    def handle(self, *args, **options) -> None:
        result = run_daily()
        self.stdout.write(
            f"{result.warned} Konto/Konten gewarnt, {result.suspended} ruhend gestellt, "
            f"{result.failed_mails} E-Mail(s) nicht versandt."
        )
        if result.failed_mails:
            # Nonzero exit: systemd marks the run failed, monitoring sees it; tomorrow's run retries.
            raise SystemExit(1)
