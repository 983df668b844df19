"""A production process started by a test: gunicorn with sikoportal.settings.production.

One place for what such a test needs — the environment production insists on (it refuses to start
half-configured), the test database handed to the other process, a free port, waiting for the
server and stopping it. Used by the proxy test (tests/partner/test_client_ip.py) and the nginx test
(tests/deploy/test_nginx.py); the settings module they start is tests/production_settings.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from urllib.parse import quote

import pytest
from cryptography.fernet import Fernet
from django.db import connection

HOST = "portal.example.test"
SETTINGS_MODULE = "tests.production_settings"


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, name: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            output = process.stderr.read().decode(errors="replace") if process.stderr else ""
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
