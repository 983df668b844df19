"""Login with the authority's own identity provider in a real browser (Chromium), against a real
OpenID Connect provider process (tests/partner/sso/oidc_provider.mjs).

- With the portal's CSP enforced: the login form's redirect to the provider passes only because
  `form-action` lists the provider (a wrong origin there and Chromium blocks it), and so does the
  logout form's redirect to the provider's end-session page.
- With axe-core on every page: the login page, the provider's own login form, the status page of
  a newcomer waiting for admission.

Stadt Essen's provider admits members of the group "siko-ruhr" directly and is trusted for its
second factor; Bernd has the group, Clara has not.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from partner.models import User
from partner.sso.models import IdentityProvider
from tests.partner.sso import idp as idp_process
from tests.partner.sso.conftest import provider_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


@pytest.fixture(scope="module")
def browser_idp(live_server, tmp_path_factory):
    process = idp_process.start(
        tmp_path_factory.mktemp("browser-idp"), portal_urls=[live_server.url], provider_ids=["stadt-essen"]
    )
    yield process
    process.stop()


@pytest.fixture
def essen_provider(essen, browser_idp) -> IdentityProvider:
    return provider_for(
        essen,
        browser_idp,
        admission=IdentityProvider.Admission.ENTITLEMENT,
        entitlement_value="siko-ruhr",
        mfa_trusted=True,
    )


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


def _start_at_portal(page, base: str, email: str) -> None:
    page.goto(f"{base}/konto/login/")
    page.get_by_label("Dienstliche E-Mail-Adresse").fill(email)
    page.get_by_role("button", name="Weiter zum Anmeldedienst Ihrer Behörde").click()


def _log_in_at_provider(page, login: str) -> None:
    page.get_by_label("Benutzername").fill(login)
    page.get_by_label("Passwort").fill(idp_process.PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def test_sso_login_and_logout_pass_the_enforced_csp(live_server, browser_idp, essen_provider, strict_page):
    page = strict_page
    login = browser_idp.add_account("bernd", "bernd.berechtigt@essen.de", groups=["siko-ruhr"], amr=["pwd", "otp"])
    _start_at_portal(page, live_server.url, "bernd.berechtigt@essen.de")
    expect(page.get_by_role("heading", name="Anmeldung beim Anmeldedienst der Behörde")).to_be_visible()
    assert page.url.startswith(browser_idp.issuer)
    _log_in_at_provider(page, login)
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    assert page.url == f"{live_server.url}/"
    assert User.objects.get(email="bernd.berechtigt@essen.de").status == User.Status.ADMITTED

    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("heading", name="Abmelden beim Anmeldedienst")).to_be_visible()
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(f"{live_server.url}/konto/login/")
    assert page.blocked == []


def test_chromium_blocks_a_provider_that_form_action_does_not_list(
    live_server, browser_idp, essen_provider, strict_page
):
    # The row names another origin than the one the redirect goes to: the CSP lists the wrong one.
    IdentityProvider.objects.filter(pk=essen_provider.pk).update(
        authorization_endpoint=essen_provider.authorization_endpoint.replace("127.0.0.1", "localhost"),
        end_session_endpoint=essen_provider.end_session_endpoint.replace("127.0.0.1", "localhost"),
    )
    cache.clear()  # the login page's list of origins
    page = strict_page
    _start_at_portal(page, live_server.url, "bernd.berechtigt@essen.de")
    page.wait_for_timeout(1000)
    assert not page.url.startswith(browser_idp.issuer)
    assert any("form-action" in text for text in page.blocked)


def test_newcomer_journey_through_the_providers_form_with_axe(
    live_server, browser_idp, essen_provider, new_page, axe_check
):
    page = new_page()
    login = browser_idp.add_account("clara", "clara.neu@essen.de", groups=["andere"])
    page.goto(f"{live_server.url}/konto/login/")
    expect(page.get_by_role("heading", name="Mit dem Konto Ihrer Behörde anmelden")).to_be_visible()
    axe_check(page)
    page.get_by_label("Dienstliche E-Mail-Adresse").fill("clara.neu@essen.de")
    page.get_by_role("button", name="Weiter zum Anmeldedienst Ihrer Behörde").click()
    expect(page.get_by_label("Benutzername")).to_have_value("clara.neu")  # login_hint reached the provider
    axe_check(page)
    _log_in_at_provider(page, login)
    expect(page.get_by_role("heading", name="Stand Ihres Zugangsantrags")).to_be_visible()
    expect(page.get_by_text("liegt jetzt der Geschäftsstelle")).to_be_visible()
    axe_check(page)
    assert User.objects.get(email="clara.neu@essen.de").status == User.Status.VERIFIED
