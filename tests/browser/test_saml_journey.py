"""Login and single logout through an authority's SAML 2.0 IdP in a real browser (Chromium),
against a real pysaml2 IdP process (tests/partner/sso/saml_idp.py), with the portal's CSP enforced
and axe-core on the portal's pages.

The redirect to the IdP after the portal's form (login, logout) passes only because `form-action`
lists the IdP's origin; the IdP answers with its auto-submitting HTTP-POST form to the portal's ACS.
"""

from __future__ import annotations

import pytest
import requests
from playwright.sync_api import expect

from partner.models import User
from partner.sso.models import IdentityProvider
from partner.sso.saml import parse_metadata
from tests.partner.sso import saml_idp

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


@pytest.fixture(scope="module")
def browser_saml_idp(tmp_path_factory):
    process = saml_idp.start(tmp_path_factory.mktemp("browser-saml-idp"))
    yield process
    process.stop()


@pytest.fixture
def essen_saml(live_server, essen, browser_saml_idp) -> IdentityProvider:
    found = parse_metadata(entity_id=browser_saml_idp.entity_id, url=browser_saml_idp.entity_id)
    provider = IdentityProvider.objects.create(
        partner=essen,
        name="Landesverbund NRW",
        protocol=IdentityProvider.Protocol.SAML,
        saml_entity_id=browser_saml_idp.entity_id,
        saml_metadata_url=browser_saml_idp.entity_id,
        saml_x509cert=found["x509cert"],
        authorization_endpoint=found["sso_url"],
        end_session_endpoint=found["slo_url"],
        saml_email_trusted=True,
        admission=IdentityProvider.Admission.ENTITLEMENT,
        entitlement_claim="urn:oid:1.3.6.1.4.1.5923.1.1.1.7",
        entitlement_value="siko-ruhr",
    )
    metadata = requests.get(f"{live_server.url}/konto/saml/stadt-essen/metadata/", timeout=10)
    assert metadata.status_code == 200, metadata.text
    browser_saml_idp.register_sp("stadt-essen", metadata.text)
    return provider


@pytest.fixture
def strict_page(browser):
    """A page that enforces the portal's CSP (the shared contexts bypass it for axe-core)."""
    context = browser.new_context(locale="de-DE", bypass_csp=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda message: "form-action" in message.text and blocked.append(message.text))
    page.blocked = blocked
    yield page
    context.close()


def _log_in(page, base: str, idp, email: str, login: str) -> None:
    page.goto(f"{base}/konto/login/")
    page.get_by_label("Dienstliche E-Mail-Adresse").fill(email)
    page.get_by_role("button", name="Weiter zum Anmeldedienst Ihrer Behörde").click()
    page.wait_for_url(f"{idp.base}/sso**")
    page.get_by_label("Kennung").fill(login)
    page.get_by_label("Passwort").fill(saml_idp.PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def test_saml_login_and_single_logout_pass_the_enforced_csp(live_server, browser_saml_idp, essen_saml, strict_page):
    page = strict_page
    login = browser_saml_idp.add_account("berta", "berta.saml@essen.de", eduPersonEntitlement=["siko-ruhr"])
    _log_in(page, live_server.url, browser_saml_idp, "berta.saml@essen.de", login)
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    assert page.url == f"{live_server.url}/"
    assert User.objects.get(email="berta.saml@essen.de").status == User.Status.ADMITTED

    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(f"{live_server.url}/konto/login/**")
    assert browser_saml_idp.logouts()[-1]["name_id"] == "berta.saml@essen.de"
    assert page.blocked == []


def test_saml_newcomer_journey_with_axe(live_server, browser_saml_idp, essen_saml, new_page, axe_check):
    page = new_page()
    login = browser_saml_idp.add_account("carlo", "carlo.saml@essen.de")
    page.goto(f"{live_server.url}/konto/login/")
    axe_check(page)
    _log_in(page, live_server.url, browser_saml_idp, "carlo.saml@essen.de", login)
    expect(page.get_by_role("heading", name="Stand Ihres Zugangsantrags")).to_be_visible()
    axe_check(page)
    assert User.objects.get(email="carlo.saml@essen.de").status == User.Status.VERIFIED
