"""The office's statistics page in a real browser, checked with axe-core (WCAG 2.1 A/AA):
the Geschäftsstelle opens it from the administration bar, picks a period, downloads a table."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.browser.test_admission_journey import ANMELDEN, login
from tests.conftest import PASSWORD
from tests.statistik.conftest import admit, year_2025, zoll  # noqa: F401 - the known year's fixtures

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def test_office_reads_the_figures_and_downloads_a_table(live_server, office, year_2025, page, axe_check):  # noqa: F811
    base = live_server.url
    page.goto(f"{base}/konto/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ANMELDEN)
    login(page, office.email, PASSWORD, user=office)
    expect(page).to_have_url(f"{base}/")

    page.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Statistik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistik für den Jahresbericht")
    expect(page.get_by_role("status")).to_contain_text("01.01.2025 bis 31.12.2025")
    chart = page.get_by_role("img", name="Zugelassene Nutzerinnen und Nutzer am 31.12.2025 nach Behördentyp")
    expect(chart).to_be_visible()
    types = page.get_by_role(
        "table", name="Zugelassene Nutzerinnen und Nutzer nach Behördentyp, 01.01.2025 bis 31.12.2025"
    )
    expect(types.get_by_role("row", name="Landespolizei")).to_contain_text("< 5")
    axe_check(page)

    page.get_by_label("von").fill("2025-12-31")
    page.get_by_label("bis (einschließlich)").fill("2026-01-01")
    page.get_by_role("button", name="Zeitraum anzeigen").click()
    expect(page.get_by_role("status")).to_contain_text("31.12.2025 bis 01.01.2026")
    axe_check(page)

    page.get_by_role("link", name="Vorjahr 2025").click()
    expect(page.get_by_role("status")).to_contain_text("01.01.2025 bis 31.12.2025")
    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name="Veröffentlichte Beiträge nach Fachgebiet und Rubrik als CSV herunterladen"
        ).click()
    download = download_info.value
    assert download.suggested_filename == "statistik-beitraege-2025-01-01_2025-12-31.csv"
    text = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Shisha", "2", "0", "1", "3"] in rows
