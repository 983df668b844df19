"""Outdated Muster and Rechtstatsachen in a real browser, with axe-core on every page state.

The Redaktion of Shisha marks a checklist überholt: first without a reason (German message,
the chosen successor kept), then with reason and successor. A member then meets the warning on
the document's page, in the list and in the search, and the warning of a decision aufgehoben
with the link to its follow-up decision.
"""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from fachgebiete.models import Document, Rechtstatsache
from tests.browser.test_fachgebiete_journey import CHECKLIST_V1, _document, _published, log_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


@pytest.fixture
def outdated(shisha, member):
    old = _document(
        shisha,
        member,
        title="Prüfliste Shisha 2019",
        kind=Document.Kind.CHECKLISTE,
        files=[("Prüfliste 2019.pdf", CHECKLIST_V1)],
    )
    new = _document(
        shisha,
        member,
        title="Prüfliste Shisha 2025",
        kind=Document.Kind.CHECKLISTE,
        files=[("Prüfliste 2025.pdf", CHECKLIST_V1)],
    )
    follow_up = Rechtstatsache.objects.create(
        fachgebiet=shisha,
        court="OVG NRW",
        aktenzeichen="4 B 1310/23",
        decision_date=datetime.date(2023, 10, 17),
        headnote="Bei lebensgefährlichen Kohlenmonoxid-Werten ist die sofortige Schließung verhältnismäßig.",
        **_published(member),
    )
    first = Rechtstatsache.objects.create(
        fachgebiet=shisha,
        court="VG Gelsenkirchen",
        aktenzeichen="19 L 905/23",
        decision_date=datetime.date(2023, 7, 4),
        headnote="Eine Auflage genügt.",
        legal_status=Rechtstatsache.LegalStatus.AUFGEHOBEN,
        follow_up=follow_up,
        **_published(member),
    )
    return {"old": old, "new": new, "first": first, "follow_up": follow_up}


def test_redaktion_marks_a_checklist_ueberholt_and_members_are_warned_everywhere(
    live_server, editor, member, outdated, new_page, axe_check
):
    base = live_server.url
    old, new = outdated["old"], outdated["new"]
    page = new_page()
    log_in(page, base, editor, axe_check)
    page.goto(base + old.get_absolute_url())
    page.get_by_role("link", name="Als überholt markieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("„Prüfliste Shisha 2019“ als überholt markieren?")
    axe_check(page)
    page.get_by_label("Nachfolger").select_option(label="Prüfliste Shisha 2025")
    page.get_by_role("button", name="Als überholt markieren").click()
    expect(page.get_by_text("Bitte geben Sie an, warum das Dokument überholt ist.").first).to_be_visible()
    expect(page.get_by_label("Nachfolger")).to_have_value(str(new.pk))
    axe_check(page)
    page.get_by_label("Grund").fill("Die CO-Messung kommt jetzt zuerst.")
    page.get_by_role("button", name="Als überholt markieren").click()
    expect(page.get_by_role("alert").filter(has_text="Dieses Dokument ist überholt")).to_be_visible()
    axe_check(page)

    reader = new_page()
    log_in(reader, base, member, axe_check)
    reader.goto(base + old.get_absolute_url())
    expect(reader.get_by_role("alert").filter(has_text="Dieses Dokument ist überholt")).to_be_visible()
    expect(reader.get_by_text("Die CO-Messung kommt jetzt zuerst.")).to_be_visible()
    reader.get_by_role("link", name="Prüfliste Shisha 2025").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Prüfliste Shisha 2025")
    axe_check(reader)
    reader.goto(base + old.fachgebiet.url("document_list"))
    row = reader.get_by_role("row").filter(has_text="Prüfliste Shisha 2019")
    expect(row.get_by_text("überholt", exact=True)).to_be_visible()
    expect(row.get_by_role("link", name="Prüfliste Shisha 2025")).to_be_visible()
    axe_check(reader)
    reader.goto(base + "/suche/?q=Prüfliste+Shisha+2019")
    expect(reader.get_by_text("ÜBERHOLT – Nachfolger: Prüfliste Shisha 2025")).to_be_visible()
    axe_check(reader)

    reader.goto(base + outdated["first"].get_absolute_url())
    expect(reader.get_by_role("alert").filter(has_text="Diese Entscheidung ist aufgehoben.")).to_be_visible()
    reader.get_by_role("link", name="OVG NRW, 4 B 1310/23").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("OVG NRW, 4 B 1310/23")
    axe_check(reader)
    reader.goto(base + outdated["first"].fachgebiet.url("rechtstatsache_list"))
    expect(reader.get_by_role("row").filter(has_text="19 L 905/23").get_by_text("aufgehoben").first).to_be_visible()
    axe_check(reader)
