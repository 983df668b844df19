"""A production process started by a test: gunicorn with sikoportal.settings.production.

One place for what such a test needs — the environment production insists on (it refuses to start
half-configured), the test database handed to the other process, a free port, waiting for the
server and stopping it. Used by the proxy test (tests/partner/test_client_ip.py) and the nginx test
(tests/deploy/test_nginx.py); the settings module they start is tests/production_settings.py.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse

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
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SIKO_", "GUNICORN_", "ALLAUTH_")) and key != "DATABASE_URL"
    }
    env.update(
        database_env(),
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        DJANGO_SECRET_KEY=secret_key,
        DJANGO_ALLOWED_HOSTS=HOST,
        SIKO_BASE_URL=f"https://{HOST}",
        SIKO_MFA_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_LOG_LEVEL="ERROR",
        SIKO_TEST_STATIC_ROOT=static_root,
    )
    env.update(extra)
    return env


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


def collect_static(env: dict[str, str]) -> None:
    """collectstatic into the process's SIKO_TEST_STATIC_ROOT once: production's manifest storage
    fails every page without it."""
    if not (Path(env["SIKO_TEST_STATIC_ROOT"]) / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            timeout=120,
        )


def with_production_password(user, password: str) -> None:
    """The test settings hash with MD5 for speed; production does not accept that hash."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        user.set_password(password)
    user.save(update_fields=["password"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            output = process.stderr.read().decode(errors="replace") if process.stderr else ""
            output += log.read_text(errors="replace") if log else ""
            pytest.fail(f"{name} ist nicht gestartet (Exit-Code {process.returncode}):\n{output}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"{name} antwortet nicht auf Port {port}")
            time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stderr:
        process.stderr.close()
