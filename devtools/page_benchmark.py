"""The measuring parts of `manage.py benchmark_pages`: the pages, a login as a browser does it, wrk,
and CPU time read from /proc.

Server CPU per request is the CPU time (user + system) the gunicorn workers used during a wrk run,
divided by the requests wrk completed; PostgreSQL CPU likewise from the database's backend
processes serving those workers (persistent connections: one backend per worker). Both need the
processes on this machine; where /proc cannot be read, the figure is missing (None).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlencode

from . import production_process

HOST = "benchmark.portal.test"
CLIENT_IP = "127.0.0.1"
# What nginx sends in front of gunicorn (deploy/nginx/sikoportal.conf): https, the client's address.
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Real-IP": CLIENT_IP}
SEARCH_QUERY = "Urteil Spielhalle Abstandsgebot"

# The reference run (same machine type, one run): bare Django ~1,400 req/s, Wagtail's
# login-restricted article ~190 req/s, its 50-item listing ~116 req/s. Wagtail is not installed
# here, so its pages enter as their share of the floor measured in that run.
FLOOR_REFERENCE = 1400.0
WAGTAIL_ARTICLE_SHARE = 190.0 / FLOOR_REFERENCE
LIST_SHARE = max(3 * 116.0 / FLOOR_REFERENCE, 0.25)
ARBEITSKREIS_DB_CPU_MS = 5.0


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    path: str
    is_list: bool = False
    db_target: bool = False  # the closed area page: PostgreSQL CPU per request ≤ ARBEITSKREIS_DB_CPU_MS


def pages(plan: dict) -> list[Page]:
    """The issue's table, with the addresses the corpus gives (`plan` from the --plan phase)."""
    fg, arbeitskreis, muster = plan["fachgebiet"], plan["arbeitskreis"], plan["muster"]
    return [
        Page("leer", "Django pur, Anmeldung nötig (Boden)", "/_benchmark/leer/"),
        Page("start", "Startseite", "/"),
        Page("fachgebiet", "Fachgebiet-Übersicht", f"/fachgebiete/{fg}/"),
        Page("muster", "Fachgebiet: Muster-Liste", f"/fachgebiete/{fg}/muster/", is_list=True),
        Page("informationen", "Fachgebiet: Informationen-Liste", f"/fachgebiete/{fg}/informationen/", is_list=True),
        Page("rechtstatsachen", "Rechtstatsachen-Liste", f"/fachgebiete/{fg}/rechtstatsachen/", is_list=True),
        Page("muster_detail", "Muster (Einzelseite)", f"/fachgebiete/{fg}/muster/{muster}/"),
        Page("bereich", "Geschlossener Bereich", f"/arbeitskreise/{arbeitskreis}/", db_target=True),
        Page("behoerden", "Behörden & Institutionen", "/behoerden/", is_list=True),
        Page("suche", f"Suche („{SEARCH_QUERY}“)", "/suche/?" + urlencode({"q": SEARCH_QUERY})),
    ]


class Browser(production_process.Browser):
    host = HOST

    def log_in(self, email: str, password: str) -> None:
        status, location, _ = self.login(email, password)
        if status != 302 or "/konto/login/" in location:
            raise RuntimeError(f"Anmeldung als {email} fehlgeschlagen (Status {status}, weiter nach {location!r}).")


# --- CPU time from /proc -----------------------------------------------------------------------

_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float | None:
    """User + system CPU time of the processes so far; None if one of them cannot be read."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / _TICKS


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


# --- wrk ---------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", value).groups()
    return float(number) * _UNITS[unit]


@dataclass
class Load:
    requests: int
    seconds: float
    errors: int  # socket errors, timeouts and answers other than 2xx/3xx
    p50: float
    p99: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str:
    path = shutil.which("wrk")
    if not path:
        raise RuntimeError("wrk fehlt: bitte das Debian-Paket installieren (apt-get install wrk).")
    return path


def run_wrk(port: int, path: str, cookie: str, *, seconds: int, connections: int = 8, threads: int = 2) -> Load:
    """wrk against gunicorn with the proxy headers and the session cookie; its own summary parsed."""
    headers = [*(f"{name}: {value}" for name, value in PROXY_HEADERS.items()), f"Cookie: {cookie}"]
    command = [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(  # noqa: S603 - wrk with our own arguments
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Load:
    """wrk's summary (with --latency): requests, duration, errors, median and 99th percentile."""
    done = re.search(r"(\d+) requests in ([\d.]+)(\w+),", output)
    if not done:
        raise RuntimeError(f"wrk-Ausgabe nicht verstanden:\n{output}")
    percentile = dict(re.findall(r"^\s*(50|99)%\s+([\d.]+[a-z]+)", output, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Load(
        requests=int(done.group(1)),
        seconds=_ms(done.group(2) + done.group(3)) / 1000,
        errors=errors + (int(non_2xx.group(1)) if non_2xx else 0),
        p50=_ms(percentile["50"]),
        p99=_ms(percentile["99"]),
    )


@dataclass
class Result:
    key: str
    label: str
    rate: float
    p50: float
    p99: float
    cpu_ms: float | None
    db_cpu_ms: float | None
    errors: int

    def as_dict(self) -> dict:
        return asdict(self)
