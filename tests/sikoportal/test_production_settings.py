"""Production settings refuse to start half-configured, and read earlier keys for a rotation.

Each start-up runs `django.setup()` (or `manage.py check`) in a fresh process with exactly the
environment given here: settings are read once per process, and the operator's shell is what
production sees. The readers themselves are tested in-process below.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from sikoportal.settings import env

BASE_DIR = Path(settings.BASE_DIR)
SETUP = "import django; django.setup()"
PRINT_SETTINGS = (
    SETUP + "; import json; from django.conf import settings as s; db = s.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'host': db['HOST'], 'name': db['NAME'], "
    "'conn_max_age': db['CONN_MAX_AGE'], 'hosts': s.ALLOWED_HOSTS, 'base_url': s.SIKO_BASE_URL, "
    "'csrf': s.CSRF_TRUSTED_ORIGINS, 'email_host': s.EMAIL_HOST, 'fallbacks': s.SECRET_KEY_FALLBACKS}))"
)
# A complete production environment; each test takes one thing away or spoils it.
COMPLETE = {
    "DJANGO_SETTINGS_MODULE": "sikoportal.settings.production",
    "DJANGO_SECRET_KEY": "p" * 30 + "-Xq7vLr2Nw9KcT4mZs8YbH3jGf6Da1EuRo5",
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "SIKO_BASE_URL": "https://portal.example.org",
    "DATABASE_URL": "postgres://siko:geheim@db.example.org:5432/sikoportal",
    "DJANGO_EMAIL_HOST": "smtp.example.org",
    "SIKO_MFA_ENCRYPTION_KEY": "k3x7ZbP2nQv9Yw4Lr8Tc1Hs6Jd0Fg5Am2Ue7Xi3Ko9M=",
}
REQUIRED = [
    "DATABASE_URL",
    "SIKO_BASE_URL",
    "DJANGO_EMAIL_HOST",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "SIKO_MFA_ENCRYPTION_KEY",
]


def start(code: str = SETUP, *, without: tuple[str, ...] = (), command: list[str] | None = None, **variables: str):
    """Python started as production would be: only PATH and the given variables."""
    environment = {key: value for key, value in COMPLETE.items() if key not in without}
    environment.update(variables)
    environment.update({"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"})
    return subprocess.run(
        command or [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def assert_refused(result, message: str) -> None:
    assert result.returncode != 0, result.stdout
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: "), result.stderr
    assert message in last_line, last_line


# --- Start-up, as the operator sees it ----------------------------------------------------------


def test_a_complete_environment_starts_with_postgresql_and_https():
    result = start(PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert (values["host"], values["name"], values["conn_max_age"]) == ("db.example.org", "sikoportal", 60)
    assert values["hosts"] == ["portal.example.org"]
    assert values["base_url"] == "https://portal.example.org"
    assert values["csrf"] == ["https://portal.example.org"]
    assert values["email_host"] == "smtp.example.org"
    assert values["fallbacks"] == []


@pytest.mark.parametrize("name", REQUIRED)
def test_a_missing_required_variable_stops_the_start_up_naming_it(name):
    assert_refused(start(without=(name,)), f"Die Umgebungsvariable {name} muss gesetzt sein: ")


@pytest.mark.parametrize("name", ["DATABASE_URL", "DJANGO_SECRET_KEY"])
def test_a_blank_required_variable_counts_as_missing(name):
    assert_refused(start(**{name: "  "}), f"Die Umgebungsvariable {name} muss gesetzt sein: ")


def test_an_smtp_password_is_never_sent_without_tls():
    assert_refused(start(DJANGO_EMAIL_HOST_PASSWORD="geheim"), "DJANGO_EMAIL_USE_TLS=true setzen")
    result = start(DJANGO_EMAIL_HOST_PASSWORD="geheim", DJANGO_EMAIL_USE_TLS="true")
    assert result.returncode == 0, result.stderr
    assert "geheim" not in result.stderr


def test_manage_py_refuses_as_well():
    result = start(without=("DATABASE_URL",), command=[sys.executable, "manage.py", "check"])
    assert_refused(result, "Die Umgebungsvariable DATABASE_URL muss gesetzt sein: ")


def test_sqlite_is_refused_in_production():
    result = start(DATABASE_URL="sqlite:////srv/sikoportal/db.sqlite3")
    assert_refused(result, "DATABASE_URL muss mit postgres:// oder postgresql:// beginnen, nicht mit sqlite://")
    assert "SQLite ist im Produktionsbetrieb nicht zulässig" in result.stderr


def test_a_refused_database_url_never_shows_its_password():
    result = start(DATABASE_URL="mysql://siko:geheim@db.example.org/sikoportal")
    assert_refused(result, "DATABASE_URL muss mit postgres:// oder postgresql:// beginnen, nicht mit mysql://")
    assert "geheim" not in result.stderr


def test_an_unreadable_database_url_names_the_variable_not_the_password():
    result = start(DATABASE_URL="postgress://siko:geheim@db.example.org/sikoportal")
    assert_refused(result, "Die Umgebungsvariable DATABASE_URL ist keine lesbare Datenbank-URL (Schema postgress://)")
    assert "geheim" not in result.stderr


def test_the_local_postgresql_socket_is_accepted():
    result = start(PRINT_SETTINGS, DATABASE_URL="postgres:///sikoportal")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["host"] == ""


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://portal.example.org", "SIKO_BASE_URL muss mit https:// beginnen, nicht mit http://"),
        ("portal.example.org", "SIKO_BASE_URL muss mit https:// beginnen (die öffentliche Adresse"),
        ("https://", "SIKO_BASE_URL muss einen Rechnernamen enthalten"),
    ],
)
def test_the_base_url_must_be_https_with_a_host(url, message):
    assert_refused(start(SIKO_BASE_URL=url), message)


def test_allowed_hosts_of_commas_only_count_as_missing():
    assert_refused(start(DJANGO_ALLOWED_HOSTS=" , "), "Die Umgebungsvariable DJANGO_ALLOWED_HOSTS muss gesetzt sein")


def test_earlier_secret_keys_come_from_the_environment():
    result = start(PRINT_SETTINGS, DJANGO_SECRET_KEY_FALLBACKS=" alter-schluessel-2026 ,alter-schluessel-2025")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["fallbacks"] == ["alter-schluessel-2026", "alter-schluessel-2025"]


# --- Connection pool and file storage -----------------------------------------------------------

PRINT_POOL = (
    SETUP + "; import json; from django.conf import settings as s; db = s.DATABASES['default']; "
    "print(json.dumps({'conn_max_age': db['CONN_MAX_AGE'], 'pool': db.get('OPTIONS', {}).get('pool'), "
    "'prepare_threshold': db['OPTIONS'].get('prepare_threshold')}))"
)
# Three queries, the connection closed after each: with a pool the same PostgreSQL backend answers
# every time (the connection went back to the pool), without one each query gets a new backend.
BACKEND_PIDS = (
    SETUP + "; import json; from django.db import connection\n"
    "pids = []\n"
    "for _ in range(3):\n"
    "    with connection.cursor() as cursor:\n"
    "        cursor.execute('SELECT pg_backend_pid()')\n"
    "        pids.append(cursor.fetchone()[0])\n"
    "    connection.close()\n"
    "print(json.dumps({'pids': pids, 'pooled': connection.pool is not None}))"
)


def test_the_connection_pool_is_off_by_default():
    result = start(PRINT_POOL)
    assert result.returncode == 0, result.stderr
    # Prepared where a cursor binds on the server (the search, suche.query._cursor), with and without pool.
    assert json.loads(result.stdout) == {"conn_max_age": 60, "pool": None, "prepare_threshold": 0}


def test_the_connection_pool_replaces_persistent_connections():
    result = start(PRINT_POOL, DJANGO_DB_POOL="true", DJANGO_DB_POOL_MAX_SIZE="3")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "conn_max_age": 0,
        "pool": {"min_size": 1, "max_size": 3, "timeout": 10, "name": "sikoportal"},
        "prepare_threshold": 0,
    }


def test_the_connection_pool_refuses_persistent_connections():
    assert_refused(
        start(DJANGO_DB_POOL="true", DJANGO_CONN_MAX_AGE="60"), "DJANGO_DB_POOL=true verträgt sich nicht mit"
    )


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="der Pool gibt es nur für PostgreSQL")
@pytest.mark.parametrize("pool", [True, False], ids=["pool", "ohne-pool"])
def test_the_connection_pool_works_against_postgresql(pool):
    from tests.production_process import database_env

    # One connection at most: the pool may open its connections in the background, so with more
    # allowed a query can meet a second fresh one; with one, every query must get the same back.
    variables = {"DJANGO_DB_POOL": "true", "DJANGO_DB_POOL_MAX_SIZE": "1"} if pool else {"DJANGO_CONN_MAX_AGE": "0"}
    result = start(BACKEND_PIDS, DATABASE_URL=database_env()["DATABASE_URL"], **variables)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["pooled"] is pool
    assert len(set(answer["pids"])) == (1 if pool else 3)


def test_uploads_stay_on_the_local_disk_by_default():
    result = start(SETUP + "; from django.conf import settings as s; print(s.STORAGES['default']['BACKEND'])")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.files.storage.FileSystemStorage"


def test_s3_storage_comes_from_the_environment():
    code = SETUP + "; import json; from django.conf import settings as s; print(json.dumps(s.STORAGES['default']))"
    result = start(
        code,
        SIKO_STORAGE="s3",
        SIKO_S3_BUCKET="siko-uploads",
        SIKO_S3_ENDPOINT_URL="https://s3.it.nrw.example",
        SIKO_S3_ACCESS_KEY_ID="schluessel",
        SIKO_S3_SECRET_ACCESS_KEY="geheim",
        SIKO_S3_PRESIGNED_SECONDS="30",
    )
    assert result.returncode == 0, result.stderr
    storage = json.loads(result.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"]) == ("siko-uploads", "https://s3.it.nrw.example")
    assert (options["access_key"], options["secret_key"]) == ("schluessel", "geheim")
    assert (options["querystring_auth"], options["querystring_expire"]) == (True, 30)
    assert (options["file_overwrite"], options["default_acl"], options["addressing_style"]) == (False, None, "path")


def test_s3_storage_needs_a_bucket():
    assert_refused(start(SIKO_STORAGE="s3"), "Die Umgebungsvariable SIKO_S3_BUCKET muss gesetzt sein: ")


def test_an_unknown_storage_is_refused():
    assert_refused(start(SIKO_STORAGE="ftp"), "SIKO_STORAGE muss „local“ oder „s3“ sein, nicht „ftp“.")


# --- The readers ------------------------------------------------------------------------------


def test_env_required_returns_the_value_without_surrounding_blanks(monkeypatch):
    monkeypatch.setenv("SIKO_TEST_VALUE", "  wert ")
    assert env.env_required("SIKO_TEST_VALUE") == "wert"


def test_env_required_without_a_meaning_names_only_the_variable(monkeypatch):
    monkeypatch.delenv("SIKO_TEST_VALUE", raising=False)
    with pytest.raises(ImproperlyConfigured, match=r"^Die Umgebungsvariable SIKO_TEST_VALUE muss gesetzt sein\.$"):
        env.env_required("SIKO_TEST_VALUE")


def test_env_str_with_a_default_keeps_an_empty_value(monkeypatch):
    """Optional variables may be set empty on purpose (DJANGO_EMAIL_HOST_USER= for an open relay)."""
    monkeypatch.setenv("SIKO_TEST_VALUE", "")
    assert env.env_str("SIKO_TEST_VALUE", "vorgabe") == ""


def test_env_url_accepts_any_of_the_schemes_in_any_case(monkeypatch):
    monkeypatch.setenv("SIKO_TEST_URL", "PostgreSQL://db/siko")
    assert env.env_url("SIKO_TEST_URL", schemes=("postgres", "postgresql")) == "PostgreSQL://db/siko"
