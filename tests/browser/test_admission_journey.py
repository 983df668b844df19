"""The admission journey in a real browser, with an axe-core check on every page.

register → confirmation mail → confirm → status page → Geschäftsstelle logs in with
TOTP → queue → detail → admit → admission mail → applicant logs in → start page →
Behörden → profile.

The live server runs in a thread of this process, so `django.core.mail.outbox`
(locmem backend) sees the mails it sends. `transactional_db` (implied by
`live_server`) commits the fixtures' rows, so the server thread sees them.
"""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from allauth.mfa.utils import decrypt
from django.core import mail
from playwright.sync_api import expect

from partner.models import User
from tests.conftest import PASSWORD

# live_server implies this already; spelled out because the server thread must see committed rows.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    # pytest-playwright's own base_url fixture; nothing to do on our side.
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

APPLICANT_EMAIL = "erika.antrag@essen.de"
APPLICANT_PASSWORD = "Ein-sehr-langes-Passwort-2026"

# allauth's own texts: German, but another catalogue (locale/) may make them formal;
# match what stays the same either way.
ANMELDEN = re.compile(r"^\s*Anmeld")
CONFIRM_LINK = re.compile(r"https?://\S+/konto/confirm-email/\S+/")


def current_totp(user: User) -> str:
    """The code an authenticator app would show now for the user's TOTP secret.

    allauth accepts only the current 30-second step (MFA_TOTP_TOLERANCE = 0): close to the
    end of a step, wait for the next one so that the code is still valid when it arrives.
    """
    remaining = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if remaining < 3:
        time.sleep(remaining + 0.2)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def login(page, email: str, password: str, *, user: User | None = None) -> None:
    """The login form; with `user` given, also the second step if that user has TOTP set up
    (Geschäftsstelle, Redaktion and AK-Leitung must)."""
    page.get_by_label(re.compile(r"^E-Mail")).fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name=ANMELDEN).click()
    if user is not None and Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Authentifizierung")
        page.get_by_label("Code").fill(current_totp(user))
        page.get_by_role("button", name=ANMELDEN).click()


def fill_signup(page, *, function: str, password: str, password2: str) -> None:
    page.get_by_label("Dienstliche E-Mail-Adresse").fill(APPLICANT_EMAIL)
    page.get_by_label("Vorname").fill("Erika")
    page.get_by_label("Nachname").fill("Antrag")
    page.get_by_label("Behörde / Institution").select_option(label="Stadt Essen")
    page.get_by_label("Organisationseinheit").fill("Fachbereich Öffentliche Sicherheit und Ordnung")
    page.get_by_label("Funktion").fill(function)
    page.get_by_label("Telefon").fill("0201 88-4711")
    page.get_by_label("Wofür benötigen Sie den Zugang?").fill("Kontrollen im Gaststättengewerbe")
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_label("Passwort (Wiederholung)").fill(password2)
    page.get_by_label("Ich habe die Datenschutzerklärung zur Kenntnis genommen.").check()


