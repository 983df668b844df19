"""Every demo role walks the portal in Chromium, at desktop width and on a 390 px phone.

The world is the demo itself (`manage.py load_demo`): what a new user sees after `make demo`.
Each role logs in once and visits, at both widths, the start page, a Fachgebiet, a list, a
detail page, the search, an area (their own, or the overview when they belong to none) and
the profile; axe-core finds no WCAG 2.1 A/AA violation on any of them. On a phone the main
menu folds behind a "Menü" button (a disclosure with aria-expanded) and a wide table scrolls
inside its own focusable, labelled box.

The Geschäftsstelle's admin pages are German and pass axe too.

On failure pytest-playwright keeps a full-page screenshot of every open page under
test-results/ (see addopts in pyproject.toml), which CI keeps as an artefact.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from demo import data as demo_data
from partner.models import User
from tests.browser.test_admission_journey import login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

ROLES = [
    "nutzer@essen.de",
    "ak-mitglied@polizei.nrw.de",
    "ak-leitung@dortmund.de",
    "redaktion@hagen.de",
    demo_data.OFFICE_EMAIL,
]


@pytest.fixture
def demo(settings):
    settings.SIKO_DEMO_MODE = True
    call_command("load_demo", stdout=StringIO())


def visit(page, axe_check, url: str, heading: str | re.Pattern | None = None) -> None:
    page.goto(url)
    if heading is not None:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    axe_check(page)


def check_phone_menu(page) -> None:
    """Folded: the header takes a small part of the screen; the button opens and closes the menu."""
    toggle = page.get_by_role("button", name="Menü")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav).to_be_hidden()
    header_height = page.locator("header").bounding_box()["height"]
    assert header_height < 150, header_height
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Fachgebiete")).to_be_visible()
    expect(page.get_by_role("search")).to_be_visible()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(nav).to_be_hidden()


def check_no_sideways_scroll(page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"Die Seite {page.url} ist {overflow} px breiter als das Telefon"


def walk(page, axe_check, base: str, *, phone: bool) -> None:
    visit(page, axe_check, f"{base}/", re.compile(r"^Willkommen"))
    expect(page.get_by_role("heading", name="Nächste Sitzungen")).to_be_visible()
    expect(page.get_by_role("heading", name="Aktueller Newsletter")).to_be_visible()
    if phone:
        check_phone_menu(page)
        check_no_sideways_scroll(page)
    else:
        expect(page.get_by_role("button", name="Menü")).to_be_hidden()
        expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_visible()

    visit(page, axe_check, f"{base}/fachgebiete/shisha/", "Shisha")
    visit(page, axe_check, f"{base}/fachgebiete/shisha/rechtstatsachen/")
    table = page.locator(".kern-table-responsive").first
    if phone:
        # The table is wider than the phone: its box scrolls, is focusable and says what it holds.
        expect(table).to_have_attribute("role", "region")
        expect(table).to_have_attribute("tabindex", "0")
        expect(table).to_have_attribute("aria-label", re.compile(r"\(seitlich scrollbar\)$"))
        check_no_sideways_scroll(page)
    table.locator("tbody a").first.click()
    page.wait_for_load_state("load")
    axe_check(page)

    visit(page, axe_check, f"{base}/suche/?q=Shisha", "Suche")
    expect(page.locator(".portal-search-hit").first).to_be_visible()

    page.goto(f"{base}/")
    own_arbeitskreise = page.locator("section[aria-labelledby='bereiche-heading'] a")
    if own_arbeitskreise.count():
        own_arbeitskreise.first.click()
        page.wait_for_load_state("load")
        axe_check(page)
    else:
        visit(page, axe_check, f"{base}/arbeitskreise/", "Arbeitskreise & Projekte")

    visit(page, axe_check, f"{base}/konto/profil/")
    if phone:
        check_no_sideways_scroll(page)


@pytest.mark.parametrize("email", ROLES)
def test_every_demo_role_walks_the_portal_on_desktop_and_phone(live_server, demo, new_page, axe_check, email):
    page = new_page()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/konto/login/")
    login(page, email, demo_data.DEMO_PASSWORD, user=User.objects.get(email=email))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Willkommen"))
    walk(page, axe_check, live_server.url, phone=False)
    page.set_viewport_size(PHONE)
    walk(page, axe_check, live_server.url, phone=True)


def test_the_waiting_applicant_sees_a_clear_page_on_a_phone(live_server, demo, new_page, axe_check):
    page = new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/konto/login/")
    axe_check(page)
    check_no_sideways_scroll(page)
    login(page, "antrag@gelsenkirchen.de", demo_data.DEMO_PASSWORD)
    expect(page.locator("main")).to_contain_text("Geschäftsstelle")
    axe_check(page)
    check_no_sideways_scroll(page)


# Words of Django's English admin that must not show in the German one.
ENGLISH = re.compile(r"\b(Add|Save|Search|Delete|Change|Home|Log out|View site|Filter|Show all|Action|Go)\b")


def check_admin_page(page, axe_check, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, (url, response.status)
    assert page.locator("html").get_attribute("lang").startswith("de")
    visible = page.locator("body").inner_text()
    english = ENGLISH.search(visible)
    assert english is None, (url, english and english.group(0))
    axe_check(page)


def test_the_offices_admin_pages_are_german_and_accessible(live_server, demo, new_page, axe_check):
    """Every admin page the Geschäftsstelle reaches from the admin index: each list, its add
    form and the first record's change form."""
    office = User.objects.get(email=demo_data.OFFICE_EMAIL)
    page = new_page()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/konto/login/")
    login(page, office.email, demo_data.DEMO_PASSWORD, user=office)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Willkommen"))
    check_admin_page(page, axe_check, f"{live_server.url}/admin/")
    links = page.locator("#content-main a").evaluate_all("links => links.map(a => a.href)")
    changelists = sorted({link for link in links if not link.endswith("/add/")})
    assert len(changelists) >= 4, changelists
    for url in links:
        check_admin_page(page, axe_check, url)
        if url in changelists:
            first = page.locator("#result_list tbody a").first
            if first.count():
                check_admin_page(page, axe_check, first.evaluate("a => a.href"))
