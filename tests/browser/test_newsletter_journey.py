"""The Geschäftsstelle's newsletter in a real browser, with an axe-core check on every page state
(members and the public subscribing: test_newsletter_subscription_journey.py).

- The Geschäftsstelle (TOTP login) writes an issue, gets an error, fixes it, previews it,
  sends itself a test mail, confirms the dispatch and sees it finished; then it manages
  subscribers (list, add one address, import a list line by line).
- The progress page of a running dispatch updates itself without a reload (polling script).

Tasks run inline in tests (ImmediateBackend): a started dispatch is finished when the
progress page loads. Mails are in `django.core.mail.outbox` (locmem backend); their links
point to SIKO_BASE_URL and are opened on the live server instead.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from newsletter.models import Delivery, Issue, Subscriber
from tests.browser.test_admission_journey import ANMELDEN, current_totp, login
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

SUBSCRIBERS = ["anna.abo@bochum.de", "bernd.abo@herne.de", "clara.abo@gelsenkirchen.de"]
CONFIRM_LINK = re.compile(r"https?://\S+/newsletter/bestaetigen/\S+/")
# The polling script asks every 2 seconds; allow a few rounds on a busy machine.
POLL_TIMEOUT = 8_000


def confirmed_subscriber(email: str, **fields) -> Subscriber:
    return Subscriber.objects.create(
        email=email,
        status=Subscriber.Status.CONFIRMED,
        source=Subscriber.Source.SELF,
        confirmed_at=timezone.now(),
        **fields,
    )


def on_live_server(url: str, live_server) -> str:
    """A link from a mail (absolute to SIKO_BASE_URL), opened on the test's live server."""
    assert url.startswith(settings.SIKO_BASE_URL), url
    return live_server.url + url.removeprefix(settings.SIKO_BASE_URL)


def status_message(page, text: str):
    return page.get_by_role("status").filter(has_text=text)


