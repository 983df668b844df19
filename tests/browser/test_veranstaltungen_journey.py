"""Events in a real browser, checked with axe-core (WCAG 2.1 A/AA): a member finds an event in the
main navigation, registers with a note, sees it in the list, and cancels again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_admission_journey import ANMELDEN, login
from tests.conftest import PASSWORD
from veranstaltungen.models import Event, Registration
from zielgruppen.models import Audience

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

TITLE = "Jahrestagung der Sicherheitskooperation Ruhr"


@pytest.fixture
def event(db) -> Event:
    start = timezone.localtime(timezone.now() + timedelta(days=20)).replace(hour=9, minute=30, second=0, microsecond=0)
    return Event.objects.create(
        title=TITLE,
        description="**Programm**: Lagebild, Foren, Ergebnisse",
        starts_at=start,
        ends_at=start + timedelta(days=1, hours=7),
        venue="Zeche Zollverein, Halle 12, Essen",
        capacity=100,
        audience=Audience.objects.create(),
    )


def test_member_registers_for_an_event_sees_it_in_the_list_and_cancels(live_server, member, event, page, axe_check):
    base = live_server.url
    page.goto(f"{base}/konto/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ANMELDEN)
    login(page, member.email, PASSWORD, user=member)
    expect(page).to_have_url(f"{base}/")
    expect(page.get_by_role("region", name="Nächste Veranstaltungen")).to_contain_text(TITLE)

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Veranstaltungen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltungen")
    row = page.get_by_role("table", name="Anstehende Veranstaltungen").get_by_role("row", name=TITLE)
    expect(row).to_contain_text("nicht angemeldet")
    axe_check(page)

    row.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    axe_check(page)
    page.get_by_label("Hinweis an die Organisation (optional)").fill("vegetarisch, Rollstuhlplatz")
    page.get_by_role("button", name="Jetzt anmelden").click()
    expect(page.get_by_text("Sie sind angemeldet (Ihr Hinweis: „vegetarisch, Rollstuhlplatz“).")).to_be_visible()
    expect(page.get_by_role("link", name="In den Kalender übernehmen (.ics)")).to_be_visible()
    axe_check(page)
    assert Registration.objects.get(event=event, user=member).status == Registration.Status.CONFIRMED

    page.get_by_role("link", name="Zurück zu den Veranstaltungen").click()
    row = page.get_by_role("table", name="Anstehende Veranstaltungen").get_by_role("row", name=TITLE)
    expect(row).to_contain_text("angemeldet")
    expect(row).not_to_contain_text("nicht angemeldet")

    row.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Von der Veranstaltung abmelden").click()
    expect(page.get_by_text("Sie sind von der Veranstaltung abgemeldet.")).to_be_visible()
    expect(page.get_by_role("button", name="Jetzt anmelden")).to_be_visible()
    axe_check(page)
    assert Registration.objects.get(event=event, user=member).status == Registration.Status.CANCELLED
