"""Liveness (/healthz) and readiness (/readyz) for monitoring and load balancers.

- /healthz: the process answers. No database, no session, nothing else: a failing database must
  not make systemd or a load balancer restart healthy app processes.
- /readyz: every check in SIKO_READINESS_CHECKS passes (database, migrations, worker heartbeat,
  media storage, clamd). Anonymous callers learn only {"status": "ok"|"fail"}; with
  `Authorization: Bearer <SIKO_HEALTH_TOKEN>` the answer names each check with its detail.

Both answer without a login, touch no session (no Set-Cookie) and are never cached.

The worker heartbeat: db_worker has no liveness signal of its own (its loop keeps no timestamp),
and "the last task it ran" says nothing about an idle worker. So the worker runs a tiny task,
`worker_heartbeat`, which re-enqueues itself every SIKO_WORKER_HEARTBEAT_SECONDS with the
highest priority, on every task queue (mail and extraction have workers of their own); its
finished_at in django-tasks-db's result table is the heartbeat. A stale heartbeat means no worker
picks up tasks on its queue: dead, hung, or stuck behind a task that runs longer than
SIKO_WORKER_HEARTBEAT_MAX_AGE. `manage.py worker_heartbeat` (ExecStartPre of the worker units) starts
the chain again if it broke (worker killed mid-task, database restored).
"""

from __future__ import annotations

import hmac
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks import DEFAULT_TASK_QUEUE_NAME, TaskResultStatus, task
from django_tasks.base import TASK_MAX_PRIORITY
from django_tasks_db.models import DBTaskResult

from dokumente import virusscan

logger = logging.getLogger(__name__)

# Where the media check writes its probe file (the storage's own namespace, never under dokumente/).
MEDIA_PROBE_DIR = ".readyz"
# A probe of a load balancer gives up after a few seconds; a hung clamd must not hold /readyz longer.
CLAMD_TIMEOUT = 3


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: str


Check = Callable[[], CheckResult]


def now() -> datetime:
    """The clock of the heartbeat checks (tests move it)."""
    return timezone.now()


# --- The checks ------------------------------------------------------------------------------


def check_database() -> CheckResult:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return CheckResult(True, f"{connection.vendor} erreichbar")


def check_migrations() -> CheckResult:
    """Every migration on disk is applied (an upgrade whose `migrate` has not run yet is not ready)."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{migration.app_label}.{migration.name}" for migration, _ in plan[:5])
        return CheckResult(False, f"{len(plan)} Migration(en) nicht angewendet: {names}")
    return CheckResult(True, "alle Migrationen angewendet")


def _heartbeat_path() -> str:
    return worker_heartbeat.module_path


def _heartbeat_queues() -> list[str]:
    """Every queue of the task backend gets its own heartbeat: each worker unit proves it is alive."""
    return sorted(worker_heartbeat.get_backend().queues)


def check_worker() -> CheckResult:
    """On every queue, the last heartbeat a worker finished is younger than SIKO_WORKER_HEARTBEAT_MAX_AGE."""
    max_age = settings.SIKO_WORKER_HEARTBEAT_MAX_AGE
    last = dict(
        DBTaskResult.objects.filter(task_path=_heartbeat_path(), status=TaskResultStatus.SUCCESSFUL)
        .order_by()
        .values("queue_name")
        .annotate(last=Max("finished_at"))
        .values_list("queue_name", "last")
    )
    problems, ages = [], []
    for queue in _heartbeat_queues():
        if last.get(queue) is None:
            problems.append(f"{queue}: noch kein Herzschlag des Workers (manage.py worker_heartbeat, läuft db_worker?)")
            continue
        age = (now() - last[queue]).total_seconds()
        if age > max_age:
            problems.append(f"{queue}: letzter Herzschlag vor {age:.0f} s (erlaubt: {max_age} s)")
        ages.append(f"{queue}: vor {max(age, 0):.0f} s")
    if problems:
        return CheckResult(False, "; ".join(problems))
    return CheckResult(True, "letzter Herzschlag " + ", ".join(ages))


def check_media() -> CheckResult:
    """The upload storage accepts a write (through the storage API, so any storage backend works)."""
    name = default_storage.save(f"{MEDIA_PROBE_DIR}/{uuid.uuid4().hex}", ContentFile(b"ok"))
    default_storage.delete(name)
    return CheckResult(True, "Ablage beschreibbar")


def check_clamd() -> CheckResult:
    """clamd answers PING (dokumente.virusscan, the one clamd client); at most CLAMD_TIMEOUT seconds,
    since a load balancer's probe gives up after a few. Without it every upload is refused."""
    if not settings.SIKO_CLAMD_SOCKET:
        return CheckResult(False, "SIKO_CLAMD_SOCKET ist leer")
    if virusscan.ping(timeout=min(settings.SIKO_CLAMD_TIMEOUT, CLAMD_TIMEOUT)):
        return CheckResult(True, "clamd antwortet")
    return CheckResult(False, "clamd antwortet nicht")


