"""A member takes note of a Lagebild in a real browser, checked with axe-core (WCAG 2.1 A/AA):
the start page's task leads to it, one click confirms; the office then sees the figures."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lagebilder.models import Acknowledgement
from tests.browser.test_admission_journey import ANMELDEN, login
from tests.conftest import PASSWORD
from tests.lagebilder.conftest import for_kommunen  # noqa: F401 - the Lagebild of the journey

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

TITLE = "Lagebild Shisha-Bars Ruhrgebiet 2026"


def test_a_member_acknowledges_a_lagebild(live_server, member, office, for_kommunen, new_page, axe_check):  # noqa: F811
    base = live_server.url
    page = new_page()
    page.goto(f"{base}/konto/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ANMELDEN)
    login(page, member.email, PASSWORD, user=member)
    expect(page).to_have_url(f"{base}/")

    task = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Zur Kenntnisnahme"))
    expect(task).to_contain_text("wartet auf Ihre Bestätigung")
    axe_check(page)
    task.get_by_role("link", name=TITLE).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("note")).to_contain_text("VS – Nur für den Dienstgebrauch")
    axe_check(page)
    page.get_by_role("button", name="Zur Kenntnis genommen").click()
    expect(page.get_by_text("Vielen Dank. Ihre Kenntnisnahme ist am")).to_be_visible()
    expect(page.get_by_role("button", name="Zur Kenntnis genommen")).to_have_count(0)
    axe_check(page)
    assert Acknowledgement.objects.filter(lagebild=for_kommunen, user=member).count() == 1

    page.goto(f"{base}/lagebilder/")
    panel = page.get_by_role("region", name="An Sie gerichtete Lagebilder und Hinweise")
    expect(panel).to_contain_text("Sie haben alle an Sie gerichteten Lagebilder und Hinweise zur Kenntnis genommen.")
    expect(panel.get_by_role("table", name="Zuletzt zur Kenntnis genommen")).to_contain_text(TITLE)
    axe_check(page)

    desk = new_page()
    desk.goto(f"{base}/konto/login/")
    login(desk, office.email, PASSWORD, user=office)
    desk.goto(f"{base}/lagebilder/hinweise/{for_kommunen.pk}/kenntnisnahmen/")
    expect(desk.get_by_role("heading", level=1)).to_contain_text(TITLE)
    table = desk.get_by_role("table", name="Kenntnisnahmen je Behörde (Zielgruppe in ihrem heutigen Stand)")
    expect(table.get_by_role("row", name="Stadt Essen")).to_contain_text("1")
    axe_check(desk)
    desk.get_by_role("button", name="Fehlende einmalig erinnern").click()
    expect(desk.get_by_text("per E-Mail an die Kenntnisnahme erinnert")).to_be_visible()
    expect(desk.get_by_role("button", name="Fehlende einmalig erinnern")).to_have_count(0)
    axe_check(desk)

    desk.goto(f"{base}/lagebilder/hinweise/neu/")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Lagebild oder Hinweis veröffentlichen")
    axe_check(desk)
