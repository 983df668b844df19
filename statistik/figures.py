"""The statistics of a period, table by table: what the page shows and each CSV repeats.

Every figure is an aggregate read with a fixed number of queries, whatever the data size
(accounts and decisions are read once and counted in Python; everything else is counted by
the database).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from facharbeitskreise.models import Arbeitskreis
from partner.models import Partner, PartnerKind, PartnerType, User

from . import activity, events
from .accounts import AccountHistory
from .period import Period
from .tables import Chart, Table, suppress_columns

NO_PARTNER = "ohne Behörde im Verzeichnis"


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
        *_account_tables(period, partners, at_end, new),
        _month_table(period, history),
        *activity.newsletter_tables(period),
        activity.arbeitskreis_table(period),
        activity.contribution_table(period),
        *activity.download_tables(period),
        activity.search_table(period),
        events.event_table(period),
    ]
    overview = _overview(period, history, partners, at_end, new, {table.slug: table for table in tables})
    return Statistics(period=period, tables=[overview, *tables])


# --- Accounts ---------------------------------------------------------------------------------


def _overview(period, history, partners, at_end, new, tables) -> Table:
    active = Counter(row["kind"] for row in partners.values() if row["is_active"])
    arbeitskreise = Counter(Arbeitskreis.objects.active().values_list("kind", flat=True))
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
        ["Zulassungsanträge offen (heute, E-Mail bestätigt)", history.pending[User.Status.VERIFIED]],
        ["Registrierungen mit unbestätigter E-Mail-Adresse (heute)", history.pending[User.Status.APPLIED]],
        ["Kooperationspartner (heute aktiv)", active[PartnerKind.KOOPERATIONSPARTNER]],
        ["Netzwerkpartner (heute aktiv)", active[PartnerKind.NETZWERKPARTNER]],
        ["Facharbeitskreise (heute aktiv)", arbeitskreise[Arbeitskreis.Kind.FACHARBEITSKREIS]],
        ["Projekte (heute aktiv)", arbeitskreise[Arbeitskreis.Kind.PROJEKT]],
        ["Newsletter-Empfängerinnen und -Empfänger am Ende des Zeitraums", newsletter[activity.RECIPIENTS]],
        ["Newsletter-Ausgaben versandt im Zeitraum", newsletter[activity.ISSUES_SENT]],
        ["Beiträge veröffentlicht im Zeitraum", tables["beitraege"].total[-1]],
        ["Dateiabrufe im Zeitraum", tables["abrufe-bereiche"].total[-1]],
        ["Suchanfragen im Zeitraum", tables["suche"].total[-1]],
        *events.overview_rows(tables["veranstaltungen"]),
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


def _account_tables(period, partners, at_end, new) -> list[Table]:
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
                month.label,
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
            labels=[month.short_label for month in period.months()],
            values=[row[1] for row in rows],
        ),
    )
