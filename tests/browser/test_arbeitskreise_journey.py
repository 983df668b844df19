"""Facharbeitskreise and Projekte in a real browser, with an axe-core check on every page state.

- A member without access sees the list (not the confidential project), asks for membership
  (first without a reason: German error), the lead accepts the request; the member then works
  in the area: documents (download), meetings (.ics download), a thread and a reply.
- The lead creates a meeting that ends before it starts and gets a German error.
- An outsider who knows the address of a confidential area gets the German 404 page, which
  does not give the area's name away.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from devtools.generate import pdf_bytes
from facharbeitskreise import content_services, services
from facharbeitskreise.access import Role, role_of
from facharbeitskreise.models import Arbeitskreis, MembershipRequest
from facharbeitskreise.models.content import Meeting, Post
from tests.browser.test_admission_journey import ANMELDEN, login
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

ARBEITSKREIS_NAME = "Facharbeitskreis Shisha"
SECRET_NAME = "Projekt Sozialleistungsbetrug"
LAGEBILD = pdf_bytes("Lagebild Shisha-Bars 2025", ["Kontrollen im Stadtgebiet, Ergebnisse und Maßnahmen."])
REASON = "Ich koordiniere die Shisha-Kontrollen des Ordnungsamts Essen."


@pytest.fixture
def arbeitskreis(db) -> Arbeitskreis:
    return Arbeitskreis.objects.create(
        name=ARBEITSKREIS_NAME, slug="fak-shisha", description="Austausch zu konzentrierten Kontrollen von Shisha-Bars."
    )


@pytest.fixture
def secret_arbeitskreis(db) -> Arbeitskreis:
    return Arbeitskreis.objects.create(
        name=SECRET_NAME,
        slug="projekt-slb",
        kind=Arbeitskreis.Kind.PROJEKT,
        is_confidential=True,
        description="Informationsaustausch zu Sozialleistungsbetrug.",
    )


@pytest.fixture
def lead(make_user, arbeitskreis, secret_arbeitskreis):
    user = make_user("lena.leitung@essen.de", first_name="Lena", last_name="Leitung", second_factor=True)
    services.role_grant(arbeitskreis=arbeitskreis, role=Role.LEITUNG, actor=None, user=user)
    services.role_grant(arbeitskreis=secret_arbeitskreis, role=Role.LEITUNG, actor=None, user=user)
    return user


@pytest.fixture
def arbeitskreis_content(arbeitskreis, lead):
    document = content_services.document_create(
        arbeitskreis=arbeitskreis,
        user=lead,
        title="Lagebild Shisha-Bars 2025",
        description="Ergebnisse der Schwerpunktkontrollen.",
        is_result=False,
        upload=SimpleUploadedFile("Lagebild Shisha-Bars 2025.pdf", LAGEBILD),
    )
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(days=14)
    meeting = content_services.meeting_create(
        meeting=Meeting(
            arbeitskreis=arbeitskreis,
            title="3. Sitzung des Facharbeitskreises",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            location="Polizeipräsidium Essen, Raum 204",
            agenda="1. Lagebild\n2. Gemeinsame Kontrollen im Herbst",
        ),
        user=lead,
    )
    thread = content_services.thread_create(
        arbeitskreis=arbeitskreis,
        user=lead,
        title="Erfahrungen mit Kohlenmonoxid-Messungen",
        body="Welche Messgeräte nutzen Ihre Behörden bei den Kontrollen?",
    )
    return {"document": document, "meeting": meeting, "thread": thread}


def log_in(page, base: str, user, axe_check) -> None:
    page.goto(f"{base}/konto/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ANMELDEN)
    axe_check(page)
    login(page, user.email, PASSWORD, user=user)
    expect(page).to_have_url(f"{base}/")


def status_message(page, text: str):
    return page.get_by_role("status").filter(has_text=text)


def subnav(page, label: str):
    return page.get_by_role("navigation", name=f"Bereich {ARBEITSKREIS_NAME}").get_by_role(
        "link", name=label, exact=True
    )


def test_membership_request_acceptance_and_work_in_the_arbeitskreis(
    live_server, member, lead, arbeitskreis, secret_arbeitskreis, arbeitskreis_content, new_page, axe_check
):
    base = live_server.url
    document, meeting, thread = (
        arbeitskreis_content["document"],
        arbeitskreis_content["meeting"],
        arbeitskreis_content["thread"],
    )

    # --- A member without access sees the list and asks to join --------------------------------
    member_page = new_page()
    log_in(member_page, base, member, axe_check)
    member_page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Arbeitskreise & Projekte"
    ).click()
    expect(member_page).to_have_url(f"{base}/arbeitskreise/")
    expect(member_page.get_by_role("heading", level=1)).to_have_text("Facharbeitskreise und Projekte")
    row = member_page.get_by_role("row", name=re.compile(ARBEITSKREIS_NAME))
    expect(row).to_contain_text("Lena Leitung")
    # No member yet: the name is no link into the area; the confidential project is not listed.
    expect(row.get_by_role("link", name=ARBEITSKREIS_NAME, exact=True)).to_have_count(0)
    expect(member_page.locator("main")).not_to_contain_text(SECRET_NAME)
    axe_check(member_page)

    row.get_by_role("link", name=f"Mitgliedschaft beantragen ({ARBEITSKREIS_NAME})").click()
    expect(member_page).to_have_url(f"{base}/arbeitskreise/fak-shisha/beantragen/")
    expect(member_page.get_by_role("heading", level=1)).to_have_text(
        f"Mitgliedschaft in „{ARBEITSKREIS_NAME}“ beantragen"
    )
    axe_check(member_page)

    member_page.get_by_role("button", name="Antrag stellen").click()
    summary = member_page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Begründung: Bitte begründen Sie Ihren Antrag.")).to_be_visible()
    axe_check(member_page)
    assert not MembershipRequest.objects.exists()

    member_page.get_by_label("Begründung").fill(REASON)
    member_page.get_by_role("button", name="Antrag stellen").click()
    expect(member_page).to_have_url(f"{base}/arbeitskreise/")
    expect(status_message(member_page, "Antrag auf Mitgliedschaft")).to_contain_text(
        f"Ihr Antrag auf Mitgliedschaft in „{ARBEITSKREIS_NAME}“ wurde gestellt."
    )
    row = member_page.get_by_role("row", name=re.compile(ARBEITSKREIS_NAME))
    expect(row).to_contain_text("Antrag gestellt, wird geprüft")
    expect(row.get_by_role("button", name=f"Antrag zurückziehen ({ARBEITSKREIS_NAME})")).to_be_visible()
    axe_check(member_page)

    # --- The lead accepts the request ----------------------------------------------------------
    lead_page = new_page()
    log_in(lead_page, base, lead, axe_check)
    lead_page.goto(f"{base}/arbeitskreise/")
    lead_page.get_by_role("link", name=ARBEITSKREIS_NAME, exact=True).click()
    expect(lead_page).to_have_url(f"{base}/arbeitskreise/fak-shisha/")
    expect(lead_page.locator("main")).to_contain_text("Mitgliedschaftsanträge – 1 offen")
    axe_check(lead_page)
    lead_page.get_by_role("region", name="Leitung").get_by_role("link", name="Mitgliedschaftsanträge").click()

    expect(lead_page).to_have_url(f"{base}/arbeitskreise/fak-shisha/leitung/antraege/")
    request_card = lead_page.get_by_role("article", name=re.compile("Max Muster"))
    expect(request_card).to_contain_text(REASON)
    axe_check(lead_page)
    request_card.get_by_label("Anmerkung (optional)").fill("Willkommen im Arbeitskreis!")
    request_card.get_by_role("button", name="Annehmen").click()
    expect(status_message(lead_page, "ist jetzt Mitglied")).to_contain_text("Max Muster ist jetzt Mitglied")
    expect(lead_page.get_by_text("Derzeit liegen keine offenen Anträge vor.")).to_be_visible()
    expect(lead_page.get_by_role("table", name=re.compile("entschiedene"))).to_contain_text("angenommen")
    axe_check(lead_page)
    assert role_of(member, arbeitskreis) == Role.MITGLIED

    # --- The member works in the area ----------------------------------------------------------------
    member_page.reload()
    member_page.get_by_role("link", name=ARBEITSKREIS_NAME, exact=True).click()
    expect(member_page).to_have_url(f"{base}/arbeitskreise/fak-shisha/")
    expect(member_page.get_by_role("heading", level=1)).to_have_text(ARBEITSKREIS_NAME)
    expect(member_page.locator("main")).to_contain_text("Ihre Rolle: Mitglied")
    axe_check(member_page)

    member_page.get_by_role("link", name="Alle Dokumente").click()
    expect(member_page).to_have_url(f"{base}/arbeitskreise/fak-shisha/dokumente/")
    # Members read; only contributors upload.
    expect(member_page.get_by_role("link", name="Dokument hochladen")).to_have_count(0)
    axe_check(member_page)
    member_page.get_by_role("link", name=document.title, exact=True).click()

    expect(member_page).to_have_url(f"{base}/arbeitskreise/fak-shisha/dokumente/{document.pk}/")
    versions = member_page.get_by_role("table", name="Versionen")
    expect(versions.get_by_role("row")).to_have_count(2)  # header + one version
    expect(versions.get_by_role("rowheader", name="Version 1 aktuell")).to_be_visible()
    axe_check(member_page)
    with member_page.expect_download() as download_info:
        member_page.get_by_role("link", name=re.compile("^Aktuelle Fassung herunterladen")).click()
    download = download_info.value
    assert download.suggested_filename == "Lagebild Shisha-Bars 2025.pdf"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == LAGEBILD

    subnav(member_page, "Sitzungen").click()
    expect(member_page).to_have_url(f"{base}/arbeitskreise/fak-shisha/sitzungen/")
    expect(member_page.get_by_role("link", name="Sitzung anlegen")).to_have_count(0)
    axe_check(member_page)
    member_page.get_by_role("table", name="Anstehende Sitzungen").get_by_role("link", name=meeting.title).click()

    expect(member_page).to_have_url(f"{base}/arbeitskreise/fak-shisha/sitzungen/{meeting.pk}/")
    expect(member_page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    expect(member_page.locator("main")).to_contain_text("Polizeipräsidium Essen, Raum 204")
    axe_check(member_page)
    with member_page.expect_download() as download_info:
        member_page.get_by_role("link", name="In den Kalender übernehmen (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"sitzung-{meeting.pk}.ics"
    with open(download.path(), "rb") as downloaded:
        ics = downloaded.read().decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in ics and "3. Sitzung des Facharbeitskreises" in ics

    subnav(member_page, "Diskussionen").click()
    expect(member_page).to_have_url(f"{base}/arbeitskreise/fak-shisha/diskussionen/")
    axe_check(member_page)
    member_page.get_by_role("link", name=thread.title).click()

    expect(member_page).to_have_url(f"{base}/arbeitskreise/fak-shisha/diskussionen/{thread.pk}/")
    expect(member_page.get_by_role("article", name=re.compile("Lena Leitung"))).to_contain_text("Messgeräte")
    axe_check(member_page)

    # An empty reply first: German error, nothing saved.
    member_page.get_by_role("button", name="Antwort veröffentlichen").click()
    expect(member_page.locator("[data-error-summary]")).to_be_focused()
    axe_check(member_page)
    assert Post.objects.filter(thread=thread).count() == 1

    reply = "Wir nutzen **kalibrierte** CO-Warngeräte der Feuerwehr."
    member_page.get_by_label("Ihre Antwort").fill(reply)
    member_page.get_by_role("button", name="Antwort veröffentlichen").click()
    expect(member_page).to_have_url(re.compile(rf"/arbeitskreise/fak-shisha/diskussionen/{thread.pk}/"))
    answer = member_page.get_by_role("article", name=re.compile("Max Muster"))
    expect(answer).to_contain_text("Wir nutzen kalibrierte CO-Warngeräte der Feuerwehr.")
    expect(answer.locator("strong")).to_have_text("kalibrierte")
    axe_check(member_page)
    assert Post.objects.filter(thread=thread).count() == 2


def test_lead_gets_a_german_error_for_a_meeting_ending_before_it_starts(
    live_server, lead, arbeitskreis, page, axe_check
):
    base = live_server.url
    log_in(page, base, lead, axe_check)
    page.goto(f"{base}/arbeitskreise/fak-shisha/sitzungen/")
    page.get_by_role("link", name="Sitzung anlegen").click()
    expect(page).to_have_url(f"{base}/arbeitskreise/fak-shisha/sitzungen/neu/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sitzung anlegen")
    axe_check(page)

    page.get_by_label("Titel").fill("Sondersitzung Kontrollkonzept")
    page.get_by_label("Beginn").fill("2026-09-15T14:00")
    page.get_by_label("Ende").fill("2026-09-15T12:30")
    page.get_by_role("textbox", name="Ort").fill("Rathaus Hagen, Sitzungssaal")
    page.get_by_role("button", name="Speichern").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile("^Ende: "))).to_have_text(
        "Ende: Das Ende (15.09.2026 12:30 Uhr) muss nach dem Beginn (15.09.2026 14:00 Uhr) liegen."
    )
    expect(page.get_by_label("Titel")).to_have_value("Sondersitzung Kontrollkonzept")
    expect(page.get_by_label("Beginn")).to_have_value("2026-09-15T14:00")
    expect(page.get_by_role("textbox", name="Ort")).to_have_value("Rathaus Hagen, Sitzungssaal")
    axe_check(page)
    assert not Meeting.objects.exists()

    summary.get_by_role("link", name=re.compile("^Ende: ")).click()
    expect(page.get_by_label("Ende")).to_be_focused()
    page.get_by_label("Ende").fill("2026-09-15T16:00")
    page.get_by_role("button", name="Speichern").click()
    meeting = Meeting.objects.get()
    expect(page).to_have_url(re.compile(rf"/arbeitskreise/fak-shisha/sitzungen/{meeting.pk}/(#.*)?$"))
    expect(status_message(page, "wurde angelegt")).to_be_visible()
    axe_check(page)


def test_outsider_gets_the_german_404_page_without_the_confidential_name(
    live_server, outsider, lead, secret_arbeitskreis, arbeitskreis, page, axe_check
):
    base = live_server.url
    log_in(page, base, outsider, axe_check)
    for path in ("/arbeitskreise/projekt-slb/", "/arbeitskreise/projekt-slb/dokumente/", "/arbeitskreise/fak-shisha/"):
        response = page.goto(f"{base}{path}")
        assert response.status == 404, path
        expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
        expect(page).to_have_title(re.compile("^Seite nicht gefunden"))
        html = page.content()
        assert SECRET_NAME not in html and "Sozialleistungsbetrug" not in html
        assert ARBEITSKREIS_NAME not in html
        axe_check(page)

    # Nor does the list name the confidential project; the open area is listed.
    page.goto(f"{base}/arbeitskreise/")
    expect(page.get_by_role("row", name=re.compile(ARBEITSKREIS_NAME))).to_be_visible()
    assert "Sozialleistungsbetrug" not in page.content()
    axe_check(page)
