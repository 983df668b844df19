"""/healthz and /readyz: public, no session, never cached; details only for the operator's token.

Each readiness check is made to fail the way it fails in operation: the database connection
raises, a migration is recorded as unapplied, the worker's heartbeat is missing or old (moved
clock), the media storage cannot be written, clamd is down or answers nonsense.
"""

from __future__ import annotations

import json
import socket
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sikoportal import health

TOKEN = "betriebs-token-0123456789abcdef0123456789"
CHECKS = {"database", "migrations", "worker", "media", "clamd"}
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = DB_TASKS


@pytest.fixture
def operator(settings):
    settings.SIKO_HEALTH_TOKEN = TOKEN
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def beat(at=None) -> DBTaskResult:
    """A heartbeat the worker finished at `at` (default: now)."""
    health.worker_heartbeat.enqueue()
    result = DBTaskResult.objects.filter(task_path=health.worker_heartbeat.module_path).latest("enqueued_at")
    result.status = TaskResultStatus.SUCCESSFUL
    result.finished_at = at or timezone.now()
    result.save(update_fields=["status", "finished_at"])
    return result


class FakeClamd:
    """clamd on a Unix socket answering each command with `answer`."""

    def __init__(self, path, answer: bytes) -> None:
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen(4)
        self.answer = answer
        self.commands: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                self.commands.append(conn.recv(64))
                conn.sendall(self.answer)

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def clamd_socket(tmp_path_factory):
    return tmp_path_factory.mktemp("clamd") / "clamd.sock"


@pytest.fixture
def ready(db, db_tasks, settings, clamd_socket):
    """Everything ready: a fresh heartbeat, media in the test's temporary directory, clamd answering."""
    beat()
    clamd = FakeClamd(clamd_socket, b"PONG\0")
    settings.SIKO_CLAMD_SOCKET = str(clamd_socket)
    yield
    clamd.close()


def readyz(client, **headers):
    response = client.get(reverse("readyz"), **headers)
    return response, json.loads(response.content)


def detail(client, operator) -> dict:
    return readyz(client, **operator)[1]["checks"]


# --- /healthz ------------------------------------------------------------------------------------


def test_healthz_answers_without_database(client):
    """No db fixture: pytest-django refuses every query, so the answer needs none."""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def test_healthz_with_a_session_writes_nothing(client, member):
    """A probe sends no cookie (the test above); a browser with a session gets no new cookie."""
    client.force_login(member)
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def test_healthz_and_readyz_only_read(client, db):
    assert client.post(reverse("healthz")).status_code == 405
    assert client.post(reverse("readyz")).status_code == 405
    assert client.head(reverse("healthz")).status_code == 200


# --- /readyz: who sees what ----------------------------------------------------------------------


def test_ready_anonymous_sees_only_the_status(client, ready):
    response, body = readyz(client)
    assert response.status_code == 200
    assert body == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers
    assert response["Content-Type"] == "application/json"


def test_ready_operator_sees_every_check(client, ready, operator):
    response, body = readyz(client, **operator)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == CHECKS
    assert all(check["status"] == "ok" for check in body["checks"].values()), body


@pytest.mark.parametrize(
    "header",
    [
        "Bearer falsches-token",
        f"Bearer {TOKEN}x",
        f"Basic {TOKEN}",
        "Bearer ",
        TOKEN,
    ],
)
def test_wrong_token_gets_no_detail(client, ready, operator, header):
    response, body = readyz(client, HTTP_AUTHORIZATION=header)
    assert response.status_code == 200
    assert body == {"status": "ok"}


def test_no_token_configured_means_no_detail_for_anybody(client, ready, settings):
    settings.SIKO_HEALTH_TOKEN = ""
    _, body = readyz(client, HTTP_AUTHORIZATION="Bearer ")
    assert body == {"status": "ok"}


def test_member_session_gets_no_detail(client, ready, member):
    client.force_login(member)
    response, body = readyz(client)
    assert body == {"status": "ok"}


def test_readyz_costs_a_fixed_number_of_queries(client, ready, operator, django_assert_num_queries):
    # SELECT 1; the migrations table exists, the applied migrations; the last heartbeat.
    with django_assert_num_queries(4):
        readyz(client, **operator)


# --- /readyz: each check failing ----------------------------------------------------------------


