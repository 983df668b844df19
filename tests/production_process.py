"""A production process started by a test: gunicorn with sikoportal.settings.production.

The shared part (environment, port, waiting, stopping) is devtools/production_process.py, which
`manage.py benchmark_pages` uses too; this adds what a test needs — the test database handed to
the other process and pytest's failure instead of an exception. Used by the proxy test
(tests/partner/test_client_ip.py) and the nginx test (tests/deploy/test_nginx.py); the settings
module they start is tests/production_settings.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings

from devtools import production_process
from devtools.production_process import free_port, stop

__all__ = [
    "HOST",
    "Browser",
    "collect_static",
    "empty_cache_table",
    "free_port",
    "production_env",
    "start_gunicorn",
    "stop",
    "wait_for_port",
    "with_production_password",
]

HOST = "portal.example.test"
SETTINGS_MODULE = "tests.production_settings"
DEPLOY_DIR = Path(__file__).resolve().parent.parent / "deploy"


class Browser(production_process.Browser):
    host = HOST


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
