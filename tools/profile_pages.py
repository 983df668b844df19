"""Developer tool: where each page spends its Python time (not a test, not the benchmark).

Calls the portal's main pages in one process with production settings (tests/production_settings.py,
the same module the production-process tests start), logged in through django.test.Client as the
member of ten areas of a corpus built by `manage.py benchmark_search --keep`, and prints per page the
wall time and the CPU time of this process per request (the difference is mostly waiting for the
database). `--profile NAME` runs that page under cProfile and prints the most expensive functions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sikoportal_benchmark_NNNN \
        .venv/bin/python tools/profile_pages.py --repeat 200
    DATABASE_URL=… .venv/bin/python tools/profile_pages.py --repeat 100 --profile muster --sort tottime

The throughput under load (gunicorn, wrk) is measured by `manage.py benchmark_pages`; this tool
answers the other question: which Python code a request runs, page by page.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "portal.example.test"


def _environment(database_url: str) -> None:
    from cryptography.fernet import Fernet

    static_root = Path(tempfile.gettempdir()) / "siko-profile-static"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tests.production_settings",
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY="profil-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS=HOST,
        SIKO_BASE_URL=f"https://{HOST}",
        SIKO_MFA_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_LOG_LEVEL="ERROR",
        SIKO_TEST_STATIC_ROOT=str(static_root),
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)  # production's cache (an older corpus may lack it)
    if not (static_root / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)


def _pages(user) -> dict[str, str]:
    """The measured pages (as in devtools.page_benchmark), for the member of ten areas."""
    from urllib.parse import urlencode

    from django.urls import reverse

    from devtools.page_benchmark import SEARCH_QUERY
    from facharbeitskreise.access import granted_arbeitskreis_ids
    from facharbeitskreise.models import Arbeitskreis
    from fachgebiete.models import Document, Fachgebiet, Status

    fachgebiet = Fachgebiet.objects.filter(slug="gluecksspiel").first() or Fachgebiet.objects.first()
    document = Document.objects.filter(fachgebiet=fachgebiet, status=Status.PUBLISHED).order_by("-pk").first()
    arbeitskreise = Arbeitskreis.objects.filter(pk__in=granted_arbeitskreis_ids(user)).order_by("pk")
    slug = fachgebiet.slug
    pages = {
        # A static text page: what the frame (middleware, base template, navigation) costs alone.
        "impressum": reverse("impressum"),
        "start": reverse("home"),
        "fachgebiet": reverse("fachgebiete:overview", kwargs={"slug": slug}),
        "muster": reverse("fachgebiete:document_list", kwargs={"slug": slug}),
        "informationen": reverse("fachgebiete:article_list", kwargs={"slug": slug}),
        "rechtstatsachen": reverse("fachgebiete:rechtstatsache_list", kwargs={"slug": slug}),
        "muster_detail": reverse("fachgebiete:document_detail", kwargs={"slug": slug, "pk": document.pk}),
        "behoerden": reverse("partner:list"),
        # As devtools.page_benchmark measures it (a narrow query), and a broad word.
        "suche": reverse("search") + "?" + urlencode({"q": SEARCH_QUERY}),
        "suche_breit": reverse("search") + "?" + urlencode({"q": "Kontrolle"}),
    }
    if arbeitskreise.exists():
        pages["bereich"] = reverse("facharbeitskreise:arbeitskreis_detail", kwargs={"slug": arbeitskreise.first().slug})
    return pages


def _client(email: str):
    from django.test import Client

    from partner.models import User

    user = User.objects.get(email=email)
    client = Client(HTTP_HOST=HOST, HTTP_X_REAL_IP="192.0.2.10", HTTP_X_FORWARDED_PROTO="https", secure=True)
    client.force_login(user)
    return client, user


def _measure(client, url: str, repeat: int) -> tuple[float, float, int]:
    """(median wall ms, mean CPU ms, bytes) per request."""
    for _ in range(10):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    walls = []
    cpu_started = time.process_time()
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        walls.append(time.perf_counter() - started)
    cpu = (time.process_time() - cpu_started) / repeat
    return statistics.median(walls) * 1000, cpu * 1000, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--email", default="mehrfachmitglied@benchmark.sikoruhr.nrw.de")
    parser.add_argument("--profile", help="name of one page to profile with cProfile")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime)")
    parser.add_argument("--lines", type=int, default=45)
    parser.add_argument(
        "--cpu", action="store_true", help="profile this process's CPU time (waiting for the database does not count)"
    )
    parser.add_argument("--only", help="comma-separated page names")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL=postgres://… (eine mit benchmark_search --keep angelegte Datenbank) fehlt.")
    _environment(database_url)
    client, user = _client(args.email)
    pages = _pages(user)
    if args.profile:
        url = pages[args.profile]
        _measure(client, url, 1)
        profiler = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(url)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats(args.sort).print_stats(args.lines)
        return
    wanted = set(args.only.split(",")) if args.only else set(pages)
    print(f"{'Seite':<16} {'ms (Median)':>12} {'CPU ms':>8} {'Bytes':>8}  URL")
    for name, url in pages.items():
        if name in wanted:
            wall, cpu, size = _measure(client, url, args.repeat)
            print(f"{name:<16} {wall:>12.2f} {cpu:>8.2f} {size:>8}  {url}")


if __name__ == "__main__":
    main()
