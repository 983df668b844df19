"""Benchmark: how many requests per second the portal's pages serve under production settings.

Not a test. Builds (or reuses) a corpus database next to DATABASE_URL's — the corpus of
`benchmark_search` (`devtools.benchmark_corpus`, search index included), by default 20,000
items, 700 users, 50 areas — then starts gunicorn as production does (deploy/gunicorn.conf.py,
devtools.benchmark_settings = production + the floor page, 3 sync workers, persistent database
connections), logs in through the real login form as the member of ten areas and loads every
page of the measured list (devtools.page_benchmark) with wrk (8 connections, after a warm-up), beside a bare Django page
served by the same workers (`devtools.benchmark_wsgi`). It prints req/s, p50/p99, server CPU
ms per request (gunicorn workers, from /proc), PostgreSQL CPU ms per request (the database
backends of those workers, from /proc), the share of the bare page, and PASS/FAIL per target.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sikoportal .venv/bin/python manage.py benchmark_pages
    … benchmark_pages --rounds 3 --duration 10 --json before.json
    … benchmark_pages --documents 100000 --compare before.json   # cost flat in the data size?
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools import page_benchmark as bench
from devtools import production_process
from devtools.management.commands.benchmark_search import Command as SearchBenchmark

FLAT_FACTOR = 1.3
WARMUP_REQUESTS = 60


class Command(BaseCommand):
    help = "Misst die Seiten des Portals unter Produktionseinstellungen mit wrk (Anfragen/s, p50/p99, CPU je Anfrage)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--documents", type=int, default=20_000, help="Beiträge im Bestand (Standard 20000)")
        parser.add_argument("--users", type=int, default=700, help="zugelassene Konten (Standard 700)")
        parser.add_argument("--arbeitskreise", type=int, default=50, help="geschlossene Bereiche (Standard 50)")
        parser.add_argument("--duration", type=int, default=10, help="Messdauer je Seite in Sekunden (Standard 10)")
        parser.add_argument("--warmup", type=int, default=2, help="Aufwärmen je Seite in Sekunden (Standard 2)")
        parser.add_argument("--rounds", type=int, default=1, help="Durchgänge über alle Seiten (Standard 1)")
        parser.add_argument("--pages", default="", help="nur diese Seiten, z. B. bereich,muster (der Boden immer)")
        parser.add_argument("--json", dest="json_path", help="Ergebnisse zusätzlich als JSON in diese Datei")
        parser.add_argument(
            "--compare", help="JSON eines früheren Laufs (z. B. 20000 Beiträge): CPU je Anfrage ≤ 1,3×?"
        )
        parser.add_argument("--rebuild", action="store_true", help="Bestandsdatenbank löschen und neu anlegen")
        parser.add_argument("--plan", action="store_true", help=argparse.SUPPRESS)  # internal phase

    def handle(self, *args, **options) -> None:
        if options["plan"]:
            self.stdout.write(json.dumps(self._plan()))
            return
        for name in ("duration", "rounds"):
            if options[name] < 1:
                raise CommandError(f"--{name} muss mindestens 1 sein.")
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            raise CommandError(
                "Gemessen wird wie im Betrieb mit PostgreSQL: bitte DATABASE_URL=postgres://… setzen "
                "(die Bestandsdatenbank wird daneben angelegt)."
            )
        bench.wrk_path()
        parts = urlsplit(url)
        name = f"{parts.path.lstrip('/')}_corpus_{options['documents']}_{options['users']}_{options['arbeitskreise']}"
        corpus_url = urlunsplit(parts._replace(path=f"/{name}"))
        self._corpus(parts, name, corpus_url, options)
        password = secrets.token_urlsafe(24)
        plan = json.loads(self._manage(corpus_url, "benchmark_pages", "--plan", password=password).splitlines()[-1])
        chosen = {key.strip() for key in options["pages"].split(",") if key.strip()}
        pages = [page for page in bench.pages(plan) if not chosen or page.key in chosen or page.key == "leer"]
        if unknown := chosen - {page.key for page in bench.pages(plan)}:
            raise CommandError(f"Unbekannte Seiten: {', '.join(sorted(unknown))}")
        with tempfile.TemporaryDirectory(prefix="siko-benchmark-pages-") as static_root:
            results = self._serve_and_measure(corpus_url, name, static_root, plan, password, pages, options)
        report = {
            "documents": options["documents"],
            "users": options["users"],
            "arbeitskreise": options["arbeitskreise"],
        }
        report |= {"duration": options["duration"], "rounds": options["rounds"], "pages": results}
        self._print(report)
        if options["compare"]:
            self._compare(report, json.loads(Path(options["compare"]).read_text()))
        if options["json_path"]:
            Path(options["json_path"]).write_text(json.dumps(report, indent=2, ensure_ascii=False))
            self.stdout.write(f"\nJSON: {options['json_path']}")

    # --- The corpus ------------------------------------------------------------------------

    def _corpus(self, parts, name: str, corpus_url: str, options: dict) -> None:
        import psycopg

        admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
        with psycopg.connect(admin, autocommit=True) as conn:
            if options["rebuild"]:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        if exists:
            self.stdout.write(f"Bestand: {name} (vorhanden, wird wiederverwendet; neu anlegen mit --rebuild)")
            self._manage(corpus_url, "migrate", "--verbosity", "0")  # the code may have new migrations
        else:
            self.stdout.write(f"Bestand: {name} wird angelegt …")
            started = time.monotonic()
            self._manage(corpus_url, "migrate", "--verbosity", "0")
            self._manage(
                corpus_url,
                "benchmark_search",
                "--prepare",
                *("--documents", str(options["documents"]), "--users", str(options["users"])),
                *("--arbeitskreise", str(options["arbeitskreise"])),
                echo=True,
            )
            self.stdout.write(f"Bestand angelegt in {time.monotonic() - started:.0f} s")

    def _manage(self, url: str, *args: str, password: str = "", echo: bool = False) -> str:
        env = SearchBenchmark._env(url)
        if password:
            env["SIKO_BENCHMARK_PASSWORD"] = password
        done = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
        )
        if echo or done.returncode:
            self.stdout.write(done.stdout.rstrip())
        if done.returncode:
            raise CommandError(f"manage.py {' '.join(args)} ist fehlgeschlagen:\n{done.stderr}")
        return done.stdout

    def _plan(self) -> dict:
        """In the corpus database: a password for the measured member, and the pages' addresses."""
        from allauth.account.models import EmailAddress
        from django.db.models import Count, Q

        from devtools.corpus_people import MULTI_MEMBER_EMAIL
        from facharbeitskreise.models import Arbeitskreis
        from fachgebiete.models import Document, Fachgebiet, Status
        from partner.models import User

        try:
            user = User.objects.get(email=MULTI_MEMBER_EMAIL)
        except User.DoesNotExist:
            raise CommandError("Die Bestandsdatenbank ist unvollständig: bitte mit --rebuild neu anlegen.") from None
        user.set_password(os.environ["SIKO_BENCHMARK_PASSWORD"])
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        fachgebiet = (
            Fachgebiet.objects.fachgebiete()
            .annotate(n=Count("documents", filter=Q(documents__status=Status.PUBLISHED)))
            .order_by("-n", "position")
            .first()
        )
        arbeitskreis = Arbeitskreis.objects.member_of(user).filter(is_archived=False).order_by("name").first()
        muster = Document.objects.published().filter(fachgebiet=fachgebiet).order_by("-published_at").first()
        return {
            "fachgebiet": fachgebiet.slug,
            "arbeitskreis": arbeitskreis.slug,
            "muster": muster.pk,
            "email": user.email,
        }

    # --- Serving and measuring ---------------------------------------------------------------

    def _serve_and_measure(self, url, name, static_root, plan, password, pages, options) -> list[dict]:
        port = production_process.free_port()
        env = production_process.production_env(
            settings_module="devtools.benchmark_settings",
            database_url=url,
            host=bench.HOST,
            secret_key=secrets.token_urlsafe(50),
            SIKO_BENCHMARK_STATIC_ROOT=static_root,
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS="3",
            # Production reconnects each worker after 60 s; the benchmark keeps the connection for the
            # whole run, so that the backends whose CPU time is read stay the same processes.
            DJANGO_CONN_MAX_AGE="3600",
        )
        base = Path(settings.BASE_DIR)
        started = time.monotonic()
        # Production caches in the database; its static files are collected with the manifest.
        for command in (["createcachetable"], ["collectstatic", "--noinput", "--verbosity", "0"]):
            subprocess.run(  # noqa: S603 - our own manage.py
                [sys.executable, "manage.py", *command], cwd=base, env=env, check=True, capture_output=True
            )
        self.stdout.write(f"Cache-Tabelle und collectstatic: {time.monotonic() - started:.0f} s")
        # Production's gunicorn configuration; only the worker recycling is off, so that no worker
        # (and its CPU time) goes away in the middle of a measurement.
        log = Path(static_root) / "gunicorn.log"
        with log.open("w") as log_file:
            server = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "gunicorn", "--config", str(base / "deploy" / "gunicorn.conf.py"),
                 "--max-requests", "0", "devtools.benchmark_wsgi"],
                cwd=base, env=env, stdout=subprocess.DEVNULL, stderr=log_file,
            )  # fmt: skip
        try:
            production_process.wait_for_port(port, server, "gunicorn", timeout=60)
            browser = bench.Browser(port, bench.CLIENT_IP)
            browser.log_in(plan["email"], password)
            for page in pages:
                status, location, _ = browser.request("GET", page.path)
                if status != 200:
                    raise RuntimeError(f"{page.label} ({page.path}) antwortete mit {status} {location}.")
            return self._measure(server.pid, url, name, port, browser.cookie_header(), pages, options)
        except (RuntimeError, subprocess.CalledProcessError) as error:  # ServerNotReady too
            raise CommandError(f"{error}\nAusgabe von gunicorn:\n{log.read_text()[-5000:]}") from None
        finally:
            production_process.stop(server)

    def _measure(self, master: int, url: str, name: str, port: int, cookie: str, pages, options) -> list[dict]:
        import psycopg

        workers = bench.children(master)
        self.stdout.write(
            f"gunicorn: {len(workers)} Worker; wrk: 8 Verbindungen, {options['warmup']} s Aufwärmen + "
            f"{options['duration']} s je Seite, {options['rounds']} Durchgang/Durchgänge\n"
        )
        runs: dict[str, list[bench.Result]] = {page.key: [] for page in pages}
        with psycopg.connect(urlunsplit(urlsplit(url)._replace(scheme="postgresql")), autocommit=True) as conn:
            for round_number in range(options["rounds"]):
                for page in pages:
                    self._warm_up(port, page.path, cookie, options["warmup"])
                    backends = [
                        pid
                        for (pid,) in conn.execute(
                            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
                            " AND backend_type = 'client backend'",
                            [name],
                        ).fetchall()
                    ]
                    cpu, db_cpu = bench.cpu_seconds(workers), bench.cpu_seconds(backends)
                    load = bench.run_wrk(port, page.path, cookie, seconds=options["duration"])
                    cpu_after, db_after = bench.cpu_seconds(workers), bench.cpu_seconds(backends)
                    per_request = 1000 / max(load.requests, 1)
                    result = bench.Result(
                        key=page.key,
                        label=page.label,
                        rate=load.rate,
                        p50=load.p50,
                        p99=load.p99,
                        cpu_ms=None if cpu is None or cpu_after is None else (cpu_after - cpu) * per_request,
                        db_cpu_ms=None if db_cpu is None or db_after is None else (db_after - db_cpu) * per_request,
                        errors=load.errors,
                    )
                    runs[page.key].append(result)
                    self.stdout.write(
                        f"  Durchgang {round_number + 1}: {page.label}: {load.rate:.0f}/s, p50 {load.p50:.1f} ms"
                    )
        if set(bench.children(master)) != set(workers):
            raise CommandError("Ein gunicorn-Worker wurde während der Messung ersetzt; die CPU-Zeiten stimmen nicht.")
        return [self._summary(page, runs[page.key]) for page in pages]

    @staticmethod
    def _warm_up(port: int, path: str, cookie: str, seconds: int) -> None:
        """At least `seconds`, and on until every worker has surely served the page (WARMUP_REQUESTS):
        on a loaded machine a few seconds are a handful of requests, and the first ones in a worker and
        its database connection (templates, plans, catalog caches) cost several times more."""
        done, started = 0, time.monotonic()
        while done < WARMUP_REQUESTS and time.monotonic() - started < 60:
            done += bench.run_wrk(port, path, cookie, seconds=max(seconds, 1)).requests

    @staticmethod
    def _summary(page: bench.Page, results: list[bench.Result]) -> dict:
        def median(name: str) -> float | None:
            values = [getattr(result, name) for result in results]
            return None if None in values else statistics.median(values)

        rates = [result.rate for result in results]
        return {
            **{"key": page.key, "label": page.label, "path": page.path, "is_list": page.is_list},
            **{name: median(name) for name in ("rate", "p50", "p99", "cpu_ms", "db_cpu_ms")},
            "rate_min": min(rates),
            "rate_max": max(rates),
            "errors": sum(result.errors for result in results),
            "db_target": page.db_target,
        }

    # --- Output ------------------------------------------------------------------------------

    def _print(self, report: dict) -> None:
        out = self.stdout.write
        rows = report["pages"]
        floor = next(row for row in rows if row["key"] == "leer")["rate"]
        out(
            f"\nErgebnis ({report['documents']} Beiträge, {report['users']} Konten, {report['arbeitskreise']} "
            "Bereiche; "
            f"Median aus {report['rounds']} Durchgang/Durchgängen à {report['duration']} s)"
        )
        out(f"{'Seite':<40} {'Anfr./s':>8} {'Spanne':>11} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms':>7} "
            f"{'PG ms':>6} {'Anteil':>7}  Ziel")  # fmt: skip
        failed = 0
        for row in rows:
            share = row["rate"] / floor if floor else 0.0
            row["share"] = share
            verdicts = []
            if row["key"] != "leer":
                needed = bench.LIST_SHARE if row["is_list"] else bench.WAGTAIL_ARTICLE_SHARE
                verdicts.append(f"≥ {needed:.1%}: {'PASS' if share >= needed else 'FAIL'}")
            if row["db_target"]:
                db = row["db_cpu_ms"]
                ok = db is not None and db <= bench.ARBEITSKREIS_DB_CPU_MS
                verdicts.append(f"PG ≤ {bench.ARBEITSKREIS_DB_CPU_MS:.0f} ms: {'PASS' if ok else 'FAIL'}")
            if row["errors"]:
                verdicts.append(f"{row['errors']} Fehler!")
            failed += sum("FAIL" in verdict for verdict in verdicts)
            out(
                f"{row['label'][:40]:<40} {row['rate']:>8.0f} {row['rate_min']:>5.0f}–{row['rate_max']:<5.0f} "
                f"{row['p50']:>7.1f} {row['p99']:>7.1f} {_fmt(row['cpu_ms']):>7} {_fmt(row['db_cpu_ms']):>6} "
                f"{share:>7.1%}  {'; '.join(verdicts)}"
            )
        if any(row["db_cpu_ms"] is None for row in rows):
            out(
                "\n–: Eine PostgreSQL-Verbindung eines Workers wurde während der Messung ersetzt (Django schließt "
                "sie z. B. nach einem Datenbankfehler); ihre CPU-Zeit ist nicht messbar."
            )
        out(
            f"\nZiele: jede Seite ≥ Wagtail-Artikel ({bench.WAGTAIL_ARTICLE_SHARE:.1%} des Bodens), "
            f"jede Listenseite ≥ 3× Wagtail-Liste und ≥ 25 % des Bodens ({bench.LIST_SHARE:.1%}), "
            f"PostgreSQL-CPU des geschlossenen Bereichs ≤ {bench.ARBEITSKREIS_DB_CPU_MS:.0f} ms je Anfrage. "
            f"{'Alle erreicht.' if not failed else f'{failed} nicht erreicht.'}"
        )

    def _compare(self, report: dict, earlier: dict) -> None:
        """Cost flat in the data size: server + database CPU per request at most 1.3× the earlier run's,
        both absolute and as a multiple of each run's floor page (which takes out a change in the
        machine's load between the two runs). PASS only when both stay within the factor."""
        before = {row["key"]: row for row in earlier["pages"]}
        out = self.stdout.write
        out(
            f"\nVergleich mit {earlier['documents']} Beiträgen (CPU ms je Anfrage, App + PostgreSQL; "
            "absolut und als Vielfaches des Bodens im jeweiligen Lauf; Ziel beide ≤ 1,3×):"
        )
        floor_now = _cost(next((row for row in report["pages"] if row["key"] == "leer"), None))
        floor_then = _cost(before.get("leer"))
        for row in report["pages"]:
            old = before.get(row["key"])
            now, then = _cost(row), _cost(old)
            if now is None or then is None:
                continue
            factor = now / then if then else 0.0
            relative = None
            if floor_now and floor_then and row["key"] != "leer":
                relative = (now / floor_now) / (then / floor_then) if then else 0.0
            verdict = "PASS" if factor <= FLAT_FACTOR and (relative is None or relative <= FLAT_FACTOR) else "FAIL"
            shown = (
                ""
                if relative is None
                else f"  am Boden gemessen {then / floor_then:.1f}× → {now / floor_now:.1f}× = {relative:.2f}×"
            )
            out(f"  {row['label'][:40]:<40} {then:>6.1f} → {now:>6.1f} ms  {factor:.2f}×{shown}  {verdict}")


def _cost(row: dict | None) -> float | None:
    """Server + database CPU ms per request of one measured page, or None when not known."""
    if row is None or row.get("cpu_ms") is None or row.get("db_cpu_ms") is None:
        return None
    return row["cpu_ms"] + row["db_cpu_ms"]


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
