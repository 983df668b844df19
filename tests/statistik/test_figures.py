"""The statistics page's figures against the known year 2025 (conftest): every number is the
count of the rows behind it, small groups hidden, German time for the period's bounds."""

from __future__ import annotations

from datetime import date

import pytest

from statistik.figures import statistics_for
from statistik.period import Period, last_calendar_year, presets
from statistik.tables import SUPPRESSED, WITHHELD, suppress

pytestmark = pytest.mark.django_db

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


def rows(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


@pytest.fixture
def figures(year_2025):
    return statistics_for(YEAR)


def test_the_default_period_is_the_last_calendar_year():
    assert last_calendar_year(date(2026, 1, 1)) == YEAR
    assert dict(presets(date(2026, 12, 4)))["Letztes Quartal"] == Period(date(2026, 7, 1), date(2026, 9, 30))


def test_the_overview_counts_accounts_over_the_year(figures):
    overview = {label: value for label, value in figures.table("kennzahlen").rows}
    assert overview["Zugelassene Nutzerinnen und Nutzer am 31.12.2025"] == 16
    assert overview["Zugelassene Nutzerinnen und Nutzer am Beginn (01.01.2025)"] == 8
    assert overview["Neu zugelassen im Zeitraum"] == 10
    # 10 admitted and 1 rejected in 2025, the account admitted at 00:10 in 2026, the one still waiting
    assert overview["Zulassungsanträge eingegangen im Zeitraum"] == 13
    assert overview["Zulassungsanträge abgelehnt im Zeitraum"] == 1
    assert overview["Zulassungsanträge offen (heute, E-Mail bestätigt)"] == 1
    assert overview["Kooperationspartner (heute aktiv)"] == 2
    assert overview["Netzwerkpartner (heute aktiv)"] == 1
    assert overview["Facharbeitskreise (heute aktiv)"] == 1
    assert overview["Projekte (heute aktiv)"] == 1
    assert overview["Newsletter-Empfängerinnen und -Empfänger am Ende des Zeitraums"] == 2
    assert overview["Newsletter-Ausgaben versandt im Zeitraum"] == 1
    assert overview["Beiträge veröffentlicht im Zeitraum"] == 4
    assert overview["Dateiabrufe im Zeitraum"] == 4
    assert overview["Suchanfragen im Zeitraum"] == 6


def test_by_authority_type_hides_small_groups_and_the_one_the_sum_would_reveal(figures):
    table = figures.table("behoerdentypen")
    by_type = rows(table)
    # End of 2025: Essen 9, LKA 3, Zoll 4 (one deactivated); new: Essen 7, LKA 3.
    assert by_type["Kommune"] == [9, WITHHELD]
    assert by_type["Landespolizei"] == [SUPPRESSED, SUPPRESSED]
    assert by_type["Zoll"] == [SUPPRESSED, 0]
    assert by_type["Justiz"] == [0, 0]
    assert table.total == ["Summe", 16, 10]
    chart = dict(zip(table.chart.labels, table.chart.values, strict=True))
    assert chart["Kommune"] == 9 and chart["Zoll"] == SUPPRESSED


def test_by_authority_lists_each_partner(figures):
    by_partner = rows(figures.table("behoerden"))
    assert by_partner["Stadt Essen"] == ["Kommune", 9, WITHHELD]
    assert by_partner["Landeskriminalamt NRW"] == ["Landespolizei", SUPPRESSED, SUPPRESSED]
    assert by_partner["Hauptzollamt Dortmund"] == ["Zoll", SUPPRESSED, 0]
    assert by_partner["ohne Behörde im Verzeichnis"] == ["–", 0, 0]


def test_the_months_follow_german_time(figures):
    months = rows(figures.table("verlauf"))
    assert len(months) == 12
    assert months["Jan 2025"] == [8, 0, 0, 0]
    assert months["Jun 2025"] == [12, 1, 0, 0]  # the LKA's second comes, the Zoll leaver goes
    assert months["Sep 2025"] == [14, 1, 2, 0]  # an Essen account comes, the erased one goes
    assert months["Okt 2025"] == [14, 0, 0, 1]
    assert months["Dez 2025"] == [16, 1, 2, 0]  # 23:30 on 31 Dec counts, 00:10 on 1 Jan does not
    downloads = rows(figures.table("abrufe-monate"))
    assert downloads["Jun 2025"] == [1] and downloads["Jul 2025"] == [1]


def test_a_single_day_at_the_turn_of_the_year(year_2025):
    new_year = statistics_for(Period(date(2026, 1, 1), date(2026, 1, 1)))
    assert dict(new_year.table("kennzahlen").rows)["Neu zugelassen im Zeitraum"] == 1
    assert new_year.table("suche").total == ["Summe", 7]
    old_year = statistics_for(Period(date(2025, 12, 31), date(2025, 12, 31)))
    assert dict(old_year.table("kennzahlen").rows)["Neu zugelassen im Zeitraum"] == 1
    assert rows(old_year.table("beitraege"))["Shisha"] == [1, 0, 0, 1]


def test_newsletter(figures):
    assert rows(figures.table("newsletter")) == {
        "Empfängerinnen und Empfänger am Ende des Zeitraums": [2],
        "Anmeldungen bestätigt im Zeitraum": [1],
        "Abmeldungen im Zeitraum": [1],
        "Ausgaben versandt": [1],
        "E-Mails zugestellt im Zeitraum": [2],
    }
    assert figures.table("newsletter-ausgaben").rows == [[2, "Ausgabe 1/2025", "02.04.2025", 3, 2, 1]]


def test_arbeitskreise_show_members_with_small_groups_hidden(figures):
    arbeitskreise = rows(figures.table("arbeitskreise"))
    assert arbeitskreise["FAK Rotlicht"] == ["Facharbeitskreis", "aktiv", 6, 0]
    assert arbeitskreise["Projekt Nordlicht"] == ["Projekt", "aktiv", SUPPRESSED, 0]


def test_contributions_per_fachgebiet_and_section(figures):
    table = figures.table("beitraege")
    by_arbeitskreis = rows(table)
    assert by_arbeitskreis["Shisha"] == [2, 0, 1, 3] and by_arbeitskreis["Lagebilder"] == [1, 0, "–", 1]
    assert by_arbeitskreis["Prävention"] == [0, 0, "–", 0]
    assert table.total == ["Summe", 3, 0, 1, 4]


def test_downloads_by_arbeitskreis(figures):
    table = figures.table("abrufe-bereiche")
    assert table.rows == [["Shisha", 3], ["FAK Rotlicht", 1]]
    assert table.total == ["Summe", 4]


def test_searches_by_month(figures):
    searches = rows(figures.table("suche"))
    assert searches["Jan 2025"] == [5] and searches["Dez 2025"] == [1] and searches["Feb 2025"] == [0]


@pytest.mark.parametrize(
    ("counts", "with_sum", "shown"),
    [
        ([9, 3, 4, 0], True, [9, SUPPRESSED, SUPPRESSED, 0]),
        ([7, 3, 0], True, [WITHHELD, SUPPRESSED, 0]),
        ([7, 3, 12], True, [WITHHELD, SUPPRESSED, 12]),
        ([7, 3, 12], False, [7, SUPPRESSED, 12]),
        ([4], True, [SUPPRESSED]),
        ([5, 0], True, [5, 0]),
    ],
)
def test_the_small_group_rule(counts, with_sum, shown):
    assert suppress(counts, with_sum=with_sum) == shown
