"""Journey: an AK-Leitung without a second factor is made to set one up, adds a passkey (a
virtual authenticator in Chromium), and logs in with it as second factor.

The browser context enforces the portal's CSP (no bypass): allauth's WebAuthn scripts must
run from 'self'. axe-core is injected through the DevTools protocol, which the CSP does not
govern, so every page is still checked for WCAG 2.1 A/AA.
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from facharbeitskreise import services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis
from tests.browser.conftest import AXE_JS, AXE_TAGS, _format_violations
from tests.browser.test_admission_journey import ANMELDEN, login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lead(make_user):
    """Leads a closed area and has no second factor yet."""
    arbeitskreis = Arbeitskreis.objects.create(name="FAK Shisha", slug="fak-shisha", is_confidential=True)
    user = make_user("lena.leitung@essen.de", first_name="Lena", last_name="Leitung")
    services.role_grant(arbeitskreis=arbeitskreis, role=Role.LEITUNG, actor=None, user=user)
    return user


@pytest.fixture
def strict_page(browser):
    """A page whose context keeps the CSP, with a virtual platform authenticator (a passkey)."""
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(10_000)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    page.csp_violations = violations
    yield page
    context.close()


def axe(page) -> None:
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations", AXE_TAGS
    )
    if violations:
        pytest.fail(_format_violations(page.url, violations), pytrace=False)


def test_a_lead_adds_a_passkey_and_logs_in_with_it(live_server, lead, strict_page):
    page = strict_page
    base = live_server.url.replace("127.0.0.1", "localhost")  # WebAuthn needs a host name, not an IP
    page.goto(f"{base}/konto/login/")
    login(page, lead.email, PASSWORD)

    # --- forced to the set-up, which offers both kinds of second factor -------------------
    expect(page).to_have_url(f"{base}/konto/2fa/")
    expect(page.get_by_role("alert")).to_contain_text("Zwei-Faktor-Authentifizierung Pflicht")
    expect(page.get_by_role("heading", name="Authenticator-App")).to_be_visible()
    axe(page)
    page.goto(f"{base}/")
    expect(page).to_have_url(f"{base}/konto/2fa/")

    page.get_by_role("link", name="Hinzufügen").click()
    # allauth asks for the password again before a factor is added
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sicherheitsschlüssel hinzufügen")
    axe(page)
    page.get_by_label("Name").fill("Laptop Dienststelle")
    page.get_by_role("button", name="Hinzufügen").click()

    expect(page.locator("main")).to_contain_text("Wiederherstellungscodes")
    key = Authenticator.objects.get(user=lead, type=Authenticator.Type.WEBAUTHN)
    assert key.data["name"] == "Laptop Dienststelle"
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen, Lena")

    # --- next login: the passkey is the second factor --------------------------------------
    page.context.clear_cookies()
    page.goto(f"{base}/konto/login/")
    login(page, lead.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Authentifizierung")
    axe(page)
    page.get_by_role("button", name="Sicherheitsschlüssel").click()
    expect(page).to_have_url(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen, Lena")
    assert page.get_by_role("button", name=ANMELDEN).count() == 0
    assert page.csp_violations == []


def test_a_failing_security_key_shows_a_message_and_the_code_still_works(live_server, office, strict_page):
    """The office has only TOTP: the (virtual) passkey knows no credential for it."""
    from tests.browser.test_admission_journey import current_totp

    page = strict_page
    page.goto(f"{live_server.url}/konto/login/")
    login(page, office.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Authentifizierung")
    page.get_by_role("button", name="Sicherheitsschlüssel").click()
    # Chromium refuses a key without a matching credential only after its own search; on a busy CI
    # machine (two test workers) that took longer than expect's default of 5 s.
    expect(page.get_by_role("alert")).to_contain_text(
        "Der Sicherheitsschlüssel konnte nicht verwendet werden", timeout=20_000
    )
    axe(page)
    page.get_by_label("Code").fill(current_totp(office))
    page.get_by_role("button", name=ANMELDEN).click()
    expect(page).to_have_url(f"{live_server.url}/")
    assert page.csp_violations == []
