"""The Geschäftsstelle's statistics page and the CSV download of each of its tables."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from partner.audit import audit_record
from partner.csv_export import csv_response
from partner.models import AuditEvent
from partner.office_views import office_required

from .charts import render_svg
from .figures import statistics_for
from .period import period_from, presets


@office_required
def overview(request):
    form, period = period_from(request.GET)
    statistics = statistics_for(period)
    sections = [
        {
            "table": table,
            "svg": render_svg(table.chart, f"chart-{table.slug}") if table.chart else None,
            "csv_url": f"{table.slug}.csv?{period.query()}",
        }
        for table in statistics.tables
    ]
    return render(
        request,
        "statistik/overview.html",
        {
            "form": form,
            "period": period,
            "presets": [(label, preset, preset == period) for label, preset in presets()],
            "sections": sections,
        },
    )


@office_required
def table_csv(request, slug: str):
    _, period = period_from(request.GET)
    table = statistics_for(period).table(slug)
    if table is None:
        raise Http404("Diese Tabelle gibt es nicht.")
    audit_record(
        kind=AuditEvent.Kind.STATISTICS_EXPORTED,
        actor=request.user,
        detail={"table": slug, "from": period.first.isoformat(), "to": period.last.isoformat()},
    )
    return csv_response(table.csv_rows(period.label), f"statistik-{slug}-{period.slug}.csv")
