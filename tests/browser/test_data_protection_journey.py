"""Data-subject rights in a real browser, with an axe-core check on every page.

member: profile → „Meine Daten“ (password again) → printable page (print media hides the
navigation) → JSON download → „Konto löschen lassen“ → request. Geschäftsstelle: start page →
Datenschutz → request → confirm → the account is anonymised; Verzeichnis von Verarbeitungstätigkeiten.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from partner.models import User
from tests.browser.test_admission_journey import login
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def confirm_password(page) -> None:
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button").first.click()


def test_member_exports_and_asks_for_deletion_office_confirms(live_server, member, office, new_page, axe_check):
    base = live_server.url
    person = new_page()
    person.goto(f"{base}/konto/login/")
    login(person, member.email, PASSWORD)
    person.goto(f"{base}/konto/profil/")
    axe_check(person)

    # --- Meine Daten -------------------------------------------------------------------
    person.get_by_role("link", name="Meine Daten ansehen und herunterladen").click()
    confirm_password(person)
    expect(person.get_by_role("heading", level=1)).to_have_text("Meine Daten im SiKo Ruhr Portal")
    expect(person.get_by_role("table", name="Protokolleinträge zu Ihrem Konto")).to_contain_text("Sie selbst")
    expect(person.locator("main")).to_contain_text("0201 88-12345")
    axe_check(person)
    person.emulate_media(media="print")
    expect(person.locator(".portal-header")).to_be_hidden()
    expect(person.get_by_role("link", name="Meine Daten als JSON-Datei herunterladen")).to_be_hidden()
    expect(person.get_by_role("heading", name="Profil", exact=True)).to_be_visible()
    person.emulate_media(media="screen")

    with person.expect_download() as download:
        person.get_by_role("link", name="Meine Daten als JSON-Datei herunterladen").click()
    assert re.fullmatch(r"siko-ruhr-meine-daten-\d{4}-\d{2}-\d{2}\.json", download.value.suggested_filename)
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["abschnitte"]["profil"]["eintraege"][0]["email"] == member.email

    # --- Konto löschen lassen ----------------------------------------------------------
    person.goto(f"{base}/konto/profil/")
    person.get_by_role("link", name="Konto löschen lassen").click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Konto löschen lassen")
    axe_check(person)
    person.get_by_role("button", name="Löschung beantragen").click()
    expect(person.locator("main")).to_contain_text(
        "Bitte bestätigen Sie, dass Sie die Folgen der Löschung verstanden haben."
    )
    axe_check(person)
    person.get_by_label("Anmerkung (freiwillig)").fill("Ich wechsle zum Land NRW.")
    person.get_by_label(re.compile("Ich habe verstanden")).check()
    person.get_by_role("button", name="Löschung beantragen").click()
    expect(person.locator("main")).to_contain_text("Ihr Löschantrag liegt der Geschäftsstelle vor.")
    axe_check(person)

    # --- The Geschäftsstelle decides ----------------------------------------------------
    desk = new_page()
    desk.goto(f"{base}/konto/login/")
    login(desk, office.email, PASSWORD, user=office)
    expect(desk.locator("main")).to_contain_text("1 Löschantrag wartet auf Ihre Entscheidung.")
    desk.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Datenschutz").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Löschanträge")
    axe_check(desk)
    desk.get_by_role("link", name="Verzeichnis von Verarbeitungstätigkeiten").click()
    expect(desk.get_by_role("row", name=re.compile("Protokoll: Anmeldungen"))).to_contain_text("90 Tage")
    axe_check(desk)
    desk.go_back()
    desk.get_by_role("link", name="Max Muster").click()
    expect(desk.locator("main")).to_contain_text("Ich wechsle zum Land NRW.")
    axe_check(desk)
    desk.get_by_label(re.compile("Das Konto soll jetzt gelöscht werden")).check()
    desk.get_by_role("button", name="Konto jetzt löschen").click()
    expect(desk.get_by_role("status").filter(has_text="gelöscht")).to_contain_text("Das Konto wurde gelöscht")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Löschantrag: ehemaliges Mitglied")
    axe_check(desk)

    member.refresh_from_db()
    assert member.status == User.Status.ERASED
    person.goto(f"{base}/")
    expect(person).to_have_url(re.compile("/konto/login/"))
