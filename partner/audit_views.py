"""The Geschäftsstelle's view of the audit log: filtered list, CSV export; both are logged themselves."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.conf import settings
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render

from .audit import audit_record
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
# A cell starting with one of these is a formula to Excel/LibreOffice (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


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


class _Echo:
    def write(self, value: str) -> str:
        return value


def _rows(events) -> Iterator[list[str]]:
    yield CSV_COLUMNS
    for event in events.iterator(chunk_size=500):
        yield [
            csv_cell(value)
            for value in (
                event.at.isoformat(),
                event.get_kind_display(),
                event.actor_name,
                event.subject_name,
                event.area,
                event.target,
                event.ip_address,
                event.detail,
            )
        ]


@office_required
def audit_export(request):
    audit_filter = _filtered(request)
    _record_view(request, export=True)
    writer = csv.writer(_Echo(), delimiter=";")
    response = StreamingHttpResponse(
        ("\ufeff" if index == 0 else "") + writer.writerow(row) for index, row in enumerate(_rows(audit_filter.qs))
    )
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = 'attachment; filename="protokoll.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
