"""The Geschäftsstelle's view of the audit log: filtered list, CSV export; both are logged themselves."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from .audit import audit_record
from .csv_export import csv_response
from .filters import AuditFilter
from .models import AuditEvent
from .office_views import office_required

CSV_COLUMNS = [
    "Zeitpunkt",
    "Ereignis",
    "ausgeführt von",
    "betroffenes Konto",
    "Bereich",
    "Gegenstand",
    "IP-Adresse",
    "Einzelheiten",
]


def _filtered(request) -> AuditFilter:
    events = AuditEvent.objects.all().order_by("-at", "-pk")
    return AuditFilter(request.GET, queryset=events, request=request)


def _record_view(request, *, export: bool) -> None:
    # Looking at the log is itself an event: who looked for what.
    # Only the filters the page knows, short and without NUL (PostgreSQL's jsonb refuses \u0000):
    # whatever else a request carries is neither needed nor stored.
    filters = {
        key: value.replace("\x00", "")[:200]
        for key, value in request.GET.items()
        if key in AuditFilter.base_filters and value
    }
    audit_record(kind=AuditEvent.Kind.AUDIT_VIEWED, actor=request.user, detail={"filters": filters, "export": export})


@office_required
def audit_list(request):
    audit_filter = _filtered(request)
    page = Paginator(audit_filter.qs, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    _record_view(request, export=False)
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "partner/office/audit_list.html",
        {"filter": audit_filter, "page": page, "total": page.paginator.count, "query": query.urlencode()},
    )


def _rows(events) -> Iterator[list]:
    yield CSV_COLUMNS
    for event in events.iterator(chunk_size=500):
        yield [
            event.at.isoformat(),
            event.get_kind_display(),
            event.actor_name,
            event.subject_name,
            event.bereich,
            event.target,
            event.ip_address,
            event.detail,
        ]


@office_required
def audit_export(request):
    audit_filter = _filtered(request)
    _record_view(request, export=True)
    return csv_response(_rows(audit_filter.qs), "protokoll.csv")
