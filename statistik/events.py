"""Events (Veranstaltungen) of a period and their participants, for the annual report.

An event belongs to the period in which it starts. Registrations count the people registered when
the figures are read (a cancelled registration does not count; the waiting list is its own column),
participants those whose attendance the office recorded. Per event these are counts of people in a
small group, so 1 to 4 appear as "< 5"; the sums are exact. Cancelled events are listed (they were
announced) but their people are not counted as participants.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from veranstaltungen.models import Event, Registration

from .period import Period
from .tables import Chart, Table, suppress_columns

EVENTS = "Veranstaltungen im Zeitraum (ohne abgesagte)"
CANCELLED = "Veranstaltungen abgesagt"
REGISTERED = "Anmeldungen zu Veranstaltungen"
PARTICIPANTS = "Teilnehmende an Veranstaltungen (erfasst)"

Status = Registration.Status


def event_table(period: Period) -> Table:
    events = list(
        Event.objects.filter(**period.between("starts_at"))
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
            attended=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("starts_at", "pk")
    )
    held = [event for event in events if event.status != Event.Status.CANCELLED]
    rows = [
        [
            event.title,
            f"{timezone.localtime(event.starts_at):%d.%m.%Y}",
            event.get_status_display(),
            event.registered,
            event.waiting,
            event.attended if event.status != Event.Status.CANCELLED else 0,
        ]
        for event in events
    ]
    shown = suppress_columns(rows, [3, 4, 5], with_sum=True)
    return Table(
        slug="veranstaltungen",
        title="Veranstaltungen und Teilnehmende",
        columns=["Veranstaltung", "Beginn", "Status", "Anmeldungen", "Warteliste", "Teilnehmende (erfasst)"],
        rows=shown,
        total=[
            f"Summe ({len(held)} durchgeführt oder geplant, {len(events) - len(held)} abgesagt)",
            "",
            "",
            sum(event.registered for event in events),
            sum(event.waiting for event in events),
            sum(event.attended for event in held),
        ],
        small_groups=True,
        notes=[
            "Eine Veranstaltung zählt in dem Zeitraum, in dem sie beginnt.",
            "Anmeldungen und Warteliste nach heutigem Stand; Abmeldungen zählen nicht. Teilnehmende: von der "
            "Geschäftsstelle als anwesend erfasst.",
        ],
        chart=Chart(
            kind="bars",
            title="Anmeldungen je Veranstaltung",
            description="Balkendiagramm; die Werte stehen in der Tabelle darunter.",
            labels=[row[0] for row in shown],
            values=[row[3] for row in shown],
        )
        if events
        else None,
    )


def overview_rows(table: Table) -> list[list]:
    """The Kennzahlen lines of the events (from the table, so both always agree)."""
    cancelled = sum(1 for row in table.rows if row[2] == str(Event.Status.CANCELLED.label))
    return [
        [EVENTS, len(table.rows) - cancelled],
        [CANCELLED, cancelled],
        [REGISTERED, table.total[3]],
        [PARTICIPANTS, table.total[5]],
    ]