def office_login(page, base: str, office, axe_check) -> None:
    page.goto(f"{base}/konto/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ANMELDEN)
    axe_check(page)
    login(page, office.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Authentifizierung")
    axe_check(page)
    page.get_by_label("Code").fill(current_totp(office))
    page.get_by_role("button", name=ANMELDEN).click()
    expect(page).to_have_url(f"{base}/")


def test_office_writes_tests_and_dispatches_an_issue_and_manages_subscribers(
    live_server, transactional_db, office, page, axe_check
):
    base = live_server.url
    for email in SUBSCRIBERS:
        confirmed_subscriber(email)

    office_login(page, base, office, axe_check)
    axe_check(page)

    # --- Issue list (empty) and the form, first with a forbidden link ----------------------
    page.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Newsletter-Versand").click()
    expect(page).to_have_url(f"{base}/verwaltung/newsletter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter-Ausgaben")
    main = page.locator("main")
    expect(main).to_contain_text("3 bestätigte Abonnements")
    expect(main).to_contain_text("Es gibt noch keine Ausgabe.")
    expect(page.get_by_role("table")).to_have_count(0)
    axe_check(page)

    page.get_by_role("link", name="Neue Ausgabe schreiben").click()
    expect(page).to_have_url(f"{base}/verwaltung/newsletter/neu/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Neue Ausgabe schreiben")
    expect(page.get_by_label("Nummer der Ausgabe")).to_have_value("1")
    axe_check(page)

    forbidden_body = "## Neue Urteile\n\nDas OVG Münster hat **entschieden**. Siehe [Akte](/verwaltung/nutzer/3/)."
    page.get_by_label("Titel").fill("Rechtsprechung zum Glücksspiel")
    page.get_by_label("Datum der Ausgabe").fill("2022-03-31")
    page.get_by_label("Text", exact=True).fill(forbidden_body)
    page.get_by_label("Links ins Portal").fill("Alle Partner | /behoerden/")
    page.get_by_role("button", name="Entwurf speichern und Vorschau zeigen").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(summary).to_be_focused()
    error_link = summary.get_by_role("link", name=re.compile(r"^Text: .*\/verwaltung\/nutzer\/3\/"))
    expect(error_link).to_contain_text("nicht verlinkt werden darf")
    # What was typed is still there.
    expect(page.get_by_label("Nummer der Ausgabe")).to_have_value("1")
    expect(page.get_by_label("Titel")).to_have_value("Rechtsprechung zum Glücksspiel")
    expect(page.get_by_label("Datum der Ausgabe")).to_have_value("2022-03-31")
    expect(page.get_by_label("Text", exact=True)).to_have_value(forbidden_body)
    expect(page.get_by_label("Links ins Portal")).to_have_value("Alle Partner | /behoerden/")
    axe_check(page)
    assert not Issue.objects.exists()

    # The summary's link leads to the field.
    error_link.click()
    expect(page.get_by_label("Text", exact=True)).to_be_focused()
    page.get_by_label("Text", exact=True).fill(
        "## Neue Urteile\n\nDas OVG Münster hat **entschieden**. Mehr bei den [Partnern](/behoerden/)."
    )
    page.get_by_role("button", name="Entwurf speichern und Vorschau zeigen").click()

    # --- Preview: HTML and plain text ----------------------------------------------------
    issue = Issue.objects.get()
    assert issue.status == Issue.Status.DRAFT and issue.created_by == office
    # The browser keeps the fragment of the error link (#id_body) across the redirect.
    expect(page).to_have_url(re.compile(rf"^{re.escape(base)}/verwaltung/newsletter/{issue.pk}/(#.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorschau: Nr. 1 – Rechtsprechung zum Glücksspiel")
    expect(status_message(page, "Der Entwurf wurde gespeichert.")).to_be_visible()
    expect(main).to_contain_text("SiKo-Ruhr-Newsletter Nr. 1: Rechtsprechung zum Glücksspiel")
    expect(main).to_contain_text("Zurzeit würde die Ausgabe an 3 bestätigte Adressen gehen.")
    html_preview = page.get_by_role("region", name="Vorschau als HTML")
    expect(html_preview).to_be_visible()
    expect(html_preview.get_by_role("heading", name="Neue Urteile", level=2)).to_be_visible()
    expect(html_preview.locator("strong")).to_have_text("entschieden")
    expect(html_preview.get_by_role("link", name="Alle Partner")).to_have_attribute("href", "/behoerden/")
    text_preview = page.get_by_role("region", name="Vorschau als reiner Text").locator("pre")
    expect(text_preview).to_be_visible()
    expect(text_preview).to_contain_text("Guten Tag Gina Muster,")
    expect(text_preview).to_contain_text("Das OVG Münster hat entschieden.")
    axe_check(page)

    # --- Test mail: to the office member only ----------------------------------------------
    page.get_by_role("button", name=re.compile(r"^Testmail an mich senden")).click()
    expect(status_message(page, "Testmail")).to_have_text(f"Die Testmail wurde an {office.email} gesendet.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vorschau:")
    axe_check(page)
    assert [message.to for message in mail.outbox] == [[office.email]]
    assert mail.outbox[0].subject == "[TEST] SiKo-Ruhr-Newsletter Nr. 1: Rechtsprechung zum Glücksspiel"
    assert not Delivery.objects.exists()
    mail.outbox.clear()

    # --- Dispatch: confirmation with the recipient count, then the progress ----------------
    page.get_by_role("link", name="Versand starten …").click()
    expect(page).to_have_url(f"{base}/verwaltung/newsletter/{issue.pk}/versenden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nr. 1 „Rechtsprechung zum Glücksspiel“ versenden?")
    expect(main).to_contain_text("Die Ausgabe geht an 3 bestätigte Adressen.")
    expect(page.get_by_role("alert")).to_contain_text("Der Versand lässt sich nicht zurücknehmen.")
    axe_check(page)
    assert mail.outbox == []
    page.get_by_role("button", name="Jetzt an 3 Adressen versenden").click()

    expect(page).to_have_url(f"{base}/verwaltung/newsletter/{issue.pk}/versand/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Versand von Nr. 1 „Rechtsprechung zum Glücksspiel“")
    expect(status_message(page, "Der Versand an")).to_have_text(
        "Der Versand an 3 Empfängerinnen und Empfänger wurde gestartet."
    )
    progress = page.get_by_role("region", name="Fortschritt")
    bar = progress.get_by_role("progressbar", name="Bearbeitet: 100 %")
    expect(bar).to_have_attribute("max", "3")
    expect(bar).to_have_attribute("value", "3")
    expect(bar).to_have_text("3 von 3")
    expect(progress).to_contain_text("Status: versandt")
    expect(progress.locator("[data-progress-field=sent]")).to_have_text("3")
    expect(progress.locator("[data-progress-field=failed]")).to_have_text("0")
    expect(progress.locator("[data-progress-field=pending]")).to_have_text("0")
    expect(progress.get_by_text("Der Versand ist abgeschlossen.")).to_be_visible()
    expect(main).to_contain_text("Keine – bisher ist keine Zustellung fehlgeschlagen.")
    axe_check(page)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert sorted(message.to for message in mail.outbox) == [[email] for email in sorted(SUBSCRIBERS)]
    assert {message.subject for message in mail.outbox} == {
        "SiKo-Ruhr-Newsletter Nr. 1: Rechtsprechung zum Glücksspiel"
    }
    mail.outbox.clear()

    # The list shows the sent issue with its counts.
    page.get_by_role("link", name="Alle Ausgaben").click()
    row = page.get_by_role("row", name=re.compile("Rechtsprechung zum Glücksspiel"))
    expect(row).to_contain_text("versandt")
    expect(row.get_by_role("cell").nth(-3)).to_have_text("3")
    axe_check(page)

    # --- Subscribers: list, add one address, import a list -------------------------------
    page.get_by_role("navigation", name="Newsletter-Verwaltung").get_by_role("link", name="Abonnements").click()
    expect(page).to_have_url(f"{base}/verwaltung/newsletter/abonnements/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter-Abonnements")
    expect(main).to_contain_text("3 angemeldet · 0 warten auf Bestätigung · 0 abgemeldet")
    for email in SUBSCRIBERS:
        expect(page.get_by_role("row", name=re.compile(re.escape(email)))).to_contain_text("angemeldet")
    axe_check(page)

    page.get_by_role("link", name="Adresse hinzufügen").click()
    expect(page).to_have_url(f"{base}/verwaltung/newsletter/abonnements/neu/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Adresse hinzufügen")
    axe_check(page)
    page.get_by_label("E-Mail-Adresse").fill("dora.neu@bottrop.de")
    page.get_by_label("Name").fill("Dora Neu")
    page.get_by_role("button", name="Bestätigungsanfrage senden").click()

    expect(page).to_have_url(f"{base}/verwaltung/newsletter/abonnements/")
    expect(status_message(page, "Bestätigungsanfrage")).to_contain_text(
        "An dora.neu@bottrop.de wurde eine Bestätigungsanfrage gesendet."
    )
    expect(main).to_contain_text("3 angemeldet · 1 warten auf Bestätigung · 0 abgemeldet")
    expect(page.get_by_role("row", name=re.compile("dora.neu@bottrop.de"))).to_contain_text("wartet auf Bestätigung")
    axe_check(page)
    assert [message.to for message in mail.outbox] == [["dora.neu@bottrop.de"]]
    assert CONFIRM_LINK.search(mail.outbox[0].body)
    mail.outbox.clear()

    page.get_by_role("link", name="Adressliste importieren").click()
    expect(page).to_have_url(f"{base}/verwaltung/newsletter/abonnements/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Adressliste importieren")
    axe_check(page)
    page.get_by_label("Adressen").fill(f"emil.import@essen.de; Emil Import\nkaputt@\n{SUBSCRIBERS[0]}")
    page.get_by_role("button", name="Importieren und Bestätigung anfragen").click()

    result = page.get_by_role("region", name="Ergebnis des Imports")
    expect(result).to_be_visible()
    # (The template says "1 neue Adresse erhalten"; "erhält" would be right: either passes.)
    expect(result).to_contain_text(re.compile(r"1 neue Adresse erh(ält|alten) eine E-Mail mit Bestätigungslink\."))
    expect(result.get_by_role("heading", name="Ungültige Zeilen (1)")).to_be_visible()
    expect(result.get_by_role("listitem").filter(has_text="Zeile 2")).to_have_text(
        "Zeile 2: „kaputt@“ ist keine gültige E-Mail-Adresse."
    )
    expect(result.get_by_role("heading", name="Übersprungen (1)")).to_be_visible()
    expect(result.get_by_role("listitem").filter(has_text="Zeile 3")).to_have_text(
        f"Zeile 3: {SUBSCRIBERS[0]} ist bereits angemeldet – übersprungen."
    )
    # Only the invalid line comes back, to be corrected.
    expect(page.get_by_label("Adressen")).to_have_value("kaputt@")
    axe_check(page)
    assert [message.to for message in mail.outbox] == [["emil.import@essen.de"]]
    imported = Subscriber.objects.get(email="emil.import@essen.de")
    assert (imported.name, imported.status, imported.source) == (
        "Emil Import",
        Subscriber.Status.PENDING,
        Subscriber.Source.IMPORT,
    )
    assert Subscriber.objects.count() == 5


def test_progress_page_updates_itself_while_the_dispatch_runs(live_server, transactional_db, office, page, axe_check):
    """A dispatch in state "sending" whose rows are marked sent behind the page's back."""
    base = live_server.url
    now = timezone.now()
    issue = Issue.objects.create(
        number=12,
        title="Jahresrückblick",
        body="Ein Jahr Sicherheitskooperation.",
        created_by=office,
        status=Issue.Status.SENDING,
        dispatch_started_at=now,
        dispatch_started_by="Gina Muster (gina.geschaeftsstelle@essen.de)",
        recipient_count=4,
        last_activity_at=now,
    )
    deliveries = []
    for number in range(4):
        subscriber = confirmed_subscriber(f"person{number}@bochum.de")
        deliveries.append(Delivery.objects.create(issue=issue, subscriber=subscriber, email=subscriber.email))
    Delivery.objects.filter(pk=deliveries[0].pk).update(status=Delivery.Status.SENT, sent_at=now)

    office_login(page, base, office, axe_check)
    page.goto(f"{base}/verwaltung/newsletter/{issue.pk}/versand/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Versand von Nr. 12 „Jahresrückblick“")
    progress = page.get_by_role("region", name="Fortschritt")
    bar = progress.get_by_role("progressbar")
    # The label is the bar's accessible name; its content is the text equivalent.
    expect(bar).to_have_accessible_name("Bearbeitet: 25 %")
    expect(bar).to_have_attribute("max", "4")
    expect(bar).to_have_attribute("value", "1")
    expect(bar).to_have_text("1 von 4")
    expect(progress).to_contain_text("Status: wird versandt")
    expect(progress.locator("[data-progress-field=sent]")).to_have_text("1")
    expect(progress.locator("[data-progress-field=pending]")).to_have_text("3")
    expect(progress.get_by_role("link", name="Seite aktualisieren")).to_be_visible()
    expect(progress.locator("[data-progress-finished]")).to_be_hidden()
    expect(page.get_by_role("heading", name="Versand unterbrochen?")).to_have_count(0)
    axe_check(page)
    # Survives only as long as the document does: gone after any reload or navigation.
    page.evaluate("() => { window.__sameDocument = true; }")

    # --- Two more rows are sent: the numbers follow without a reload -----------------------
    Delivery.objects.filter(pk__in=[deliveries[1].pk, deliveries[2].pk]).update(
        status=Delivery.Status.SENT, sent_at=timezone.now()
    )
    expect(bar).to_have_attribute("value", "3", timeout=POLL_TIMEOUT)
    expect(bar).to_have_accessible_name("Bearbeitet: 75 %")
    expect(bar).to_have_text("3 von 4")
    expect(progress.locator("[data-progress-field=sent]")).to_have_text("3")
    expect(progress.locator("[data-progress-field=pending]")).to_have_text("1")
    expect(progress).to_contain_text("Status: wird versandt")
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    axe_check(page)

    # --- The last one fails and the dispatch ends: announced to screen readers -------------
    Delivery.objects.filter(pk=deliveries[3].pk).update(status=Delivery.Status.FAILED, error="550 5.1.1 unbekannt")
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENT, dispatch_finished_at=timezone.now())
    finished = progress.locator("[data-progress-finished]")
    expect(finished).to_be_visible(timeout=POLL_TIMEOUT)
    expect(finished).to_have_text("Der Versand ist abgeschlossen.")
    expect(bar).to_have_attribute("value", "4")
    expect(bar).to_have_accessible_name("Bearbeitet: 100 %")
    expect(progress).to_contain_text("Status: versandt")
    expect(progress.locator("[data-progress-field=failed]")).to_have_text("1")
    expect(progress.locator("[aria-live=polite]")).to_have_text(
        "Der Versand ist abgeschlossen: 3 versandt, 1 fehlgeschlagen, 0 ausstehend von 4."
    )
    # The failure table was rendered before the failure: the page says so instead of "none failed".
    expect(page.get_by_text("Inzwischen sind weitere Zustellungen fehlgeschlagen.")).to_be_visible()
    expect(page.get_by_text("Keine – bisher ist keine Zustellung fehlgeschlagen.")).to_be_hidden()
    expect(page.get_by_role("link", name="Seite aktualisieren")).to_be_hidden()
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    axe_check(page)
