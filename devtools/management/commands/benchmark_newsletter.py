"""Benchmark: dispatch one issue to N subscribers through the real worker into a local SMTP sink.

Not a test. It builds a throwaway database (a new PostgreSQL database next to DATABASE_URL's
when that is set, else a temporary SQLite file), fills it with N confirmed subscribers and one
issue, starts `manage.py db_worker` as a separate process and an aiosmtpd sink on 127.0.0.1,
and prints mails per second and the worker's peak memory (VmHWM). The throwaway database is
removed afterwards.

    .venv/bin/python manage.py benchmark_newsletter --subscribers 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sikoportal .venv/bin/python manage.py benchmark_newsletter
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools import smtp_sink
from devtools.throwaway import throwaway_database


class Command(BaseCommand):
    help = "Misst den Newsletter-Versand: N Abonnements, echter Worker, lokaler SMTP-Sink."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--subscribers", type=int, default=10_000)
        parser.add_argument("--batch-size", type=int, default=None, help="Standard: SIKO_NEWSLETTER_BATCH_SIZE")
        parser.add_argument("--timeout", type=int, default=600, help="Sekunden bis zum Abbruch")
        # Internal: fill the throwaway database (runs as a subprocess against it).
        parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)

    def handle(self, *args, subscribers: int, batch_size: int | None, timeout: int, prepare: int | None, **options):
        if prepare is not None:
            self._prepare(prepare)
            return
        batch_size = batch_size or settings.SIKO_NEWSLETTER_BATCH_SIZE
        with throwaway_database() as (url, label):
            sink = smtp_sink.Sink(keep=False)
            with smtp_sink.running(sink) as port:
                env = {
                    **os.environ,
                    # Development settings install this command (`--prepare`); off what base leaves off.
                    "DJANGO_SETTINGS_MODULE": "sikoportal.settings.development",
                    "DJANGO_DEBUG": "false",
                    "SIKO_DEMO_MODE": "false",
                    "DATABASE_URL": url,
                    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "DJANGO_EMAIL_HOST": "127.0.0.1",
                    "DJANGO_EMAIL_PORT": str(port),
                    "DJANGO_LOG_LEVEL": "WARNING",
                    "SIKO_NEWSLETTER_BATCH_SIZE": str(batch_size),
                }
                self.stdout.write(f"Datenbank: {label}")
                self._manage(env, "migrate", "--verbosity", "0")
                self.stdout.write(f"Lege {subscribers} bestätigte Abonnements und eine Ausgabe an, starte Versand …")
                self._manage(env, "benchmark_newsletter", "--prepare", str(subscribers))
                self.stdout.write(f"Worker läuft (Stapel zu {batch_size} Mails je SMTP-Verbindung) …")
                started = time.monotonic()
                worker = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
                    [sys.executable, "manage.py", "db_worker", *WORKER_OPTIONS],
                    cwd=settings.BASE_DIR,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
                first_mail = None
                try:
                    while sink.accepted < subscribers:
                        if first_mail is None and sink.accepted:
                            first_mail = time.monotonic()
                        if worker.poll() is not None:
                            raise CommandError(f"Der Worker hat sich beendet:\n{worker.stderr.read().decode()}")
                        if time.monotonic() - started > timeout:
                            raise CommandError(f"Zeitüberschreitung nach {sink.accepted} Mails.")
                        time.sleep(0.01)
                    finished = time.monotonic()
                    peak_kib = _peak_memory_kib(worker.pid)
                finally:
                    worker.terminate()
                    worker.wait(timeout=30)
        duplicates = sum(1 for count in sink.recipients.values() if count > 1)
        total = finished - started
        sending = finished - (first_mail or started)
        self.stdout.write(
            f"\n{subscribers} Mails in {total:.1f} s ab Start des Workers: {subscribers / total:.0f} Mails/s"
            f"\n(ohne Start des Workers, erste bis letzte Mail: {sending:.1f} s, {subscribers / sending:.0f} Mails/s)"
            f"\nSpitzenspeicher des Workers (VmHWM): {peak_kib / 1024:.0f} MiB"
            f"\nEmpfänger mit mehr als einer Mail: {duplicates}, verschiedene Empfänger: {len(sink.recipients)}"
        )
        if duplicates or len(sink.recipients) != subscribers:
            raise CommandError("Nicht jeder Empfänger hat genau eine Mail erhalten.")

    def _manage(self, env: dict[str, str], *args: str) -> None:
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
        )
        if result.returncode:
            raise CommandError(f"manage.py {' '.join(args)} fehlgeschlagen:\n{result.stderr}")

    def _prepare(self, count: int) -> None:
        from django.utils import timezone

        from newsletter import services
        from newsletter.models import Issue, Subscriber
        from partner.models import User

        now = timezone.now()
        office = User.objects.create_user(
            email="benchmark@sikoruhr.nrw.de", first_name="Bench", last_name="Mark", status=User.Status.ADMITTED
        )
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=f"empfaenger{i:05d}@benchmark.sikoruhr.nrw.de",
                    name=f"Erika Müller {i}",
                    status=Subscriber.Status.CONFIRMED,
                    source=Subscriber.Source.IMPORT,
                    confirmed_at=now,
                )
                for i in range(count)
            ],
            batch_size=2000,
        )
        issue = Issue.objects.create(
            number=1,
            title="Lagebild Clankriminalität – Schwerpunkte im Ruhrgebiet",
            body=BENCHMARK_BODY,
            portal_links="Behörden & Institutionen | /behoerden/",
        )
        services.dispatch_start(issue=issue, started_by=office)


WORKER_OPTIONS = ["--interval", "0.1", "--no-startup-delay", "--no-reload"]

BENCHMARK_BODY = """## Aus der Geschäftsstelle

Die **Sicherheitskooperation Ruhr** zieht Bilanz: Im vergangenen Quartal fanden in Essen, Gelsenkirchen
und Duisburg gemeinsame Kontrollen von Shisha-Bars, Wettbüros und Spielhallen statt.

- Gewerbe-, Steuer- und Ausländerrecht greifen ineinander.
- Die Vermögensabschöpfung gewinnt an Bedeutung.
- Die Facharbeitskreise tagen wieder in Präsenz.

Mehr zu den Partnern finden Sie im [Verzeichnis](/behoerden/) und beim [Ministerium des Innern](https://www.im.nrw/).
"""


def _peak_memory_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
