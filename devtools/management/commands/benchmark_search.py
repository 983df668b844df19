"""Benchmark: how fast the global search answers on a realistic corpus (PostgreSQL).

Not a test. Like `benchmark_newsletter` (whose throwaway-database helper it uses) it builds a
throwaway database next to DATABASE_URL's, migrates it, fills it in a subprocess with
`devtools.benchmark_corpus` (by default 100,000 articles, Muster, Rechtstatsachen and area
documents with extracted text, 50 closed areas, 5,000 users; files exist only as rows with their
text, nothing is written to disk), builds the index once with `reindex()` and then measures, in a
second subprocess with DEBUG off (no query logging) and the plain base settings, a fixed list of
German queries for a member of one area and for a member of ten areas:

- the service: `search(user, query)` including the hits of the first page;
- the page: GET /suche/?q=… through django.test.Client (logged in), the whole request.

It prints median and 95th percentile per query and overall, and whether the 95th percentile stays
under the target of 100 ms. Broad words that occur in most items ("Kontrolle", tens of thousands of
hits; answered as "mehr als 1.000 Treffer", see suche.query) are part of the query set
and of the overall figures. `--explain` adds the SQL statements of the slowest query with their times and
EXPLAIN (ANALYZE, BUFFERS) of the most expensive one. The database is dropped afterwards unless
`--keep` is given; a kept one can be measured again with `--measure-only`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sikoportal .venv/bin/python manage.py benchmark_search
    DATABASE_URL=… .venv/bin/python manage.py benchmark_search --documents 20000 --repeat 10 --explain
    DATABASE_URL=<kept database> .venv/bin/python manage.py benchmark_search --measure-only --explain
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.throwaway import throwaway_database

# What people type: broad and narrow words, compounds, identifiers, people, closed-area content,
# umlauts written out.
QUERIES = [
    "Kontrolle",  # in most items (devtools.corpus_text.COMMON_WORDS)
    "Polizei Stadt",
    "Maßnahmen",
    "Untersagungsverfuegung",
    "Muster Untersagungsverfügung Shisha",
    "Urteil Spielhalle Abstandsgebot",
    "Ansprechpartner Zoll Duisburg",
    "staatsvertrag",
    "Geldwäsche Verdachtsmeldung",
    "§ 33i GewO",
    "4 B 1234/21",  # devtools.benchmark_corpus.KNOWN_AKTENZEICHEN
    "Kohlenmonoxid",
    "Shisha",
    "Vermögensabschöpfung Immobilien",
    "Protokoll Facharbeitskreis",
]
TARGET_MS = 100.0


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 runs is the 19th fastest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


class Command(BaseCommand):
    help = "Misst die Suche auf einem realistischen Bestand (PostgreSQL): Median und 95. Perzentil je Anfrage."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--documents", type=int, default=100_000, help="Beiträge insgesamt (Standard 100000)")
        parser.add_argument("--users", type=int, default=5_000, help="zugelassene Konten (Standard 5000)")
        parser.add_argument("--arbeitskreise", type=int, default=50, help="geschlossene Bereiche (Standard 50)")
        parser.add_argument("--repeat", type=int, default=20, help="Messungen je Anfrage und Art (Standard 20)")
        parser.add_argument("--seed", type=int, default=1, help="Startwert des Zufallsgenerators")
        parser.add_argument("--keep", action="store_true", help="Datenbank danach nicht löschen (nur PostgreSQL)")
        parser.add_argument("--explain", action="store_true", help="EXPLAIN (ANALYZE, BUFFERS) der langsamsten Anfrage")
        parser.add_argument("--allow-sqlite", action="store_true", help="Probelauf auf SQLite zulassen")
        parser.add_argument(
            "--measure-only", action="store_true", help="nur messen, in der Datenbank aus DATABASE_URL (z. B. --keep)"
        )
        # Internal: the two phases, run as subprocesses against the throwaway database.
        parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options) -> None:
        if options["prepare"]:
            self._prepare(options)
            return
        if options["measure"]:
            self._measure(options["repeat"], explain=options["explain"])
            return
        if options["repeat"] < 1:
            raise CommandError("--repeat muss mindestens 1 sein.")
        url = os.environ.get("DATABASE_URL", "")
        postgres = url.startswith(("postgres://", "postgresql://"))
        if not postgres and not options["allow_sqlite"]:
            raise CommandError(
                "Das Ziel (95. Perzentil unter 100 ms) gilt für PostgreSQL. Bitte DATABASE_URL=postgres://… setzen "
                "(die Messdatenbank wird daneben angelegt und danach gelöscht) oder für einen Probelauf auf SQLite "
                "--allow-sqlite angeben."
            )
        measure_args = ["benchmark_search", "--measure", "--repeat", str(options["repeat"])]
        if options["explain"]:
            measure_args.append("--explain")
        if options["measure_only"]:
            self.stdout.write(
                f"Messe in der vorhandenen Datenbank aus DATABASE_URL ({'PostgreSQL' if postgres else 'SQLite'})."
            )
            self._run(self._env(url), *measure_args)
            return

        database = throwaway_database()
        url, label = database.__enter__()
        keep = options["keep"] and database.name is not None
        try:
            env = self._env(url)
            self.stdout.write(f"Datenbank: {label.replace(', wird gelöscht', ', bleibt erhalten') if keep else label}")
            started = time.monotonic()
            self._run(env, "migrate", "--verbosity", "0")
            self.stdout.write(f"Migrationen: {time.monotonic() - started:.1f} s")
            self._run(
                env,
                "benchmark_search",
                "--prepare",
                *("--documents", str(options["documents"]), "--users", str(options["users"])),
                *("--arbeitskreise", str(options["arbeitskreise"]), "--seed", str(options["seed"])),
            )
            self._run(env, *measure_args)
        finally:
            if keep:
                self.stdout.write(
                    f"\nDatenbank bleibt erhalten. Erneut messen:\n  DATABASE_URL={url} "
                    f"{sys.executable} manage.py benchmark_search --measure-only"
                    f"\nLöschen:\n  psql {database.admin} -c 'DROP DATABASE \"{database.name}\"'"
                )
            else:
                database.__exit__(None, None, None)

    # --- Running the phases -----------------------------------------------------------------

    @staticmethod
    def _env(url: str) -> dict[str, str]:
        env = {
            **os.environ,
            # The base settings plus this command's app (development settings with DEBUG and the demo
            # mode off): no query log, no debug toolbar, as in production.
            "DJANGO_SETTINGS_MODULE": "sikoportal.settings.development",
            "DJANGO_DEBUG": "false",
            "SIKO_DEMO_MODE": "false",
            # django.test.Client talks to "testserver".
            "DJANGO_ALLOWED_HOSTS": "testserver,localhost",
            # Persistent connections, as in production (settings.production: 60 s).
            "DJANGO_CONN_MAX_AGE": "60",
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            # whitenoise complains that collectstatic has not run; irrelevant here.
            "PYTHONWARNINGS": "ignore:No directory at:UserWarning",
        }
        if url:
            env["DATABASE_URL"] = url
        return env

    def _run(self, env: dict[str, str], *args: str) -> None:
        """manage.py <args> against the benchmark database, its output passed through as it comes."""
        process = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert process.stdout is not None
        for line in process.stdout:
            self.stdout.write(line.rstrip("\n"))
        if process.wait():
            raise CommandError(f"manage.py {' '.join(args)} ist fehlgeschlagen (Ausgabe siehe oben).")

    # --- Phase 1: the corpus and the index ----------------------------------------------------

    def _prepare(self, options: dict) -> None:
        from django.db import connection

        from devtools import benchmark_corpus
        from suche.index import reindex
        from suche.models import SearchEntry, SearchWord

        out = self.stdout.write
        out(
            f"Lege den Bestand an: {options['documents']} Beiträge, {options['users']} Konten, "
            f"{options['arbeitskreise']} Bereiche …"
        )
        corpus = benchmark_corpus.build(
            documents=options["documents"],
            users=options["users"],
            arbeitskreise=options["arbeitskreise"],
            seed=options["seed"],
            out=out,
        )
        out(f"Bestand angelegt in {corpus.seconds:.0f} s:")
        for label, count in corpus.counts.items():
            out(f"  {label}: {count}")

        out("Baue den Suchindex (reindex) …")
        started = time.monotonic()
        reported = [0]

        def progress(source, written: int) -> None:
            if written - reported[0] >= 20_000:
                reported[0] = written
                out(f"  {written} Einträge nach {time.monotonic() - started:.0f} s ({source.kind})")

        entries = reindex(progress=progress)
        seconds = time.monotonic() - started
        out(
            f"Suchindex aufgebaut in {seconds:.0f} s ({entries / max(seconds, 0.001):.0f} Einträge/s): "
            f"{SearchEntry.objects.count()} Einträge, {SearchWord.objects.count()} Wörter im Vokabular"
        )
        if connection.vendor == "postgresql":
            started = time.monotonic()
            with connection.cursor() as cursor:
                # Statistics as autovacuum would have them in production a while after such a load.
                cursor.execute("VACUUM ANALYZE")
                cursor.execute(
                    "SELECT pg_database_size(current_database()), pg_total_relation_size('sikoportal_searchentry'),"
                    " pg_relation_size('search_entry_vector'), pg_total_relation_size('sikoportal_searchword')"
                )
                database, entries_size, vector_index, words = cursor.fetchone()
            mib = 1024 * 1024
            out(f"VACUUM ANALYZE: {time.monotonic() - started:.0f} s")
            out(
                f"Größe der Datenbank: {database / mib:.0f} MiB; Suchindex {entries_size / mib:.0f} MiB "
                f"(davon GIN-Index des Vektors {vector_index / mib:.0f} MiB), Vokabular {words / mib:.0f} MiB"
            )
        else:
            path = connection.settings_dict["NAME"]
            out(f"Größe der Datenbank: {os.path.getsize(path) / 1024 / 1024:.0f} MiB")

    # --- Phase 2: measuring -----------------------------------------------------------------

    def _measure(self, repeat: int, *, explain: bool) -> None:
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from devtools.corpus_people import MEMBER_EMAIL, MULTI_MEMBER_ARBEITSKREISE, MULTI_MEMBER_EMAIL
        from partner.models import User
        from suche.query import search

        out = self.stdout.write
        people = [
            ("Mitglied (1 Bereich)", MEMBER_EMAIL),
            (f"Mitglied in {MULTI_MEMBER_ARBEITSKREISE} Bereichen", MULTI_MEMBER_EMAIL),
        ]
        url = reverse("search")
        summary = []
        worst = None  # (p95, person label, user pk, query)
        out(
            f"\nMessung: {len(QUERIES)} Anfragen × {repeat} Läufe je Person und Art "
            f"({connection.vendor}, DEBUG={settings.DEBUG})"
        )
        for label, email in people:
            try:
                pk = User.objects.get(email=email).pk
            except User.DoesNotExist:
                raise CommandError(f"{email} fehlt: Die Datenbank enthält keinen Benchmark-Bestand.") from None
            client = Client()
            client.force_login(User.objects.get(pk=pk))

            def service(query: str, pk=pk) -> tuple[float, str]:
                user = User.objects.get(pk=pk)  # fresh, as on every request (no cached permissions)
                started = time.perf_counter()
                results = search(user, query)
                hits = results.hits  # the first page's hits, built
                elapsed = time.perf_counter() - started
                if results.total and not hits:
                    raise CommandError(f"„{query}“: {results.total} Treffer, aber keine auf Seite 1.")
                return elapsed, f"{'>' if results.capped else ''}{results.total}"

            def page(query: str, client=client) -> tuple[float, str]:
                started = time.perf_counter()
                response = client.get(url, {"q": query})
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise CommandError(f"GET {url}?q={query} antwortete mit {response.status_code}.")
                return elapsed, ""

            for query in QUERIES:  # warm-up: caches, plans, connection
                service(query)
                page(query)

            out(f"\n{label} ({email})")
            out(
                f"{'Anfrage':<38} {'Treffer':>7}   {'Dienst: Median':>14} {'p95':>8}   {'Seite: Median':>13} {'p95':>8}"
            )
            all_service: list[float] = []
            all_page: list[float] = []
            for query in QUERIES:
                service_times, totals = self._repeat(service, query, repeat)
                page_times, _ = self._repeat(page, query, repeat)
                p95 = percentile(service_times, 0.95)
                row = (
                    f"{query:<38} {totals[0]:>7}   {_ms(statistics.median(service_times)):>14} {_ms(p95)}   "
                    f"{_ms(statistics.median(page_times)):>13} {_ms(percentile(page_times, 0.95))}"
                )
                out(row)
                all_service += service_times
                all_page += page_times
                if worst is None or p95 > worst[0]:
                    worst = (p95, label, pk, query)
            service_p95, page_p95 = percentile(all_service, 0.95), percentile(all_page, 0.95)
            out(
                f"{'Gesamt':<38} {'':>7}   {_ms(statistics.median(all_service)):>14} {_ms(service_p95)}   "
                f"{_ms(statistics.median(all_page)):>13} {_ms(page_p95)}"
            )
            summary.append((label, all_service, all_page))

        out(f"\nZusammenfassung (ms; Ziel: 95. Perzentil unter {TARGET_MS:.0f} ms)")
        out(f"{'':<28} {'Dienst: Median':>14} {'p95':>8} {'Ziel':>5}   {'Seite: Median':>13} {'p95':>8} {'Ziel':>5}")
        for label, all_service, all_page in summary:
            service_p95, page_p95 = percentile(all_service, 0.95), percentile(all_page, 0.95)
            out(
                f"{label:<28} {_ms(statistics.median(all_service)):>14} {_ms(service_p95)} "
                f"{'ja' if service_p95 * 1000 < TARGET_MS else 'NEIN':>5}   "
                f"{_ms(statistics.median(all_page)):>13} {_ms(page_p95)} "
                f"{'ja' if page_p95 * 1000 < TARGET_MS else 'NEIN':>5}"
            )
        if explain and worst is not None:
            self._explain(*worst)

    @staticmethod
    def _repeat(step: Callable[[str], tuple[float, str]], query: str, repeat: int) -> tuple[list[float], list[str]]:
        times, totals = [], []
        for _ in range(repeat):
            elapsed, total = step(query)
            times.append(elapsed)
            totals.append(total)
        return times, totals

    def _explain(self, p95: float, label: str, pk: int, query: str) -> None:
        from django.db import connection, transaction
        from django.test.utils import CaptureQueriesContext

        from partner.models import User
        from suche.query import PLANNER_SETTINGS_SQL, search

        out = self.stdout.write
        user = User.objects.get(pk=pk)
        with CaptureQueriesContext(connection) as captured:
            search(user, query).hits  # noqa: B018 - evaluated for its queries
        statements = captured.captured_queries
        out(
            f"\nLangsamste Anfrage: „{query}“ ({label}, p95 {p95 * 1000:.1f} ms); "
            f"ihre {len(statements)} SQL-Anweisungen:"
        )
        for number, statement in enumerate(statements, start=1):
            out(f"  {number:>2}. {float(statement['time']) * 1000:7.1f} ms  {statement['sql'][:160]}")
        main = max(statements, key=lambda statement: float(statement["time"]))["sql"]
        postgresql = connection.vendor == "postgresql"
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgresql else "EXPLAIN QUERY PLAN "
        with transaction.atomic(), connection.cursor() as cursor:
            if postgresql:  # as search() plans it
                cursor.execute(PLANNER_SETTINGS_SQL)
            cursor.execute(prefix + main)
            plan = [" ".join(str(column) for column in row) for row in cursor.fetchall()]
            transaction.set_rollback(True)
        out(f"\nTeuerste Anweisung:\n{main}\n\n{prefix.strip()}:")
        for line in plan:
            out(line)
