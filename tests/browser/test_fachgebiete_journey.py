"""The Fachgebiete in a real browser, with an axe-core check on every page state.

- A member reads: main navigation → Fachgebiet Shisha → Muster & Arbeitshilfen (filtered by
  type) → a document with its versions → download of the current version (umlaut filename,
  the real PDF bytes) → Rechtstatsachen filtered by norm → a record; the glossary A–Z and a
  term; an article whose text links a glossary term.
- Contributing a document: test_fachgebiete_contribution_journey.py.
- Keyboard: Tab walks a list page in a sensible order, and focus is visible.

Data is created directly in the database (committed rows: `transactional_db` via
`live_server`); uploads land in the temporary MEDIA_ROOT of `tests/conftest.py`.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from devtools.generate import pdf_bytes
from dokumente.services import FileStore
from fachgebiete.models import Article, Document, GlossaryTerm, Rechtstatsache, Status
from tests.browser.test_admission_journey import ANMELDEN, login
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

CHECKLIST_V1 = pdf_bytes("Prüfliste Shisha-Bars", ["Erstfassung: Kohlenmonoxid-Messung."])
CHECKLIST_V2 = pdf_bytes("Prüfliste Shisha-Bars", ["Fassung 2: Kohlenmonoxid, Tabaksteuer, Lebensmittel."])
CHECKLIST_V2_NAME = "Prüfliste Shisha-Kontrolle für Gaststätten.pdf"


# --- Data --------------------------------------------------------------------------------------


def _published(author) -> dict:
    now = timezone.now()
    return {"author": author, "status": Status.PUBLISHED, "submitted_at": now, "published_at": now}


def _document(fachgebiet, author, *, title: str, kind: str, files: list[tuple[str, bytes]], **fields) -> Document:
    document = Document.objects.create(
        fachgebiet=fachgebiet,
        title=title,
        kind=kind,
        description=fields.pop("description", "Prüfpunkte für konzentrierte Kontrollen."),
        **_published(author),
        **fields,
    )
    for number, (name, content) in enumerate(files, start=1):
        stored = FileStore().store(SimpleUploadedFile(name, content), user=author)
        document.versions.create(number=number, file=stored, note=f"Fassung {number}", created_by=author)
    return document


@pytest.fixture
def shisha_content(shisha, member, essen):
    checklist = _document(
        shisha,
        member,
        title="Prüfliste Shisha-Kontrolle",
        kind=Document.Kind.CHECKLISTE,
        partner=essen,
        valid_from=datetime.date(2024, 3, 1),
        files=[("Prüfliste Version 1.pdf", CHECKLIST_V1), (CHECKLIST_V2_NAME, CHECKLIST_V2)],
    )
    form = _document(
        shisha,
        member,
        title="Anhörung vor Untersagung",
        kind=Document.Kind.FORMULAR,
        files=[("Anhörung.pdf", pdf_bytes("Anhörung", ["Sehr geehrte Damen und Herren,"]))],
    )
    gewo = Rechtstatsache.objects.create(
        fachgebiet=shisha,
        court="OVG NRW (Beispiel)",
        decision_date=datetime.date(2023, 5, 4),
        aktenzeichen="4 B 000/23 (Beispiel)",
        norms="§ 33i GewO; § 15 GewO",
        headnote="Der Betrieb einer Spielhalle in einer Shisha-Bar bedarf der Erlaubnis.",
        summary="Die **Erlaubnis** nach § 33i GewO ist personen- und raumbezogen.",
        **_published(member),
    )
    gastg = Rechtstatsache.objects.create(
        fachgebiet=shisha,
        court="VG Gelsenkirchen (Beispiel)",
        decision_date=datetime.date(2022, 11, 8),
        aktenzeichen="19 L 000/22 (Beispiel)",
        norms="§ 4 GastG",
        headnote="Wiederholte Verstöße gegen den Nichtraucherschutz begründen die Unzuverlässigkeit.",
        **_published(member),
    )
    article = Article.objects.create(
        fachgebiet=shisha,
        kind=Article.Kind.GOOD_PRACTICE,
        title="Lebensmittelüberwachung bei Shisha-Kontrollen",
        summary="Die Stadt Hagen bezieht die Lebensmittelüberwachung in die Kontrollen ein.",
        body="## Ablauf\n\nDie Kontrollen folgen der Nadelstichtaktik: viele kleine, abgestimmte Kontrollen.",
        partner=essen,
        **_published(member),
    )
    term = GlossaryTerm.objects.create(
        term="Nadelstichtaktik",
        definition="Viele kleine, abgestimmte Kontrollen verschiedener Behörden statt einzelner Großeinsätze.",
    )
    term.fachgebiete.add(shisha)
    GlossaryTerm.objects.create(term="Clan", definition="Familienverband; im Portal nur im Sinne des Lagebilds.")
    return {"checklist": checklist, "form": form, "gewo": gewo, "gastg": gastg, "article": article, "term": term}


# --- Helpers -------------------------------------------------------------------------------------


def log_in(page, base: str, user, axe_check) -> None:
    page.goto(f"{base}/konto/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ANMELDEN)
    axe_check(page)
    login(page, user.email, PASSWORD, user=user)
    expect(page).to_have_url(f"{base}/")
    axe_check(page)


def main_nav(page, label: str):
    return page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name=label, exact=True)


def fachgebiet_nav(page, fachgebiet: str, label: str):
    return page.get_by_role("navigation", name=fachgebiet, exact=True).get_by_role("link", name=label, exact=True)


def status_message(page, text: str):
    return page.get_by_role("status").filter(has_text=text)


# --- 1. Reading ----------------------------------------------------------------------------------


def test_member_reads_a_fachgebiet_downloads_a_document_and_uses_the_glossary(
    live_server, member, shisha_content, page, axe_check
):
    base = live_server.url
    checklist, gewo, article, term = (shisha_content[key] for key in ("checklist", "gewo", "article", "term"))
    log_in(page, base, member, axe_check)

    # --- Fachgebiete → Shisha ------------------------------------------------------------------
    main_nav(page, "Fachgebiete").click()
    expect(page).to_have_url(f"{base}/fachgebiete/")
    expect(main_nav(page, "Fachgebiete")).to_have_attribute("aria-current", "page")
    axe_check(page)
    page.get_by_role("row", name=re.compile("Shisha")).get_by_role("link", name="Shisha").click()

    expect(page).to_have_url(f"{base}/fachgebiete/shisha/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Shisha")
    expect(page.get_by_text("Sie besuchen diesen Bereich zum ersten Mal.")).to_be_visible()
    axe_check(page)

    # --- Muster & Arbeitshilfen, filtered by type ---------------------------------------------------
    fachgebiet_nav(page, "Shisha", "Muster & Arbeitshilfen").click()
    expect(page).to_have_url(f"{base}/fachgebiete/shisha/muster/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Muster & Arbeitshilfen")
    expect(status_message(page, "Dokumente")).to_have_text("2 Dokumente")
    axe_check(page)

    search = page.get_by_role("search", name="Muster und Arbeitshilfen filtern")
    search.get_by_label("Art", exact=True).select_option(label="Checkliste")
    search.get_by_role("button", name="Filtern").click()
    expect(page).to_have_url(re.compile(r"/fachgebiete/shisha/muster/\?.*kind=checkliste"))
    expect(status_message(page, "Dokument")).to_have_text("1 Dokument")
    table = page.get_by_role("table", name="Muster und Arbeitshilfen im Bereich Shisha")
    expect(table.get_by_role("link", name="Prüfliste Shisha-Kontrolle", exact=True)).to_be_visible()
    expect(table).not_to_contain_text("Anhörung vor Untersagung")
    expect(page.get_by_label("Art", exact=True)).to_have_value("checkliste")
    axe_check(page)

    # An empty result says so and offers the way back.
    search.get_by_label("Suchbegriff").fill("Spielhallenkonzept")
    search.get_by_role("button", name="Filtern").click()
    expect(page.get_by_text("Kein Dokument entspricht diesen Filtern.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Alle anzeigen").click()
    expect(status_message(page, "Dokumente")).to_have_text("2 Dokumente")
    axe_check(page)

    # --- Document detail with its versions ------------------------------------------------------------
    page.get_by_role("link", name="Prüfliste Shisha-Kontrolle", exact=True).click()
    expect(page).to_have_url(f"{base}/fachgebiete/shisha/muster/{checklist.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Prüfliste Shisha-Kontrolle")
    versions = page.get_by_role("table", name="Alle Versionen")
    expect(versions.get_by_role("row")).to_have_count(3)  # header + two versions
    expect(versions.get_by_role("row", name=re.compile("Version 2"))).to_contain_text("aktuell")
    expect(versions.get_by_role("row", name=re.compile("Version 1"))).to_contain_text("Prüfliste Version 1.pdf")
    axe_check(page)

    # --- Download of the current version ------------------------------------------------------------
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Aktuelle Fassung herunterladen \(Version 2")).click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename == CHECKLIST_V2_NAME
    with open(download.path(), "rb") as downloaded:
        content = downloaded.read()
    assert content.startswith(b"%PDF-")
    assert content == CHECKLIST_V2
    # The page itself stays where it was.
    expect(page).to_have_url(f"{base}/fachgebiete/shisha/muster/{checklist.pk}/")

    # --- Rechtstatsachen filtered by norm → detail -------------------------------------------------
    fachgebiet_nav(page, "Shisha", "Rechtstatsachen").click()
    expect(page).to_have_url(f"{base}/fachgebiete/shisha/rechtstatsachen/")
    expect(status_message(page, "Einträge")).to_have_text("2 Einträge")
    axe_check(page)

    search = page.get_by_role("search", name="Rechtstatsachen filtern")
    search.get_by_label("Norm").fill("§33i gewo")
    search.get_by_role("button", name="Filtern").click()
    expect(status_message(page, "Eintrag")).to_have_text("1 Eintrag")
    expect(page.get_by_label("Norm")).to_have_value("§33i gewo")
    table = page.get_by_role("table", name="Rechtstatsachen im Bereich Shisha")
    expect(table).not_to_contain_text("VG Gelsenkirchen")
    axe_check(page)

    table.get_by_role("link", name=gewo.title).click()
    expect(page).to_have_url(f"{base}/fachgebiete/shisha/rechtstatsachen/{gewo.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(gewo.title)
    expect(page.locator("main")).to_contain_text("§ 33i GewO; § 15 GewO")
    expect(page.locator("main strong").filter(has_text="Erlaubnis")).to_be_visible()
    axe_check(page)

    # --- Glossary A–Z and a term --------------------------------------------------------------------
    main_nav(page, "Glossar").click()
    expect(page).to_have_url(f"{base}/glossar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Glossar")
    expect(status_message(page, "Begriffe")).to_have_text("2 Begriffe")
    axe_check(page)

    letters = page.get_by_role("navigation", name="Glossar nach Anfangsbuchstaben")
    # Letters without terms are no links (and say so to screen readers).
    expect(letters.get_by_role("link", name="B", exact=True)).to_have_count(0)
    letters.get_by_role("link", name="N", exact=True).click()
    expect(page).to_have_url(f"{base}/glossar/?buchstabe=N")
    expect(letters.get_by_role("link", name="N", exact=True)).to_have_attribute("aria-current", "page")
    expect(status_message(page, "Begriff")).to_have_text("1 Begriff unter N")
    expect(page.get_by_role("heading", name="N", level=2)).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Nadelstichtaktik").click()
    expect(page).to_have_url(f"{base}/glossar/{term.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nadelstichtaktik")
    expect(page.get_by_role("link", name="Shisha", exact=True)).to_be_visible()
    axe_check(page)

    # --- An article whose text links the glossary ----------------------------------------------------
    page.goto(f"{base}/fachgebiete/shisha/")
    fachgebiet_nav(page, "Shisha", "Informationen").click()
    expect(page).to_have_url(f"{base}/fachgebiete/shisha/informationen/")
    axe_check(page)
    page.get_by_role("link", name=article.title).click()

    expect(page).to_have_url(f"{base}/fachgebiete/shisha/informationen/{article.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    body = page.locator(".portal-markdown")
    expect(body.get_by_role("heading", name="Ablauf", level=2)).to_be_visible()
    glossary_link = body.get_by_role("link", name="Nadelstichtaktik")
    expect(glossary_link).to_have_attribute("href", f"/glossar/{term.slug}/")
    axe_check(page)
    glossary_link.click()
    expect(page).to_have_url(f"{base}/glossar/{term.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nadelstichtaktik")


# --- 2. Keyboard -----------------------------------------------------------------------------------


def _focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
            return {
                tag: el.tagName.toLowerCase(),
                text: (el.innerText || el.value || "").trim(),
                label: label.replace(/\\s+/g, " ").trim(),
                inMain: document.getElementById("inhalt").contains(el),
                inSearch: Boolean(el.closest("[role=search]")),
                inPagination: Boolean(el.closest("nav[aria-label=Seitennavigation]")),
                inTable: Boolean(el.closest("table")),
            };
        }"""
    )


