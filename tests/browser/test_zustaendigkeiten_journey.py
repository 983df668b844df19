"""„Wer ist zuständig?“ in a real browser, with an axe-core check on every page:

- a member looks for the person responsible for Shisha in Duisburg at the customs, once from the
  Fachgebiet page's box and once through the global search, and lands on Zora Zöllner's entry;
- Zora, whose entry nobody confirmed for more than a year, sees it flagged and confirms it with
  one click; a colleague of another authority sees no button.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partner.models import Partner, PartnerKind, PartnerType
from tests.browser.test_search_journey import header_search, log_in
from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.regions import Region

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


@pytest.fixture
def zora(make_user, shisha, member):
    zoll = Partner.objects.create(
        name="Hauptzollamt Duisburg",
        slug="hza-duisburg",
        kind=PartnerKind.KOOPERATIONSPARTNER,
        type=PartnerType.ZOLL,
        city="Duisburg",
    )
    person = make_user(
        "zora.zoellner@zoll.bund.de", partner=zoll, first_name="Zora", last_name="Zöllner", phone="0203 7391-220"
    )
    Zustaendigkeit.objects.create(
        fachgebiet=shisha,
        region=Region.DUISBURG,
        partner=zoll,
        person=person,
        unit="Kontrolleinheit Verkehrswege",
        phone=person.phone,
        confirmed_at=timezone.now() - datetime.timedelta(days=400),
    )
    Zustaendigkeit.objects.create(fachgebiet=shisha, region=Region.ESSEN, partner=member.partner, person=member)
    return person


def test_member_finds_who_is_responsible_for_shisha_in_duisburg(live_server, member, zora, shisha, page, axe_check):
    base = live_server.url
    log_in(page, base, member)

    page.goto(f"{base}{shisha.get_absolute_url()}")
    box = page.get_by_role("search", name="Zuständige für Shisha finden")
    box.get_by_label("Stadt / Kreis").select_option(label="Duisburg")
    box.get_by_label("Behördentyp").select_option(label="Zoll")
    axe_check(page)
    box.get_by_role("button", name="Zuständige finden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wer ist zuständig?")
    expect(page.get_by_role("status").first).to_have_text("1 Eintrag")
    row = page.get_by_role("row", name="Zora Zöllner")
    expect(row).to_contain_text("0203 7391-220")
    expect(row).to_contain_text("Seit über 12 Monaten nicht bestätigt")
    expect(row.get_by_role("button", name="Angaben bestätigen")).to_have_count(0)  # not hers to confirm
    axe_check(page)

    header_search(page, "Shisha Duisburg Zoll")
    first = page.locator(".portal-search-hit").first
    expect(first).to_contain_text("Zora Zöllner")
    first.get_by_role("link").first.click()
    expect(page.get_by_role("row", name="Zora Zöllner")).to_be_visible()
    axe_check(page)


def test_the_owner_confirms_her_entry_with_one_click(live_server, zora, page, axe_check):
    base = live_server.url
    log_in(page, base, zora)
    page.goto(f"{base}/zustaendigkeiten/?meine=on")
    row = page.get_by_role("row", name="Zora Zöllner")
    expect(row).to_contain_text("Seit über 12 Monaten nicht bestätigt")
    axe_check(page)
    row.get_by_role("button", name="Angaben bestätigen").click()
    expect(page.get_by_text("sind bestätigt")).to_be_visible()
    expect(page.get_by_role("row", name="Zora Zöllner")).not_to_contain_text("nicht bestätigt")
    expect(page.get_by_role("row", name="Zora Zöllner")).to_contain_text(timezone.localdate().strftime("%d.%m.%Y"))
    axe_check(page)

    page.get_by_role("link", name="Bearbeiten").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zuständigkeit bearbeiten")
    axe_check(page)
