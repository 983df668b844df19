"""A production process started by a test: gunicorn with sikoportal.settings.production.

The shared part (environment, port, waiting, stopping) is sikoportal/production_process.py, which
`manage.py benchmark_pages` uses too; this adds what a test needs — the test database handed to
the other process and pytest's failure instead of an exception. Used by the proxy test
(tests/partner/test_client_ip.py) and the nginx test (tests/deploy/test_nginx.py); the settings
module they start is tests/production_settings.py.
"""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse

from sikoportal import production_process
from sikoportal.production_process import free_port, stop

__all__ = [
    "HOST",
    "Browser",
    "empty_cache_table",
    "free_port",
    "production_env",
    "start_gunicorn",
    "stop",
    "wait_for_port",
]

HOST = "portal.example.test"
SETTINGS_MODULE = "tests.production_settings"
DEPLOY_DIR = Path(__file__).resolve().parent.parent / "deploy"


def database_env() -> dict[str, str]:
    """The test database for the other process: production starts only with a PostgreSQL URL, so
    on the SQLite run tests/production_settings.py swaps in the SQLite file afterwards."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return {"DATABASE_URL": "postgres://unbenutzt@127.0.0.1/unbenutzt", "SIKO_TEST_SQLITE": db["NAME"]}
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return {"DATABASE_URL": f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"}


def production_env(*, secret_key: str, static_root: str, **extra: str) -> dict[str, str]:
    """This process's environment without any portal variable, plus every variable production requires."""
    database = database_env()
    return production_process.production_env(
        settings_module=SETTINGS_MODULE,
        database_url=database.pop("DATABASE_URL"),
        host=HOST,
        secret_key=secret_key,
        SIKO_TEST_STATIC_ROOT=static_root,
        **database,
        **extra,
    )


class Browser:
    """One client behind nginx: the headers nginx sends, the cookies the portal sets (the
    __Host- cookies are Secure, which a cookie jar would not send over the test's plain HTTP)."""

    def __init__(self, port: int, address: str | None) -> None:
        self.port = port
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str = "", forwarded_for: str = "", headers: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Origin": f"https://{HOST}", **(headers or {})}
        if self.address:
            # nginx: proxy_set_header X-Real-IP $remote_addr;
            headers["X-Real-IP"] = self.address
            # nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            headers["X-Forwarded-For"] = f"{forwarded_for}, {self.address}" if forwarded_for else self.address
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            self.headers = response.headers
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.getheader("Location") or "", response.read().decode()
        finally:
            conn.close()

    def submit(self, path: str, fields: dict[str, str], **options) -> tuple[int, str, str]:
        """Open the form page, then send the form with its CSRF token (as a browser does)."""
        status, _, page = self.request("GET", path)
        assert status == 200, status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urlencode({"csrfmiddlewaretoken": token, **fields})
        return self.request("POST", path, body, **options)

    def login(self, email: str, password: str, forwarded_for: str = "") -> tuple[int, str, str]:
        fields = {"login": email, "password": password}
        return self.submit(reverse("account_login"), fields, forwarded_for=forwarded_for)


PRODUCTION_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "siko_cache"}}


def empty_cache_table() -> None:
    """Production's database cache (the rate limits), created and emptied in the test database."""
    with override_settings(CACHES=PRODUCTION_CACHE):
        call_command("createcachetable", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM siko_cache")


def start_gunicorn(env: dict[str, str], port: int, log: Path, workers: int = 1) -> subprocess.Popen:
    """gunicorn as sikoportal-web.service runs it (deploy/gunicorn.conf.py), its output (the JSON
    log lines) into `log`; returns once it accepts connections."""
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(DEPLOY_DIR / "gunicorn.conf.py"), "sikoportal.wsgi"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=output,
        )
    wait_for_port(port, process, "gunicorn", log=log)
    return process


def wait_for_port(
    port: int, process: subprocess.Popen, name: str, timeout: float = 30, log: Path | None = None
) -> None:
    try:
        production_process.wait_for_port(port, process, name, timeout)
    except production_process.ServerNotReady as error:
        pytest.fail(str(error) + ("\n" + log.read_text(errors="replace") if log else ""))