def test_registration_admission_and_first_login(live_server, transactional_db, essen, office, new_page, axe_check):
    base = live_server.url
    applicant_page = new_page()

    # --- Registration, first with mistakes ------------------------------------------
    applicant_page.goto(f"{base}/konto/signup/")
    expect(applicant_page.get_by_role("heading", level=1)).to_have_text("Zugang zum SiKo Ruhr Portal beantragen")
    axe_check(applicant_page)

    fill_signup(applicant_page, function="", password="kurz-1", password2="kurz-1")
    applicant_page.get_by_role("button", name="Zugang beantragen").click()

    summary = applicant_page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile("^Funktion:"))).to_be_visible()
    expect(summary).to_contain_text("zu kurz")
    # What was typed is still there (passwords are never sent back).
    expect(applicant_page.get_by_label("Dienstliche E-Mail-Adresse")).to_have_value(APPLICANT_EMAIL)
    expect(applicant_page.get_by_label("Vorname")).to_have_value("Erika")
    expect(applicant_page.get_by_label("Nachname")).to_have_value("Antrag")
    expect(applicant_page.get_by_label("Behörde / Institution")).to_have_value(str(essen.pk))
    expect(applicant_page.get_by_label("Organisationseinheit")).to_have_value(
        "Fachbereich Öffentliche Sicherheit und Ordnung"
    )
    expect(applicant_page.get_by_label("Wofür benötigen Sie den Zugang?")).to_have_value(
        "Kontrollen im Gaststättengewerbe"
    )
    expect(applicant_page.get_by_label("Ich habe die Datenschutzerklärung zur Kenntnis genommen.")).to_be_checked()
    axe_check(applicant_page)
    assert not User.objects.filter(email=APPLICANT_EMAIL).exists()
    assert mail.outbox == []

    fill_signup(
        applicant_page,
        function="Sachbearbeitung Gewerbeüberwachung",
        password=APPLICANT_PASSWORD,
        password2=APPLICANT_PASSWORD,
    )
    applicant_page.get_by_role("button", name="Zugang beantragen").click()
    # "Verification sent": the address is named, the applicant is not logged in.
    expect(applicant_page.get_by_role("heading", level=1)).to_contain_text("E-Mail-Adresse")
    expect(applicant_page.locator("main")).to_contain_text(APPLICANT_EMAIL)
    expect(applicant_page.get_by_role("button", name="Abmelden")).to_have_count(0)
    axe_check(applicant_page)

    applicant = User.objects.get(email=APPLICANT_EMAIL)
    assert applicant.status == User.Status.APPLIED
    assert applicant.partner == essen

    # --- Confirmation mail and confirmation -------------------------------------------
    assert [message.to for message in mail.outbox] == [[APPLICANT_EMAIL]]
    link = CONFIRM_LINK.search(mail.outbox[0].body)
    assert link, mail.outbox[0].body
    assert link.group(0).startswith(base)
    mail.outbox.clear()

    applicant_page.goto(link.group(0))
    expect(applicant_page.get_by_role("heading", level=1)).to_have_text("E-Mail-Adresse bestätigen")
    expect(applicant_page.locator("main")).to_contain_text(APPLICANT_EMAIL)
    axe_check(applicant_page)
    applicant_page.get_by_role("button", name=re.compile("bestätigen", re.IGNORECASE)).click()

    expect(applicant_page).to_have_url(f"{base}/konto/antrag/")
    expect(applicant_page.get_by_role("heading", level=1)).to_have_text("Stand Ihres Zugangsantrags")
    expect(applicant_page.get_by_text("Vielen Dank – Ihre E-Mail-Adresse ist bestätigt.")).to_be_visible()
    expect(applicant_page.locator("main")).to_contain_text("liegt jetzt der Geschäftsstelle")
    axe_check(applicant_page)
    applicant.refresh_from_db()
    assert applicant.status == User.Status.VERIFIED
    # The Geschäftsstelle's mailbox hears of the new application.
    assert [message.to for message in mail.outbox] == [["poststelle@sikoruhr.nrw.de"]]
    mail.outbox.clear()

    # --- The Geschäftsstelle logs in with its second factor ----------------------------
    office_page = new_page()
    office_page.goto(f"{base}/konto/login/")
    expect(office_page.get_by_role("heading", level=1)).to_have_text(ANMELDEN)
    axe_check(office_page)
    login(office_page, office.email, PASSWORD)

    expect(office_page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Authentifizierung")
    expect(office_page.locator("main")).to_contain_text("Zwei-Faktor-Authentifizierung geschützt")
    axe_check(office_page)
    office_page.get_by_label("Code").fill(current_totp(office))
    office_page.get_by_role("button", name=ANMELDEN).click()

    expect(office_page).to_have_url(f"{base}/")
    expect(office_page.get_by_role("heading", level=1)).to_have_text(f"Willkommen, {office.first_name}")
    expect(office_page.locator("main")).to_contain_text("1 Zulassungsantrag wartet auf Ihre Entscheidung.")
    axe_check(office_page)

    # --- Queue, detail, admission -------------------------------------------------------
    office_page.get_by_role("navigation", name="Verwaltung").get_by_role("link", name="Zulassungen").click()
    expect(office_page).to_have_url(f"{base}/verwaltung/zulassungen/")
    expect(office_page.get_by_role("heading", level=1)).to_have_text("Zulassungsanträge")
    row = office_page.get_by_role("row", name=re.compile("Erika Antrag"))
    expect(row).to_contain_text("Stadt Essen")
    expect(row).to_contain_text(APPLICANT_EMAIL)
    axe_check(office_page)
    row.get_by_role("link", name="Erika Antrag").click()

    expect(office_page).to_have_url(f"{base}/verwaltung/nutzer/{applicant.pk}/")
    expect(office_page.get_by_role("heading", level=1)).to_have_text("Erika Antrag")
    expect(office_page.locator("main")).to_contain_text("Sachbearbeitung Gewerbeüberwachung")
    expect(office_page.locator("main")).to_contain_text("Kontrollen im Gaststättengewerbe")
    axe_check(office_page)
    office_page.get_by_role("button", name="Zulassen", exact=True).click()

    expect(office_page).to_have_url(f"{base}/verwaltung/zulassungen/")
    expect(office_page.get_by_role("status").filter(has_text="wurde zugelassen")).to_contain_text(
        "Erika Antrag wurde zugelassen. Die Person wurde per E-Mail benachrichtigt."
    )
    expect(office_page.locator("main")).to_contain_text("Zurzeit liegen keine Anträge zur Entscheidung vor.")
    axe_check(office_page)
    applicant.refresh_from_db()
    assert applicant.status == User.Status.ADMITTED

    # --- The applicant hears of it and logs in ------------------------------------------
    assert [message.to for message in mail.outbox] == [[APPLICANT_EMAIL]]
    admitted_mail = mail.outbox[0]
    assert "freigeschaltet" in admitted_mail.subject
    assert "Guten Tag Erika Antrag" in admitted_mail.body

    applicant_page.goto(f"{base}/konto/login/")
    expect(applicant_page.get_by_role("heading", level=1)).to_have_text(ANMELDEN)
    axe_check(applicant_page)
    login(applicant_page, APPLICANT_EMAIL, APPLICANT_PASSWORD)

    expect(applicant_page).to_have_url(f"{base}/")
    expect(applicant_page.get_by_role("heading", level=1)).to_have_text("Willkommen, Erika")
    expect(applicant_page.get_by_role("link", name="Behörden & Institutionen").first).to_be_visible()
    # Applicants are no office staff: no admission queue in their navigation.
    expect(applicant_page.get_by_role("link", name="Zulassungen")).to_have_count(0)
    axe_check(applicant_page)

    applicant_page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Behörden & Institutionen"
    ).click()
    expect(applicant_page).to_have_url(f"{base}/behoerden/")
    expect(applicant_page.get_by_role("heading", level=1)).to_have_text("Behörden & Institutionen")
    expect(applicant_page.get_by_role("row", name=re.compile("Stadt Essen"))).to_be_visible()
    axe_check(applicant_page)

    applicant_page.get_by_role("link", name="Erika Antrag").click()
    expect(applicant_page).to_have_url(f"{base}/konto/profil/")
    expect(applicant_page.get_by_role("heading", level=1)).to_have_text("Mein Profil")
    expect(applicant_page.locator("main")).to_contain_text(APPLICANT_EMAIL)
    expect(applicant_page.get_by_label("Funktion")).to_have_value("Sachbearbeitung Gewerbeüberwachung")
    axe_check(applicant_page)


def test_skip_link_is_first_tab_stop_and_moves_to_main_content(live_server, page, axe_check):
    page.goto(f"{live_server.url}/konto/login/")
    axe_check(page)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#inhalt$"))
    expect(page.locator("main#inhalt")).to_be_focused()
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('inhalt').contains(document.activeElement)")
