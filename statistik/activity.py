"""What the members did in a period and what the newsletter reached: newsletter, areas,
contributions, downloads, searches; each counted by the database (see figures.py)."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from facharbeitskreise.access import member_counts
from facharbeitskreise.models import Arbeitskreis
from fachgebiete.models import Article, Document, Fachgebiet, Rechtstatsache, Status
from newsletter.models import Delivery, Issue, Subscriber
from partner.models import AuditEvent

from .models import SearchDay
from .period import Period
from .tables import Chart, Table, suppress_columns

SECTIONS = (Article, Document, Rechtstatsache)

# --- Newsletter -------------------------------------------------------------------------------

RECIPIENTS = "Empfängerinnen und Empfänger am Ende des Zeitraums"
ISSUES_SENT = "Ausgaben versandt"


def newsletter_tables(period: Period) -> list[Table]:
    subscribers = Subscriber.objects.exclude(confirmed_at=None).values_list("confirmed_at", "unsubscribed_at")
    recipients = confirmed = unsubscribed = 0
    for confirmed_at, unsubscribed_at in subscribers:
        if confirmed_at < period.end and (unsubscribed_at is None or unsubscribed_at >= period.end):
            recipients += 1
        if period.start <= confirmed_at < period.end:
            confirmed += 1
        if unsubscribed_at is not None and period.start <= unsubscribed_at < period.end:
            unsubscribed += 1
    issues = list(
        Issue.objects.published()
        .filter(**period.between("dispatch_started_at"))
        .with_delivery_counts()
        .order_by("dispatch_started_at", "number")
    )
    sent = Delivery.objects.filter(status=Delivery.Status.SENT, **period.between("sent_at")).count()
    summary = Table(
        slug="newsletter",
        title="Newsletter",
        columns=["Kennzahl", "Wert"],
        rows=[
            [RECIPIENTS, recipients],
            ["Anmeldungen bestätigt im Zeitraum", confirmed],
            ["Abmeldungen im Zeitraum", unsubscribed],
            [ISSUES_SENT, len(issues)],
            ["E-Mails zugestellt im Zeitraum", sent],
        ],
        notes=[
            "Empfängerinnen und Empfänger: bestätigte Anmeldungen (Double-Opt-in), die noch nicht abgemeldet waren."
        ],
    )
    listing = Table(
        slug="newsletter-ausgaben",
        title="Newsletter-Ausgaben im Zeitraum",
        columns=[
            "Nummer",
            "Titel",
            "Versand begonnen am",
            "Empfängerinnen und Empfänger",
            "zugestellt",
            "fehlgeschlagen",
        ],
        rows=[
            [
                issue.number,
                issue.title,
                f"{timezone.localtime(issue.dispatch_started_at):%d.%m.%Y}",
                issue.recipient_count,
                issue.sent_count,
                issue.failed_count,
            ]
            for issue in issues
        ],
    )
    return [summary, listing]


# --- Areas ------------------------------------------------------------------------------------


def arbeitskreis_table(period: Period) -> Table:
    arbeitskreise = list(Arbeitskreis.objects.order_by("is_archived", "kind", "name"))
    members = member_counts([arbeitskreis.pk for arbeitskreis in arbeitskreise])
    granted = dict(
        AuditEvent.objects.filter(
            kind=AuditEvent.Kind.ARBEITSKREIS_GRANTED, subject__isnull=False, **period.between("at")
        )
        .values("bereich")
        .annotate(people=Count("subject", distinct=True))
        .values_list("bereich", "people")
    )
    rows = [
        [
            arbeitskreis.name,
            arbeitskreis.get_kind_display(),
            "archiviert" if arbeitskreis.is_archived else "aktiv",
            members.get(arbeitskreis.pk, 0),
            granted.get(arbeitskreis.audit_bereich, 0),
        ]
        for arbeitskreis in arbeitskreise
    ]
    return Table(
        slug="arbeitskreise",
        title="Arbeitskreise und Projekte: Mitglieder",
        columns=["Arbeitskreis", "Art", "Stand", "Mitglieder (heute)", "persönlich aufgenommen im Zeitraum"],
        rows=suppress_columns(rows, [3, 4], with_sum=False),
        small_groups=True,
        notes=[
            "Mitglieder: zugelassene Konten mit Zugang, persönlich oder über eine Gruppe.",
            "Aufnahmen laut Protokoll (Aufbewahrung "
            f"{settings.SIKO_AUDIT_RETENTION_DAYS['rights']} Tage); Zugänge über eine Gruppe zählen dort nicht.",
        ],
    )


# --- Contributions ----------------------------------------------------------------------------


def contribution_table(period: Period) -> Table:
    counts = {
        model: dict(
            model.objects.filter(status=Status.PUBLISHED, **period.between("published_at"))
            .values("fachgebiet_id")
            .annotate(n=Count("pk"))
            .values_list("fachgebiet_id", "n")
        )
        for model in SECTIONS
    }
    rows = []
    for fachgebiet in Fachgebiet.objects.order_by("kind", "position", "name"):
        cells = []
        for model in SECTIONS:
            if model is Rechtstatsache and fachgebiet.is_rubrik:
                cells.append("–")
            else:
                cells.append(counts[model].get(fachgebiet.pk, 0))
        rows.append([fachgebiet.name, *cells, sum(cell for cell in cells if isinstance(cell, int))])
    total = ["Summe", *(sum(counts[model].values()) for model in SECTIONS)]
    total.append(sum(total[1:]))
    return Table(
        slug="beitraege",
        title="Veröffentlichte Beiträge nach Fachgebiet und Rubrik",
        columns=["Fachgebiet / Rubrik", *(model.section_label for model in SECTIONS), "zusammen"],
        rows=rows,
        total=total,
        notes=["Gezählt wird, was im Zeitraum veröffentlicht wurde und heute noch veröffentlicht ist."],
        chart=Chart(
            kind="bars",
            title="Im Zeitraum veröffentlichte Beiträge je Fachgebiet und Rubrik",
            description="Balkendiagramm; die Werte je Rubrik stehen in der Tabelle darunter.",
            labels=[row[0] for row in rows],
            values=[row[-1] for row in rows],
        ),
    )


# --- Downloads --------------------------------------------------------------------------------


def _arbeitskreis_names() -> dict[str, str]:
    names = {f"fachgebiete:{slug}": name for slug, name in Fachgebiet.objects.values_list("slug", "name")}
    names.update({f"facharbeitskreise:{slug}": name for slug, name in Arbeitskreis.objects.values_list("slug", "name")})
    return names


def download_tables(period: Period) -> list[Table]:
    downloads = AuditEvent.objects.filter(kind=AuditEvent.Kind.DOWNLOAD, **period.between("at"))
    by_arbeitskreis = downloads.values("bereich").annotate(n=Count("pk")).values_list("bereich", "n")
    by_month = Counter()
    for month, n in (
        downloads.annotate(month=TruncMonth("at")).values("month").annotate(n=Count("pk")).values_list("month", "n")
    ):
        local = timezone.localtime(month) if timezone.is_aware(month) else month
        by_month[(local.year, local.month)] += n
    names = _arbeitskreis_names()
    named = Counter()
    for arbeitskreis, n in by_arbeitskreis:
        named[names.get(arbeitskreis, arbeitskreis or "ohne Bereich")] += n
    arbeitskreis_rows = [
        [name, n] for name, n in sorted(named.items(), key=lambda item: (-item[1], item[0].casefold()))
    ]
    month_rows = [[month.label, by_month[month.key]] for month in period.months()]
    days = settings.SIKO_AUDIT_RETENTION_DAYS["download"]
    notes = [f"Dateiabrufe werden {days} Tage protokolliert; ältere Zeiträume sind daher unvollständig."]
    if period.start < timezone.now() - timezone.timedelta(days=days):
        notes.insert(0, "Achtung: Der Zeitraum beginnt vor der Aufbewahrungsfrist des Protokolls.")
    total = sum(n for _, n in arbeitskreis_rows)
    return [
        Table(
            slug="abrufe-bereiche",
            title="Dateiabrufe nach Bereich",
            columns=["Bereich", "Dateiabrufe"],
            rows=arbeitskreis_rows,
            total=["Summe", total],
            notes=notes,
        ),
        Table(
            slug="abrufe-monate",
            title="Dateiabrufe nach Monaten",
            columns=["Monat", "Dateiabrufe"],
            rows=month_rows,
            total=["Summe", total],
            notes=notes,
            chart=Chart(
                kind="columns",
                title="Dateiabrufe je Monat",
                description="Säulendiagramm, ein Wert je Monat; die Werte stehen in der Tabelle darunter.",
                labels=[month.short_label for month in period.months()],
                values=[row[1] for row in month_rows],
            ),
        ),
    ]


# --- Search -----------------------------------------------------------------------------------


def search_table(period: Period) -> Table:
    days = SearchDay.objects.filter(day__gte=period.first, day__lte=period.last).values_list("day", "count")
    by_month = Counter()
    for day, count in days:
        by_month[(day.year, day.month)] += count
    rows = [[month.label, by_month[month.key]] for month in period.months()]
    return Table(
        slug="suche",
        title="Suchanfragen nach Monaten",
        columns=["Monat", "Suchanfragen"],
        rows=rows,
        total=["Summe", sum(by_month.values())],
        notes=[
            "Gezählt wird jede Suche mit Suchbegriff (erste Ergebnisseite; Blättern zählt nicht). Gespeichert "
            "wird nur die Zahl je Tag, weder Suchbegriff noch Person."
        ],
        chart=Chart(
            kind="columns",
            title="Suchanfragen je Monat",
            description="Säulendiagramm, ein Wert je Monat; die Werte stehen in der Tabelle darunter.",
            labels=[month.short_label for month in period.months()],
            values=[row[1] for row in rows],
        ),
    )
