"""`manage.py benchmark_pages` and its floor page (devtools.benchmark_wsgi).

The benchmark itself (gunicorn, wrk, a corpus of 20,000 items) is no test. These keep its parts
honest: the bare Django page exists only in the benchmark's WSGI entry, which refuses to load
with any other settings; wrk's summary is read correctly; bad options are refused.
"""

from __future__ import annotations

import importlib
import io
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory, override_settings

from devtools import page_benchmark

pytestmark = pytest.mark.django_db
FLOOR = "/_benchmark/leer/"

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/fachgebiete/gluecksspiel/muster/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.11ms    5.02ms  98.30ms   80.00%
    Req/Sec   199.50     20.00   250.00     70.00%
  Latency Distribution
     50%   19.50ms
     75%   22.00ms
     90%   26.00ms
     99%    1.02s
  3990 requests in 10.01s, 120.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    398.60
Transfer/sec:     11.99MB
"""


def _benchmark_wsgi():
    sys.modules.pop("devtools.benchmark_wsgi", None)
    return importlib.import_module("devtools.benchmark_wsgi")


def _call(app, path: str, cookie: str = "") -> tuple[str, dict]:
    environ = RequestFactory().get(path, HTTP_COOKIE=cookie).environ
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    # As django.test.Client does: the request signals would close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = app(environ, start_response)
        b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return seen["status"], seen["headers"]


def test_the_portal_does_not_route_the_floor_page(client, member):
    client.force_login(member)
    assert client.get(FLOOR).status_code == 404


def test_the_benchmark_entry_refuses_other_settings():
    with pytest.raises(ImproperlyConfigured, match="devtools.benchmark_settings"):
        _benchmark_wsgi()


def test_only_the_benchmark_settings_enable_the_floor():
    """No other settings module (and no environment variable) can switch it on."""
    base = Path(settings.BASE_DIR)
    modules = [*(base / "sikoportal" / "settings").glob("*.py"), base / "devtools" / "benchmark_settings.py"]
    naming = [str(path.relative_to(base)) for path in modules if "SIKO_BENCHMARK_PAGES" in path.read_text()]
    assert naming == ["devtools/benchmark_settings.py"]


@override_settings(SIKO_BENCHMARK_PAGES=True)
def test_the_floor_needs_a_login_and_answers_a_logged_in_user(client, member):
    wsgi = _benchmark_wsgi()
    status, headers = _call(wsgi.application, FLOOR)
    assert status.startswith("302") and "/konto/login/" in headers["Location"]
    client.force_login(member)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    assert _call(wsgi.application, FLOOR, cookie)[0].startswith("200")
    # Everything else is the portal, with its own middleware and URLs.
    assert _call(wsgi.application, "/behoerden/", cookie)[0].startswith("200")


def test_wrk_summary_is_read():
    load = page_benchmark.parse_wrk(WRK_OUTPUT)
    assert (load.requests, load.seconds, load.errors) == (3990, 10.01, 7)
    assert (load.p50, load.p99) == (19.5, 1020.0)
    assert round(load.rate) == 399


def test_benchmark_refuses_sqlite(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:///nicht-postgres.sqlite3")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("benchmark_pages")


def test_benchmark_refuses_a_zero_duration():
    with pytest.raises(CommandError, match="--duration"):
        call_command("benchmark_pages", "--duration", "0")


def _run(floor: float, page: float) -> dict:
    return {
        "documents": 20_000,
        "pages": [
            {"key": "leer", "label": "Boden", "cpu_ms": floor, "db_cpu_ms": 0.0},
            {"key": "muster", "label": "Muster-Liste", "cpu_ms": page, "db_cpu_ms": 0.0},
        ],
    }


@pytest.mark.parametrize(
    ("later_floor", "later_page", "verdict"),
    [
        (2.0, 24.0, "PASS"),  # same floor, 1.2× the cost
        (2.0, 30.0, "FAIL"),  # same floor, 1.5× the cost
        (4.0, 30.0, "FAIL"),  # a busier machine doubles the floor: 1.5× absolute stays a failure
        (1.0, 14.0, "FAIL"),  # a quieter machine halves the floor: 0.7× absolute, but 1.4× the floor's share
        (1.0, 12.0, "PASS"),  # 0.6× absolute, 1.2× relative to the floor
    ],
)
def test_compare_is_flat_only_when_absolute_and_floor_relative_cost_stay_within_the_factor(
    capsys, later_floor, later_page, verdict
):
    from devtools.management.commands.benchmark_pages import Command

    out = io.StringIO()
    Command(stdout=out)._compare(_run(later_floor, later_page), _run(2.0, 20.0))
    line = next(line for line in out.getvalue().splitlines() if "Muster-Liste" in line)
    assert line.endswith(verdict)