def test_keyboard_walks_a_list_page_in_order_with_visible_focus(live_server, member, shisha, settings, page, axe_check):
    settings.SIKO_PAGE_SIZE = 2
    for number in range(1, 4):
        _document(
            shisha,
            member,
            title=f"Arbeitshilfe {number}",
            kind=Document.Kind.ARBEITSHILFE,
            files=[(f"Arbeitshilfe {number}.pdf", pdf_bytes(f"Arbeitshilfe {number}", ["Text"]))],
        )
    base = live_server.url
    log_in(page, base, member, axe_check)
    page.goto(f"{base}/fachgebiete/shisha/muster/")
    expect(page.get_by_role("navigation", name="Seitennavigation")).to_contain_text("Seite 1 von 2")
    axe_check(page)

    # Skip link first, then into the main content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#inhalt")).to_be_focused()

    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stop = _focused(page)
        stops.append(stop)
        if stop["inPagination"]:
            break
    assert all(stop["inMain"] for stop in stops), stops

    def first(predicate) -> int:
        return next(index for index, stop in enumerate(stops) if predicate(stop))

    subnav = first(lambda s: s["text"] == "Muster & Arbeitshilfen")
    query = first(lambda s: s["inSearch"] and s["label"].startswith("Suchbegriff"))
    kind = first(lambda s: s["inSearch"] and s["label"].startswith("Art"))
    submit = first(lambda s: s["tag"] == "button" and s["text"] == "Filtern")
    reset = first(lambda s: s["text"] == "Filter zurücksetzen")
    first_document = first(lambda s: s["inTable"] and s["text"] == "Arbeitshilfe 1")
    download = first(lambda s: s["inTable"] and s["text"].startswith("Herunterladen"))
    second_document = first(lambda s: s["inTable"] and s["text"] == "Arbeitshilfe 2")
    next_page = first(lambda s: s["inPagination"])
    assert subnav < query < kind < submit < reset < first_document < download < second_document < next_page, stops
    assert stops[next_page]["text"] == "Nächste Seite"

    # Focus is visible on a link (keyboard focus: :focus-visible applies).
    outline = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {style: style.outlineStyle, width: style.outlineWidth, shadow: style.boxShadow};
        }"""
    )
    assert outline["style"] != "none" and outline["width"] != "0px", outline

    # Enter on the focused pagination link goes to page 2.
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/fachgebiete/shisha/muster/?seite=2")
    expect(page.get_by_role("navigation", name="Seitennavigation")).to_contain_text("Seite 2 von 2")
    expect(page.get_by_role("link", name="Arbeitshilfe 3", exact=True)).to_be_visible()
    axe_check(page)
