"""Prometheus metrics at /metrics, for operators only (the monitoring token, as /readyz's detail).

Plain prometheus-client rather than django-prometheus: the portal needs one histogram and a few
numbers from its own tables; django-prometheus would wrap the database backends and caches and
export hundreds of series nobody asked for, and needs the same multi-process set-up anyway.

- siko_request_duration_seconds (histogram; view, method, status class): measured by
  sikoportal.logs.RequestIdMiddleware, the one place that times a request.
- siko_task_queue_length (queue), siko_tasks_failed (queue), siko_mails_unsent, siko_pending_extractions,
  siko_failed_deliveries, siko_admitted_users: counted from the database at scrape time, so every
  app server answers the same whatever process it runs in.

gunicorn runs several worker processes: with PROMETHEUS_MULTIPROC_DIR set (sikoportal-web.service
does), each process writes its histogram to a file there and a scrape adds them up
(prometheus-client's multiprocess mode; deploy/gunicorn.conf.py empties the directory on start and
drops a finished worker's gauges). Without it (development) the process's own numbers count.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from dokumente.models import StoredFile, TextStatus
from newsletter.models import Delivery
from partner.models import User

from .health import is_operator

REQUEST_DURATION = Histogram(
    "siko_request_duration_seconds",
    "Dauer der Anfragen an das Portal (ohne nginx und Dateiauslieferung)",
    ["view", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def observe_request(view: str | None, method: str, status: int, seconds: float) -> None:
    REQUEST_DURATION.labels(view=view or "-", method=method, status=f"{status // 100}xx").observe(seconds)


def _per_queue(tasks) -> dict[str, int]:
    rows = tasks.order_by().values("queue_name").annotate(count=Count("id"))
    return {row["queue_name"]: row["count"] for row in rows}


class PortalCollector(Collector):
    """The numbers from the database, counted when Prometheus asks (a handful of indexed counts)."""

    def collect(self):
        # Here, not at import: partner.resend imports the mail tasks, which django-tasks checks
        # against the task backend configured at that moment (the URLconf imports this module).
        from partner.resend import unresent_failed_mails

        queue = GaugeMetricFamily(
            "siko_task_queue_length", "Fällige Hintergrundaufgaben, die auf einen Worker warten", labels=["queue"]
        )
        failed = GaugeMetricFamily(
            "siko_tasks_failed", "Fehlgeschlagene Hintergrundaufgaben (bis zur Löschfrist)", labels=["queue"]
        )
        due = _per_queue(DBTaskResult.objects.ready())
        broken = _per_queue(DBTaskResult.objects.failed())
        configured = {name for backend in settings.TASKS.values() for name in backend.get("QUEUES", [])}
        for name in sorted(configured | set(due) | set(broken)):
            queue.add_metric([name], due.get(name, 0))
            failed.add_metric([name], broken.get(name, 0))
        yield queue
        yield failed
        yield GaugeMetricFamily(
            "siko_mails_unsent",
            "Fehlgeschlagene E-Mails, die noch nicht erneut eingeplant sind (manage.py mail_resend)",
            value=unresent_failed_mails(),
        )
        yield GaugeMetricFamily(
            "siko_pending_extractions",
            "Dateien, deren Text noch nicht für die Suche ausgelesen ist",
            value=StoredFile.objects.filter(text_status=TextStatus.PENDING).count(),
        )
        yield GaugeMetricFamily(
            "siko_failed_deliveries",
            "Newsletter-Zustellungen, die der Mailserver abgelehnt hat (bis zur Löschfrist)",
            value=Delivery.objects.filter(status=Delivery.Status.FAILED).count(),
        )
        yield GaugeMetricFamily("siko_admitted_users", "Zugelassene Konten", value=User.objects.admitted().count())


def registry() -> CollectorRegistry:
    """What one scrape answers: the request histogram (of every gunicorn worker in multi-process mode)
    and the numbers from the database."""
    scrape = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(scrape)
    else:
        scrape.register(REQUEST_DURATION)
    scrape.register(PortalCollector())
    return scrape


@login_not_required
@require_safe
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if not is_operator(request):
        response = HttpResponse("Zugriff nur mit dem Überwachungs-Token.\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="sikoportal"'
        return response
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