def _refused(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_database_unreachable(client, ready, operator, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", _refused)
        response, body = readyz(client)
        checks = detail(client, operator)
    assert (response.status_code, body) == (503, {"status": "fail"})
    assert checks["database"]["status"] == "fail"
    assert "OperationalError" in checks["database"]["detail"]
    assert checks["media"]["status"] == "ok"  # the other checks still ran


def test_unapplied_migration(client, ready, operator):
    recorder = MigrationRecorder(connection)
    last = recorder.migration_qs.filter(app="partner").order_by("-id").first()
    recorder.record_unapplied("partner", last.name)
    response, _ = readyz(client)
    assert response.status_code == 503
    checks = detail(client, operator)
    assert checks["migrations"]["status"] == "fail"
    assert f"partner.{last.name}" in checks["migrations"]["detail"]


def test_worker_without_heartbeat(client, db, db_tasks, operator):
    response, _ = readyz(client)
    assert response.status_code == 503
    assert "noch kein Herzschlag" in detail(client, operator)["worker"]["detail"]


def test_worker_heartbeat_goes_stale_with_the_clock(client, ready, operator, settings, monkeypatch):
    settings.SIKO_WORKER_HEARTBEAT_MAX_AGE = 300
    later = timezone.now() + timedelta(seconds=299)
    monkeypatch.setattr(health, "now", lambda: later)
    assert readyz(client)[0].status_code == 200
    later = timezone.now() + timedelta(seconds=302)
    response, _ = readyz(client)
    assert response.status_code == 503
    assert "erlaubt: 300 s" in detail(client, operator)["worker"]["detail"]


def test_an_old_heartbeat_does_not_count_when_a_newer_failed(client, db, db_tasks, operator):
    beat(timezone.now() - timedelta(hours=2))
    failed = beat()
    failed.status = TaskResultStatus.FAILED
    failed.save(update_fields=["status"])
    assert readyz(client)[0].status_code == 503


def test_media_not_writable(client, ready, operator, settings, tmp_path):
    # Tests run as root, which writes into read-only directories: a path below a plain file
    # cannot be written by anybody.
    blocker = tmp_path / "keine-ablage"
    blocker.write_text("")
    settings.MEDIA_ROOT = str(blocker / "media")
    response, _ = readyz(client)
    assert response.status_code == 503
    checks = detail(client, operator)
    assert checks["media"]["status"] == "fail"
    assert not (tmp_path / "keine-ablage").is_dir()


def test_media_probe_leaves_nothing_behind(client, ready, settings):
    readyz(client)
    probes = Path(settings.MEDIA_ROOT) / health.MEDIA_PROBE_DIR
    assert not probes.exists() or not any(probes.iterdir())


def test_media_check_writes_to_an_object_storage_and_leaves_nothing(client, ready, operator, object_storage):
    """InMemoryStorage and an S3 bucket (tests/object_storage.py): the probe goes through the storage API."""
    assert detail(client, operator)["media"]["status"] == "ok"
    assert object_storage() == []


@pytest.mark.parametrize(("answer", "ok"), [(b"PONG\0", True), (b"UNKNOWN COMMAND\0", False)])
def test_clamd_answer(client, ready, operator, settings, tmp_path_factory, answer, ok):
    path = tmp_path_factory.mktemp("clamd2") / "clamd.sock"
    clamd = FakeClamd(path, answer)
    try:
        settings.SIKO_CLAMD_SOCKET = str(path)
        response, _ = readyz(client)
        assert response.status_code == (200 if ok else 503)
        assert detail(client, operator)["clamd"]["status"] == ("ok" if ok else "fail")
        assert clamd.commands[0] == b"zPING\0"
    finally:
        clamd.close()


@pytest.mark.parametrize("address", ["", "/nicht/vorhanden/clamd.ctl", "tcp://127.0.0.1:1"])
def test_clamd_unreachable_or_unset(client, ready, operator, settings, address):
    settings.SIKO_CLAMD_SOCKET = address
    response, _ = readyz(client)
    assert response.status_code == 503
    assert detail(client, operator)["clamd"]["status"] == "fail"


def test_a_check_that_raises_is_a_failure_not_a_500(client, ready, operator, settings):
    settings.SIKO_READINESS_CHECKS = {"database": "sikoportal.health.check_database", "kaputt": "builtins.int"}
    response, _ = readyz(client)
    # int() returns 0, which has no .ok: the check itself is broken, readiness says "fail".
    assert response.status_code == 503
    assert detail(client, operator)["kaputt"]["status"] == "fail"


# --- The heartbeat through a real worker -------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_heartbeat_through_the_worker(client, db_tasks, operator, settings, monkeypatch):
    call_command("worker_heartbeat", verbosity=0)
    call_command("worker_heartbeat", verbosity=0)  # repeatable: still one waiting
    beats = DBTaskResult.objects.filter(task_path=health.worker_heartbeat.module_path)
    assert beats.count() == 1
    assert readyz(client)[0].status_code == 503  # enqueued, not yet run

    call_command("db_worker", batch=True, verbosity=0, reload=False)

    assert readyz(client)[0].status_code == 200
    # The beat scheduled the next one, SIKO_WORKER_HEARTBEAT_SECONDS later.
    waiting = beats.get(status=TaskResultStatus.READY)
    seconds = (waiting.run_after - timezone.now()).total_seconds()
    assert settings.SIKO_WORKER_HEARTBEAT_SECONDS - 5 < seconds <= settings.SIKO_WORKER_HEARTBEAT_SECONDS
    # Nobody runs it: after MAX_AGE the worker counts as gone.
    later = timezone.now() + timedelta(seconds=settings.SIKO_WORKER_HEARTBEAT_MAX_AGE + 1)
    monkeypatch.setattr(health, "now", lambda: later)
    assert readyz(client)[0].status_code == 503


@pytest.mark.django_db
def test_heartbeat_keeps_only_the_last_hour(db_tasks):
    old = beat(timezone.now() - timedelta(hours=2))
    recent = beat(timezone.now() - timedelta(minutes=5))
    health.worker_heartbeat.call()
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    assert DBTaskResult.objects.filter(pk=recent.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_every_queue_needs_its_own_worker(client, operator, settings):
    """Production's queues: the mail worker alone is not enough while nobody reads the extraction queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.SIKO_TASK_QUEUES}}
    call_command("worker_heartbeat", verbosity=0)
    waiting = DBTaskResult.objects.filter(task_path=health.worker_heartbeat.module_path)
    assert sorted(waiting.values_list("queue_name", flat=True)) == sorted(settings.SIKO_TASK_QUEUES)

    # sikoportal-worker.service: default and mail.
    call_command("db_worker", queue_name="default,mail", batch=True, verbosity=0, reload=False)
    response, body = readyz(client, **operator)
    assert response.status_code == 503
    assert body["checks"]["worker"]["detail"].startswith("extraction: noch kein Herzschlag")

    # sikoportal-worker-extraction.service.
    call_command("db_worker", queue_name="extraction", batch=True, verbosity=0, reload=False)
    assert readyz(client)[0].status_code == 200
