"""Contributing to a Fachgebiet in a real browser, with an axe-core check on every page state.

A member contributes a document: a rejected file first (German message, focused error summary,
typed text kept), then a real PDF; the Redaktion of Shisha returns it with a comment, the member
revises and resubmits, the Redaktion publishes it; the member follows the Fachgebiet.

Data is created directly in the database (committed rows: `transactional_db` via
`live_server`); uploads land in the temporary MEDIA_ROOT of `tests/conftest.py`.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from benachrichtigungen.models import Subscription
from devtools.generate import pdf_bytes
from fachgebiete.models import Document, Status
from tests.browser.test_fachgebiete_journey import log_in, status_message
from tests.dokumente import sample_tables

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def fill_document_form(page, *, title: str, description: str, file_name: str, content: bytes) -> None:
    page.get_by_label("Art", exact=True).select_option(label="Checkliste")
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Beschreibung").fill(description)
    page.get_by_label("Datei", exact=True).set_input_files(
        files=[{"name": file_name, "mimeType": "application/pdf", "buffer": content}]
    )


def test_member_contributes_a_document_and_the_redaktion_returns_and_publishes_it(
    live_server, member, editor, shisha, new_page, axe_check
):
    base = live_server.url
    title = "Checkliste Nichtraucherschutz in Shisha-Bars"
    description = "Prüfpunkte zum Nichtraucherschutzgesetz NRW, erprobt in Essen."
    member_page = new_page()
    log_in(member_page, base, member, axe_check)

    # --- The submission form: a rejected file first -------------------------------------------------
    member_page.goto(f"{base}/fachgebiete/shisha/")
    member_page.get_by_role("link", name="Muster & Arbeitshilfen einreichen").click()
    expect(member_page).to_have_url(f"{base}/fachgebiete/shisha/beitrag/muster/")
    expect(member_page.get_by_role("heading", level=1)).to_have_text("Muster oder Arbeitshilfe einreichen")
    axe_check(member_page)

    exe_name, exe_bytes, _code = sample_tables.REJECTED["exe-renamed-pdf"]
    fill_document_form(member_page, title=title, description=description, file_name=exe_name, content=exe_bytes())
    member_page.get_by_role("button", name="Einreichen").click()

    summary = member_page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    error_link = summary.get_by_role("link", name=re.compile("^Datei: "))
    expect(error_link).to_contain_text("Programme und Skripte werden aus Sicherheitsgründen nicht angenommen")
    # What was typed is still there (a browser never keeps a chosen file).
    expect(member_page.get_by_label("Titel")).to_have_value(title)
    expect(member_page.get_by_label("Beschreibung")).to_have_value(description)
    expect(member_page.get_by_label("Art", exact=True)).to_have_value("checkliste")
    axe_check(member_page)
    assert not Document.objects.exists()

    # The summary's link leads to the file field.
    error_link.click()
    expect(member_page.get_by_label("Datei", exact=True)).to_be_focused()

    # An HTML page is refused as well, with its own message.
    html_name, html_bytes, _code = sample_tables.REJECTED["html"]
    member_page.get_by_label("Datei", exact=True).set_input_files(
        files=[{"name": html_name, "mimeType": "text/html", "buffer": html_bytes()}]
    )
    member_page.get_by_role("button", name="Einreichen").click()
    expect(member_page.locator("[data-error-summary]")).to_contain_text("HTML-Dateien werden aus Sicherheitsgründen")
    expect(member_page.get_by_label("Titel")).to_have_value(title)
    axe_check(member_page)
    assert not Document.objects.exists()

    # --- … then a real PDF --------------------------------------------------------------------------
    member_page.get_by_label("Datei", exact=True).set_input_files(
        files=[
            {
                "name": "Checkliste Nichtraucherschutz.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf_bytes("Checkliste", ["Rauchverbot, Kennzeichnung, Belüftung."]),
            }
        ]
    )
    member_page.get_by_role("button", name="Einreichen").click()

    document = Document.objects.get()
    # The browser keeps the fragment of the error link (#id_file) across the redirect.
    expect(member_page).to_have_url(re.compile(rf"^{re.escape(base)}/fachgebiete/shisha/muster/{document.pk}/(#.*)?$"))
    expect(status_message(member_page, "Vielen Dank")).to_contain_text(
        "Ihr Beitrag wurde eingereicht und wird von der Redaktion geprüft."
    )
    expect(status_message(member_page, "Status:")).to_contain_text("Status: eingereicht")
    axe_check(member_page)
    assert document.status == Status.SUBMITTED and document.author == member
    assert document.versions.count() == 1

    member_page.goto(f"{base}/fachgebiete/meine-beitraege/")
    row = member_page.get_by_role("row", name=re.compile(title))
    expect(row).to_contain_text("Shisha")
    expect(row.get_by_role("cell", name="eingereicht", exact=True)).to_be_visible()
    axe_check(member_page)

    # --- The Redaktion returns it with a comment ---------------------------------------------------
    editor_page = new_page()
    log_in(editor_page, base, editor, axe_check)
    editor_page.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Redaktion").click()
    expect(editor_page).to_have_url(f"{base}/fachgebiete/redaktion/")
    axe_check(editor_page)
    editor_page.get_by_role("link", name=title).click()

    expect(editor_page).to_have_url(f"{base}/fachgebiete/shisha/redaktion/muster/{document.pk}/")
    expect(editor_page.get_by_role("heading", level=1)).to_have_text(title)
    axe_check(editor_page)

    # Returning needs a comment: the error state first.
    editor_page.get_by_role("button", name="Zur Überarbeitung zurückgeben").click()
    summary = editor_page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    axe_check(editor_page)
    document.refresh_from_db()
    assert document.status == Status.SUBMITTED

    comment = "Bitte ergänzen Sie die Rechtsgrundlage (§ 3 NiSchG NRW)."
    editor_page.get_by_label("Kommentar an die einreichende Person").fill(comment)
    editor_page.get_by_role("button", name="Zur Überarbeitung zurückgeben").click()
    expect(editor_page).to_have_url(f"{base}/fachgebiete/shisha/redaktion/")
    expect(status_message(editor_page, "zurückgegeben")).to_contain_text(
        "Der Beitrag wurde zur Überarbeitung zurückgegeben."
    )
    expect(editor_page.get_by_role("table", name=re.compile("^Zurückgegeben"))).to_contain_text(title)
    axe_check(editor_page)
    document.refresh_from_db()
    assert document.status == Status.RETURNED

    # --- The member revises and resubmits ---------------------------------------------------------
    member_page.reload()
    row = member_page.get_by_role("row", name=re.compile(title))
    expect(row.get_by_role("cell", name="zurückgegeben", exact=True)).to_be_visible()
    expect(row).to_contain_text(comment)
    axe_check(member_page)
    row.get_by_role("link", name=re.compile("^Überarbeiten")).click()

    expect(member_page).to_have_url(f"{base}/fachgebiete/shisha/muster/{document.pk}/bearbeiten/")
    expect(member_page.locator("main")).to_contain_text(comment)
    axe_check(member_page)
    member_page.get_by_label("Beschreibung").fill(description + " Rechtsgrundlage: § 3 NiSchG NRW.")
    member_page.get_by_role("button", name="Speichern und erneut einreichen").click()
    expect(member_page).to_have_url(f"{base}/fachgebiete/shisha/muster/{document.pk}/")
    expect(status_message(member_page, "erneut zur Prüfung eingereicht")).to_be_visible()
    axe_check(member_page)
    document.refresh_from_db()
    assert document.status == Status.SUBMITTED

    # --- The Redaktion publishes it ---------------------------------------------------------------
    editor_page.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Redaktion").click()
    editor_page.get_by_role("link", name=title).click()
    expect(editor_page.get_by_role("heading", level=1)).to_have_text(title)
    axe_check(editor_page)
    editor_page.get_by_role("button", name="Veröffentlichen").click()
    expect(editor_page).to_have_url(f"{base}/fachgebiete/shisha/redaktion/")
    expect(status_message(editor_page, "veröffentlicht")).to_contain_text("Der Beitrag ist veröffentlicht.")
    expect(editor_page.get_by_text("Zurzeit wartet kein Beitrag auf eine Prüfung.")).to_be_visible()
    axe_check(editor_page)
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED

    member_page.goto(f"{base}/fachgebiete/meine-beitraege/")
    row = member_page.get_by_role("row", name=re.compile(title))
    expect(row.get_by_role("cell", name="veröffentlicht", exact=True)).to_be_visible()
    axe_check(member_page)
    member_page.goto(f"{base}/fachgebiete/shisha/muster/")
    expect(member_page.get_by_role("link", name=title, exact=True)).to_be_visible()
    axe_check(member_page)

    # --- The member follows the Fachgebiet -------------------------------------------------------------
    member_page.goto(f"{base}/fachgebiete/shisha/")
    follow = member_page.get_by_role("region", name="Per E-Mail informiert bleiben")
    expect(follow.get_by_role("radio", name="wöchentliche Zusammenfassung")).to_be_checked()
    expect(follow.get_by_role("button", name="Nicht mehr folgen")).to_have_count(0)
    axe_check(member_page)
    follow.get_by_role("radio", name="sofort bei jeder Veröffentlichung").check()
    follow.get_by_role("button", name="Fachgebiet folgen").click()

    expect(member_page).to_have_url(f"{base}/fachgebiete/shisha/")
    expect(status_message(member_page, "Sie folgen jetzt")).to_contain_text(
        "Sie folgen jetzt dem Fachgebiet „Shisha“. Benachrichtigung: sofort"
    )
    follow = member_page.get_by_role("region", name="Per E-Mail informiert bleiben")
    expect(follow.get_by_role("status")).to_contain_text("Sie folgen diesem Fachgebiet")
    expect(follow.get_by_role("button", name="Fachgebiet folgen")).to_have_count(0)
    expect(follow.get_by_role("button", name="Benachrichtigung ändern")).to_be_visible()
    expect(follow.get_by_role("button", name="Nicht mehr folgen")).to_be_visible()
    expect(follow.get_by_role("radio", name="sofort bei jeder Veröffentlichung")).to_be_checked()
    axe_check(member_page)
    assert Subscription.objects.filter(user=member, fachgebiet=shisha).count() == 1

    follow.get_by_role("button", name="Nicht mehr folgen").click()
    expect(status_message(member_page, "nicht mehr")).to_be_visible()
    expect(
        member_page.get_by_role("region", name="Per E-Mail informiert bleiben").get_by_role(
            "button", name="Fachgebiet folgen"
        )
    ).to_be_visible()
    axe_check(member_page)
    assert not Subscription.objects.filter(user=member, fachgebiet=shisha).exists()