@cache
def _load(path: str) -> Check:
    return import_string(path)


def run_checks() -> dict[str, tuple[CheckResult, float]]:
    """Every configured check with its result and duration in ms; an exception is a failure."""
    results: dict[str, tuple[CheckResult, float]] = {}
    for name, path in settings.SIKO_READINESS_CHECKS.items():
        started = time.monotonic()
        try:
            result = _load(path)()
            if not isinstance(result, CheckResult):
                raise TypeError(f"{path} gibt kein CheckResult zurück")
        except Exception as exc:  # noqa: BLE001 - any failure of a dependency is "not ready", never a 500
            logger.warning("Bereitschaftsprüfung %s fehlgeschlagen: %s: %s", name, type(exc).__name__, exc)
            result = CheckResult(False, f"{type(exc).__name__}: {exc}")
        results[name] = (result, round((time.monotonic() - started) * 1000, 1))
    return results


# --- The worker heartbeat ----------------------------------------------------------------------


def _heartbeats(queue: str):
    return DBTaskResult.objects.filter(task_path=_heartbeat_path(), queue_name=queue)


def ensure_heartbeat() -> bool:
    """Enqueue a heartbeat on every queue where none waits; True if one was enqueued."""
    if not worker_heartbeat.get_backend().supports_defer:
        return False  # no database queue (tests, immediate backend): nothing to beat for
    enqueued = False
    for queue in _heartbeat_queues():
        if not _heartbeats(queue).filter(status=TaskResultStatus.READY).exists():
            worker_heartbeat.using(queue_name=queue).enqueue(queue)
            enqueued = True
    return enqueued


@task(priority=TASK_MAX_PRIORITY)
def worker_heartbeat(queue: str = DEFAULT_TASK_QUEUE_NAME) -> None:
    """Proves that a worker takes tasks from `queue`; schedules the next beat there and keeps the
    result table small (only the last hour of beats stays)."""
    interval = settings.SIKO_WORKER_HEARTBEAT_SECONDS
    if not _heartbeats(queue).filter(status=TaskResultStatus.READY).exists():
        worker_heartbeat.using(queue_name=queue, run_after=timezone.now() + timedelta(seconds=interval)).enqueue(queue)
    _heartbeats(queue).filter(
        status=TaskResultStatus.SUCCESSFUL, finished_at__lt=timezone.now() - timedelta(hours=1)
    ).delete()


# --- The views ---------------------------------------------------------------------------------


def is_operator(request: HttpRequest) -> bool:
    """The caller is monitoring: `Authorization: Bearer <SIKO_HEALTH_TOKEN>` (also for /metrics)."""
    token = settings.SIKO_HEALTH_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if not token or scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


@login_not_required
@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@login_not_required
@require_safe
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    ok = all(result.ok for result, _ in results.values())
    body: dict = {"status": "ok" if ok else "fail"}
    if is_operator(request):
        body["checks"] = {
            name: {"status": "ok" if result.ok else "fail", "detail": result.detail, "ms": ms}
            for name, (result, ms) in results.items()
        }
    response = JsonResponse(body, status=200 if ok else 503)
    # A failing check is logged above as a WARNING; without this, Django would log every 503
    # of a monitoring poll as an ERROR (and mail it to ADMINS).
    response._has_been_logged = True
    return response
