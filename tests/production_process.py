"""A production process started by a test: gunicorn with sikoportal.settings.production.

The shared part (environment, port, waiting, stopping) is sikoportal/production_process.py, which
`manage.py benchmark_pages` uses too; this adds what a test needs — the test database handed to
the other process and pytest's failure instead of an exception. Used by the proxy test
(tests/partner/test_client_ip.py) and the nginx test (tests/deploy/test_nginx.py); the settings
module they start is tests/production_settings.py.
"""

from __future__ import annotations

import subprocess
from urllib.parse import quote

import pytest
from django.db import connection

from sikoportal import production_process
from sikoportal.production_process import free_port, stop

__all__ = ["HOST", "Browser", "free_port", "production_env", "stop", "wait_for_port"]

HOST = "portal.example.test"
SETTINGS_MODULE = "tests.production_settings"


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


def wait_for_port(port: int, process: subprocess.Popen, name: str, timeout: float = 30) -> None:
    try:
        production_process.wait_for_port(port, process, name, timeout)
    except production_process.ServerNotReady as error:
        pytest.fail(str(error))
