"""The global search in a real browser, with an axe-core check on every page state.

- A member types a question into the box in the page header, gets ranked hits with marked
  words, narrows them with a facet and removes the filter again; an Aktenzeichen finds its
  record as "exakter Treffer"; a too long query keeps the typed text and says why.
- A closed area's member finds its document; an outsider typing the same word sees nothing of it.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from facharbeitskreise.models import Arbeitskreis, ArbeitskreisDocument
from facharbeitskreise.models.base import Role
from facharbeitskreise.services import role_grant
from fachgebiete.models import Article, Fachgebiet, Rechtstatsache, Status
from tests.browser.test_admission_journey import ANMELDEN, login
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

SECRET = "Wolkenkuckucksheim"


@pytest.fixture
def content(db, member, make_user):
    now = timezone.now()
    gluecksspiel = Fachgebiet.objects.create(name="Glücksspiel", slug="gluecksspiel", position=1)
    shisha = Fachgebiet.objects.create(name="Shisha", slug="shisha", position=2)
    published = {"author": member, "status": Status.PUBLISHED, "submitted_at": now, "published_at": now}
    Article.objects.create(
        fachgebiet=gluecksspiel,
        kind=Article.Kind.ERFAHRUNGSBERICHT,
        title="Kontrollen in Spielhallen: Erfahrungen aus Gelsenkirchen",
        summary="Wie das Abstandsgebot vor Ort geprüft wird.",
        body="Die Spielhalle wurde gemeinsam mit der Polizei kontrolliert.",
        **published,
    )
    Article.objects.create(
        fachgebiet=shisha,
        kind=Article.Kind.GOOD_PRACTICE,
        title="Spielhallen und Shisha-Bars im selben Gebäude",
        summary="Abgestimmte Kontrollen zweier Ämter.",
        body="Zuständigkeiten klären.",
        **published,
    )
    Rechtstatsache.objects.create(
        fachgebiet=gluecksspiel,
        court="OVG NRW (Beispiel)",
        decision_date=datetime.date(2021, 6, 14),
        aktenzeichen="4 B 1234/21",
        norms="§ 33i GewO",
        headnote="Das Abstandsgebot zwischen Spielhallen ist verhältnismäßig.",
        **published,
    )
    arbeitskreis = Arbeitskreis.objects.create(name="Projekt Nordlicht", slug="nordlicht", is_confidential=True)
    lead = make_user("lea.leitung@essen.de", second_factor=True)
    role_grant(arbeitskreis=arbeitskreis, user=lead, role=Role.LEITUNG, actor=lead)
    role_grant(arbeitskreis=arbeitskreis, user=member, role=Role.MITGLIED, actor=lead)
    ArbeitskreisDocument.objects.create(
        arbeitskreis=arbeitskreis, title=f"Lagebild {SECRET}", description="Nur für den Projektkreis."
    )


def log_in(page, base: str, user) -> None:
    page.goto(f"{base}/konto/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ANMELDEN)
    login(page, user.email, PASSWORD, user=user)
    expect(page).to_have_url(f"{base}/")


def header_search(page, text: str) -> None:
    box = page.get_by_role("search", name="Portal durchsuchen").get_by_role("searchbox", name="Suchbegriff")
    box.fill(text)
    box.press("Enter")


def test_member_searches_narrows_and_finds_an_aktenzeichen(live_server, member, content, page, axe_check):
    base = live_server.url
    log_in(page, base, member)

    header_search(page, "Spielhallen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Suche")
    expect(page.get_by_role("status")).to_contain_text("3 Treffer für „Spielhallen“")
    first = page.locator(".portal-search-hit").first
    expect(first.locator("mark").first).to_be_visible()
    axe_check(page)

    facets = page.get_by_role("navigation", name="Treffer eingrenzen")
    facets.get_by_role("link", name="Rechtstatsachen").click()
    expect(page.get_by_role("status")).to_contain_text("1 Treffer")
    expect(page.get_by_role("list", name="Gewählte Filter")).to_contain_text("Typ: Rechtstatsachen")
    axe_check(page)
    page.get_by_role("link", name="Alle Filter entfernen").click()
    expect(page.get_by_role("status")).to_contain_text("3 Treffer")

    header_search(page, "4 B 1234/21")
    hit = page.locator(".portal-search-hit").first
    expect(hit).to_contain_text("exakter Treffer")
    hit.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("OVG NRW")

    page.goto(f"{base}/suche/?q=" + "Spielhalle%20" * 45)
    expect(page.get_by_text("Bitte geben Sie höchstens 200 Zeichen ein")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Suchbegriff").last).to_have_value("Spielhalle " * 45)
    axe_check(page)

    header_search(page, SECRET)
    expect(page.get_by_role("status")).to_contain_text("1 Treffer")
    axe_check(page)


def test_an_outsider_sees_nothing_of_a_closed_arbeitskreis(live_server, outsider, content, page, axe_check):
    base = live_server.url
    log_in(page, base, outsider)
    header_search(page, SECRET)
    expect(page.get_by_role("status")).to_contain_text(f"Keine Treffer für „{SECRET}“")
    expect(page.locator(".portal-search-hit")).to_have_count(0)
    expect(page.get_by_text("Nordlicht")).to_have_count(0)
    axe_check(page)
