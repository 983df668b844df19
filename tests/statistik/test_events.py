"""Events and participants in the annual figures: per event, summed, and in the overview; small
groups per event as "< 5", sums exact; an event counts in the period in which it starts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from statistik.figures import statistics_for
from statistik.period import Period
from veranstaltungen.models import Event, Registration
from zielgruppen.models import Audience

from .conftest import berlin

pytestmark = pytest.mark.django_db

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))
Status = Registration.Status


def _event(title, start, status=Event.Status.PLANNED):
    return Event.objects.create(
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        venue="Essen",
        status=status,
        audience=Audience.objects.create(),
    )


def _people(event, make_user, prefix, count, status, attended=None):
    for index in range(count):
        user = make_user(f"{prefix}{index}@essen.de")
        Registration.objects.create(event=event, user=user, status=status, attended=attended)


@pytest.fixture
def events_2025(make_user):
    tagung = _event("Jahrestagung 2025", berlin(2025, 11, 20, 9))
    _people(tagung, make_user, "tagung", 6, Status.CONFIRMED, attended=True)
    _people(tagung, make_user, "tagung-fehlt", 1, Status.CONFIRMED, attended=False)
    _people(tagung, make_user, "tagung-warte", 2, Status.WAITING)
    _people(tagung, make_user, "tagung-ab", 3, Status.CANCELLED)
    zoll = _event("Fachveranstaltung Zoll", berlin(2025, 3, 4, 10))
    _people(zoll, make_user, "zoll", 3, Status.CONFIRMED, attended=True)
    abgesagt = _event("Abgesagte Fachveranstaltung", berlin(2025, 6, 1, 10), Event.Status.CANCELLED)
    _people(abgesagt, make_user, "abgesagt", 2, Status.CONFIRMED)
    # Starts at 00:30 German time on 1 January 2026 (still 2025 in UTC): next year's.
    _event("Neujahrsempfang", berlin(2026, 1, 1, 0, 30))
    return tagung, zoll, abgesagt


def test_each_event_of_the_year_with_its_people_small_groups_hidden(events_2025):
    table = statistics_for(YEAR).table("veranstaltungen")
    assert table.rows == [
        ["Fachveranstaltung Zoll", "04.03.2025", "geplant", "< 5", 0, "< 5"],
        ["Abgesagte Fachveranstaltung", "01.06.2025", "abgesagt", "< 5", 0, 0],
        # The one "< 5" of its column would be revealed by the sum: the next smallest is withheld.
        ["Jahrestagung 2025", "20.11.2025", "geplant", 7, "< 5", "x"],
    ]
    assert table.total[3:] == [12, 2, 9]


def test_the_overview_matches_the_rows(events_2025):
    in_year = Registration.objects.filter(event__in=events_2025)
    overview = dict(statistics_for(YEAR).table("kennzahlen").rows)
    assert overview["Veranstaltungen im Zeitraum (ohne abgesagte)"] == 2
    assert overview["Veranstaltungen abgesagt"] == 1
    assert overview["Anmeldungen zu Veranstaltungen"] == in_year.filter(status=Status.CONFIRMED).count() == 12
    assert (
        overview["Teilnehmende an Veranstaltungen (erfasst)"]
        == in_year.filter(attended=True).exclude(event__status=Event.Status.CANCELLED).count()
        == 9
    )


def test_a_year_without_events_has_an_empty_table_and_no_chart(db):
    table = statistics_for(YEAR).table("veranstaltungen")
    assert table.rows == [] and table.chart is None and table.total[3:] == [0, 0, 0]
