"""The statistics of a period, table by table: what the page shows and each CSV repeats.

Every figure is an aggregate read with a fixed number of queries, whatever the data size
(accounts and decisions are read once and counted in Python; everything else is counted by
the database). Events (Veranstaltungen) have no figures yet: the portal has no events.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from facharbeitskreise.access import member_counts
from facharbeitskreise.models import Arbeitsbereich
from fachgebiete.models import Article, Document, Fachgebiet, Rechtstatsache, Status
from newsletter.models import Delivery, Issue, Subscriber
from partner.models import AuditEvent, Partner, PartnerKind, PartnerType

from .accounts import AccountHistory
from .models import SearchDay
from .period import Period
from .tables import Chart, Table, suppress_columns

MONTH_NAMES = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]
NO_PARTNER = "ohne Behörde im Verzeichnis"
SECTIONS = (Article, Document, Rechtstatsache)


def month_label(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"


def _in(period: Period, field: str) -> dict:
    return {f"{field}__gte": period.start, f"{field}__lt": period.end}


@dataclass
class Statistics:
    period: Period
    tables: list[Table]

    def table(self, slug: str) -> Table | None:
        return next((table for table in self.tables if table.slug == slug), None)


def statistics_for(period: Period) -> Statistics:
    history = AccountHistory()
    partners = {row["pk"]: row for row in Partner.objects.values("pk", "name", "type", "kind", "is_active")}
    at_end = history.admitted_at(period.end)
    new = history.newly_admitted(period.start, period.end)
    tables = [
        *_account_tables(period, history, partners, at_end, new),
        _month_table(period, history),
        *_newsletter_tables(period),
        _area_table(period),
        _contribution_table(period),
        *_download_tables(period),
        _search_table(period),
    ]
    overview = _overview(period, history, partners, at_end, new, {table.slug: table for table in tables})
    return Statistics(period=period, tables=[overview, *tables])


# --- Accounts ---------------------------------------------------------------------------------


def _overview(period, history, partners, at_end, new, tables) -> Table:
    active = Counter(row["kind"] for row in partners.values() if row["is_active"])
    areas = Counter(Arbeitsbereich.objects.active().values_list("kind", flat=True))
    newsletter = dict(tables["newsletter"].rows)
    rows = [
        [f"Zugelassene Nutzerinnen und Nutzer am {period.last:%d.%m.%Y}", len(at_end)],
        [
            f"Zugelassene Nutzerinnen und Nutzer am Beginn ({period.first:%d.%m.%Y})",
            len(history.admitted_at(period.start)),
        ],
        ["Neu zugelassen im Zeitraum", len(new)],
        ["Zulassungsanträge eingegangen im Zeitraum", history.applications(period.start, period.end)],
        ["Zulassungsanträge abgelehnt im Zeitraum", history.rejected(period.start, period.end)],
        ["Zulassungsanträge offen (heute, E-Mail bestätigt)", history.pending["verified"]],
        ["Registrierungen mit unbestätigter E-Mail-Adresse (heute)", history.pending["applied"]],
        ["Kooperationspartner (heute aktiv)", active[PartnerKind.KOOPERATIONSPARTNER]],
        ["Netzwerkpartner (heute aktiv)", active[PartnerKind.NETZWERKPARTNER]],
        ["Facharbeitskreise (heute aktiv)", areas[Arbeitsbereich.Kind.FACHARBEITSKREIS]],
        ["Projekte (heute aktiv)", areas[Arbeitsbereich.Kind.PROJEKT]],
        ["Newsletter-Empfängerinnen und -Empfänger am Ende des Zeitraums", newsletter[_RECIPIENTS]],
        ["Newsletter-Ausgaben versandt im Zeitraum", newsletter[_ISSUES_SENT]],
        ["Beiträge veröffentlicht im Zeitraum", tables["beitraege"].total[-1]],
        ["Dateiabrufe im Zeitraum", tables["abrufe-bereiche"].total[-1]],
        ["Suchanfragen im Zeitraum", tables["suche"].total[-1]],
    ]
    return Table(
        slug="kennzahlen",
        title="Kennzahlen im Überblick",
        columns=["Kennzahl", "Wert"],
        rows=rows,
        notes=[
            "Zugelassen ist ein Konto ab seiner Zulassung oder Reaktivierung bis zur Ablehnung, Deaktivierung, "
            "Ruhendstellung oder Löschung; Konten, die ohne Antrag zugelassen angelegt wurden, ab ihrer Anlage.",
            "Nie bestätigte Registrierungen werden nach Ablauf der Frist gelöscht und fehlen bei den eingegangenen "
            "Anträgen.",
        ],
    )


def _account_tables(period, history, partners, at_end, new) -> list[Table]:
    end_by_partner = Counter(account.partner_id for account in at_end)
    new_by_partner = Counter(account.partner_id for account in new)

    def type_of(partner_id):
        return partners[partner_id]["type"] if partner_id in partners else None

    end_by_type = Counter(type_of(pk) for pk in end_by_partner.elements())
    new_by_type = Counter(type_of(pk) for pk in new_by_partner.elements())
    types = [(value, str(label)) for value, label in PartnerType.choices] + [(None, NO_PARTNER)]
    type_rows = suppress_columns(
        [[label, end_by_type[value], new_by_type[value]] for value, label in types], [1, 2], with_sum=True
    )
    end_label = f"zugelassen am {period.last:%d.%m.%Y}"
    by_type = Table(
        slug="behoerdentypen",
        title="Zugelassene Nutzerinnen und Nutzer nach Behördentyp",
        columns=["Behördentyp", end_label, "neu zugelassen im Zeitraum"],
        rows=type_rows,
        total=["Summe", len(at_end), len(new)],
        small_groups=True,
        notes=["Zuordnung zur Behörde nach heutigem Stand."],
        chart=Chart(
            kind="bars",
            title=f"Zugelassene Nutzerinnen und Nutzer am {period.last:%d.%m.%Y} nach Behördentyp",
            description="Balkendiagramm; die Werte stehen in der Tabelle darunter.",
            labels=[row[0] for row in type_rows],
            values=[row[1] for row in type_rows],
        ),
    )
    type_labels = dict(PartnerType.choices)
    shown = sorted(
        (row for pk, row in partners.items() if row["is_active"] or end_by_partner[pk] or new_by_partner[pk]),
        key=lambda row: row["name"].casefold(),
    )
    partner_rows = [
        [
            row["name"],
            str(type_labels.get(row["type"], row["type"])),
            end_by_partner[row["pk"]],
            new_by_partner[row["pk"]],
        ]
        for row in shown
    ] + [[NO_PARTNER, "–", end_by_partner[None], new_by_partner[None]]]
    by_partner = Table(
        slug="behoerden",
        title="Zugelassene Nutzerinnen und Nutzer nach Behörde",
        columns=["Behörde", "Behördentyp", end_label, "neu zugelassen im Zeitraum"],
        rows=suppress_columns(partner_rows, [2, 3], with_sum=True),
        total=["Summe", "", len(at_end), len(new)],
        small_groups=True,
        notes=["Alle heute aktiven Behörden und jede weitere mit zugelassenen Konten im Zeitraum."],
    )
    return [by_type, by_partner]


def _month_table(period: Period, history: AccountHistory) -> Table:
    rows = []
    for month in period.months():
        rows.append(
            [
                month_label(*month.key),
                len(history.admitted_at(month.end)),
                len(history.newly_admitted(month.start, month.end)),
                history.applications(month.start, month.end),
                history.rejected(month.start, month.end),
            ]
        )
    return Table(
        slug="verlauf",
        title="Nutzerkonten nach Monaten",
        columns=["Monat", "zugelassen am Monatsende", "neu zugelassen", "Anträge eingegangen", "Anträge abgelehnt"],
        rows=rows,
        total=[
            "Zeitraum",
            len(history.admitted_at(period.end)),
            sum(row[2] for row in rows),
            sum(row[3] for row in rows),
            sum(row[4] for row in rows),
        ],
        notes=["Ein angeschnittener Monat zählt bis zum Ende des Zeitraums."],
        chart=Chart(
            kind="columns",
            title="Zugelassene Nutzerinnen und Nutzer am Ende jedes Monats",
            description="Säulendiagramm, ein Wert je Monat; die Werte stehen in der Tabelle darunter.",
            labels=[row[0] for row in rows],
            values=[row[1] for row in rows],
        ),
    )


# --- Newsletter -------------------------------------------------------------------------------

_RECIPIENTS = "Empfängerinnen und Empfänger am Ende des Zeitraums"
_ISSUES_SENT = "Ausgaben versandt"


def _newsletter_tables(period: Period) -> list[Table]:
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
        .filter(**_in(period, "dispatch_started_at"))
        .with_delivery_counts()
        .order_by("dispatch_started_at", "number")
    )
    sent = Delivery.objects.filter(status=Delivery.Status.SENT, **_in(period, "sent_at")).count()
    summary = Table(
        slug="newsletter",
        title="Newsletter",
        columns=["Kennzahl", "Wert"],
        rows=[
            [_RECIPIENTS, recipients],
            ["Anmeldungen bestätigt im Zeitraum", confirmed],
            ["Abmeldungen im Zeitraum", unsubscribed],
            [_ISSUES_SENT, len(issues)],
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


def _area_table(period: Period) -> Table:
    areas = list(Arbeitsbereich.objects.order_by("is_archived", "kind", "name"))
    members = member_counts([area.pk for area in areas])
    granted = dict(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.AREA_GRANTED, subject__isnull=False, **_in(period, "at"))
        .values("area")
        .annotate(people=Count("subject", distinct=True))
        .values_list("area", "people")
    )
    rows = [
        [
            area.name,
            area.get_kind_display(),
            "archiviert" if area.is_archived else "aktiv",
            members.get(area.pk, 0),
            granted.get(area.audit_area, 0),
        ]
        for area in areas
    ]
    return Table(
        slug="arbeitsbereiche",
        title="Arbeitskreise und Projekte: Mitglieder",
        columns=["Arbeitsbereich", "Art", "Stand", "Mitglieder (heute)", "persönlich aufgenommen im Zeitraum"],
        rows=suppress_columns(rows, [3, 4], with_sum=False),
        small_groups=True,
        notes=[
            "Mitglieder: zugelassene Konten mit Zugang, persönlich oder über eine Gruppe.",
            "Aufnahmen laut Protokoll (Aufbewahrung "
            f"{settings.SIKO_AUDIT_RETENTION_DAYS['rights']} Tage); Zugänge über eine Gruppe zählen dort nicht.",
        ],
    )


# --- Contributions ----------------------------------------------------------------------------


def _contribution_table(period: Period) -> Table:
    counts = {
        model: dict(
            model.objects.filter(status=Status.PUBLISHED, **_in(period, "published_at"))
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


def _area_names() -> dict[str, str]:
    names = {f"fachgebiete:{slug}": name for slug, name in Fachgebiet.objects.values_list("slug", "name")}
    names.update(
        {f"facharbeitskreise:{slug}": name for slug, name in Arbeitsbereich.objects.values_list("slug", "name")}
    )
    return names


def _download_tables(period: Period) -> list[Table]:
    downloads = AuditEvent.objects.filter(kind=AuditEvent.Kind.DOWNLOAD, **_in(period, "at"))
    by_area = downloads.values("area").annotate(n=Count("pk")).values_list("area", "n")
    by_month = Counter()
    for month, n in (
        downloads.annotate(month=TruncMonth("at")).values("month").annotate(n=Count("pk")).values_list("month", "n")
    ):
        local = timezone.localtime(month) if timezone.is_aware(month) else month
        by_month[(local.year, local.month)] += n
    names = _area_names()
    named = Counter()
    for area, n in by_area:
        named[names.get(area, area or "ohne Bereich")] += n
    area_rows = [[name, n] for name, n in sorted(named.items(), key=lambda item: (-item[1], item[0].casefold()))]
    month_rows = [[month_label(*month.key), by_month[month.key]] for month in period.months()]
    days = settings.SIKO_AUDIT_RETENTION_DAYS["download"]
    notes = [f"Dateiabrufe werden {days} Tage protokolliert; ältere Zeiträume sind daher unvollständig."]
    if period.start < timezone.now() - timezone.timedelta(days=days):
        notes.insert(0, "Achtung: Der Zeitraum beginnt vor der Aufbewahrungsfrist des Protokolls.")
    total = sum(n for _, n in area_rows)
    return [
        Table(
            slug="abrufe-bereiche",
            title="Dateiabrufe nach Bereich",
            columns=["Bereich", "Dateiabrufe"],
            rows=area_rows,
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
                labels=[row[0] for row in month_rows],
                values=[row[1] for row in month_rows],
            ),
        ),
    ]


# --- Search -----------------------------------------------------------------------------------


def _search_table(period: Period) -> Table:
    days = SearchDay.objects.filter(day__gte=period.first, day__lte=period.last).values_list("day", "count")
    by_month = Counter()
    for day, count in days:
        by_month[(day.year, day.month)] += count
    rows = [[month_label(*month.key), by_month[month.key]] for month in period.months()]
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
            labels=[row[0] for row in rows],
            values=[row[1] for row in rows],
        ),
    )
