"""Login through an authority's identity provider, against a real OIDC provider process.

Stadt Essen runs its own provider (essen_idp). People at the provider: a newcomer (anna), a
newcomer with the entitlement group (ben), an existing password member (max.nutzer, the shared
`member`), someone whose address the provider never verified, and someone whose address is not
Essen's. The Landeskriminalamt (polizei) has no provider and keeps the password login.
"""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.urls import reverse

from partner.models import AuditEvent, Decision, User
from partner.sso.models import IdentityProvider

from .conftest import PORTAL
from .idp import log_in_at_provider


def sso_login(client, idp, email: str, login: str):
    """Start at the portal's page, log in at the provider, come back; the portal's last answer."""
    response = client.post(reverse("partner:sso_login"), {"email": email})
    assert response.status_code == 302, response.content
    authorize_url = response["Location"]
    assert authorize_url.startswith(idp.issuer)
    callback = log_in_at_provider(idp, authorize_url, login, back_to=PORTAL)
    return client.get(callback)


def test_first_login_makes_a_verified_applicant_the_office_admits(
    client, idp, essen_idp, django_capture_on_commit_callbacks
):
    login = idp.add_account("anna", "anna.neu@essen.de")
    with django_capture_on_commit_callbacks(execute=True):
        response = sso_login(client, idp, "anna.neu@essen.de", login)
    assert response["Location"] == reverse("partner:application_status")
    user = User.objects.get(email="anna.neu@essen.de")
    assert user.status == User.Status.VERIFIED
    assert user.partner == essen_idp.partner
    assert not user.has_usable_password()
    assert SocialAccount.objects.get(user=user).provider == "stadt-essen"
    assert not Decision.objects.filter(user=user).exists()
    (office_mail,) = [message for message in mail.outbox if message.to == ["poststelle@sikoruhr.nrw.de"]]
    assert f"/verwaltung/nutzer/{user.pk}/" in office_mail.body
    assert "_auth_user_id" not in client.session


def test_entitlement_admits_directly_through_the_admission_service(client, idp, essen_idp):
    essen_idp.admission = IdentityProvider.Admission.ENTITLEMENT
    essen_idp.entitlement_value = "siko-ruhr"
    essen_idp.save()
    login = idp.add_account("ben", "ben.direkt@essen.de", groups=["siko-ruhr", "andere"])
    response = sso_login(client, idp, "ben.direkt@essen.de", login)
    user = User.objects.get(email="ben.direkt@essen.de")
    assert user.status == User.Status.ADMITTED
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(user.pk)
    decision = Decision.objects.get(user=user)
    assert decision.action == Decision.Action.ADMITTED
    assert decision.reason.startswith("zugelassen über Anmeldedienst der Behörde „Stadt Essen“")
    assert decision.decided_by is None and decision.decided_by_name == "Anmeldedienst der Behörde Stadt Essen"
    event = AuditEvent.objects.get(subject=user, kind=AuditEvent.Kind.ADMITTED)
    assert event.actor_name == "Anmeldedienst der Behörde Stadt Essen"


def test_without_the_entitlement_the_office_still_decides(client, idp, essen_idp):
    essen_idp.admission = IdentityProvider.Admission.ENTITLEMENT
    essen_idp.entitlement_value = "siko-ruhr"
    essen_idp.save()
    login = idp.add_account("carla", "carla.ohne@essen.de", groups=["andere"])
    sso_login(client, idp, "carla.ohne@essen.de", login)
    assert User.objects.get(email="carla.ohne@essen.de").status == User.Status.VERIFIED
    assert "_auth_user_id" not in client.session


def test_existing_password_account_is_linked_by_verified_address(client, idp, essen_idp, member):
    login = idp.add_account("max", member.email)
    response = sso_login(client, idp, member.email, login)
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(member.pk)
    assert SocialAccount.objects.get(provider="stadt-essen").user == member
    assert AuditEvent.objects.filter(subject=member, kind=AuditEvent.Kind.SSO_LINKED).exists()
    member.refresh_from_db()
    assert member.has_usable_password()  # the password login stays as it was


def test_unverified_address_is_refused_and_links_nothing(client, idp, essen_idp, member):
    login = idp.add_account("max2", member.email, verified=False)
    response = sso_login(client, idp, member.email, login)
    assert response.status_code == 403
    assert "keine bestätigte E-Mail-Adresse" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SSO_REFUSED)
    assert event.subject == member and event.ip_address == "127.0.0.1"


def test_unverified_address_of_a_newcomer_creates_no_account(client, idp, essen_idp):
    login = idp.add_account("dora", "dora.unbestaetigt@essen.de", verified=False)
    assert sso_login(client, idp, "dora.unbestaetigt@essen.de", login).status_code == 403
    assert not User.objects.filter(email="dora.unbestaetigt@essen.de").exists()


def test_address_outside_the_authoritys_domains_is_refused(client, idp, essen_idp, outsider):
    # Essen's provider asserts an address of the Landeskriminalamt: it may not speak for it.
    login = idp.add_account("olga", outsider.email)
    response = client.post(reverse("partner:sso_login"), {"email": "irgendwer@essen.de"})
    callback = log_in_at_provider(idp, response["Location"], login, back_to=PORTAL)
    response = client.get(callback)
    assert response.status_code == 403
    assert not SocialAccount.objects.exists()


def test_account_of_another_authority_is_not_linked(client, idp, essen_idp, make_user, polizei):
    other = make_user("zoe.zugeordnet@essen.de", partner=polizei)
    login = idp.add_account("zoe", other.email)
    assert sso_login(client, idp, other.email, login).status_code == 403
    assert not SocialAccount.objects.filter(user=other).exists()


def test_authority_without_provider_keeps_the_password_login(client, essen_idp, outsider):
    response = client.post(reverse("partner:sso_login"), {"email": outsider.email})
    assert response.status_code == 200
    assert "kein Anmeldedienst eingerichtet" in response.content.decode()
    login = client.post(reverse("account_login"), {"login": outsider.email, "password": "Richtig-langes-Passwort-2026"})
    assert login.status_code == 302 and client.session["_auth_user_id"] == str(outsider.pk)


def test_login_page_offers_the_authority_login_only_with_a_provider(client, db, essen):
    assert "Mit dem Konto Ihrer Behörde anmelden" not in client.get(reverse("account_login")).content.decode()
    IdentityProvider.objects.create(
        partner=essen, name="Keycloak Essen", issuer="https://login.essen.de/realms/stadt", client_id="portal"
    )
    assert "Mit dem Konto Ihrer Behörde anmelden" in client.get(reverse("account_login")).content.decode()


# --- Second factor -------------------------------------------------------------------------------


@pytest.fixture
def office_at_idp(idp, office):
    return idp.add_account("gina", office.email, amr=["pwd", "otp"])


def test_trusted_provider_mfa_counts_as_second_factor(client, idp, essen_idp, office, office_at_idp):
    essen_idp.mfa_trusted = True
    essen_idp.save()
    response = sso_login(client, idp, office.email, office_at_idp)
    assert response["Location"] == "/"  # no TOTP step of the portal
    assert client.session["_auth_user_id"] == str(office.pk)
    assert client.get(reverse("partner:admission_list")).status_code == 200


def test_untrusted_provider_mfa_leaves_the_portals_rules(client, idp, essen_idp, office, office_at_idp):
    response = sso_login(client, idp, office.email, office_at_idp)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_provider_without_mfa_claim_leaves_the_portals_rules(client, idp, essen_idp, office):
    essen_idp.mfa_trusted = True
    essen_idp.save()
    login = idp.add_account("gina-pwd", office.email, amr=["pwd"])
    assert sso_login(client, idp, office.email, login)["Location"] == reverse("mfa_authenticate")


def test_trusted_mfa_satisfies_the_office_mfa_duty_without_portal_factor(client, idp, essen_idp, office_without_mfa):
    essen_idp.mfa_trusted = True
    essen_idp.save()
    login = idp.add_account("otto", office_without_mfa.email, amr=["pwd", "hwk"])
    sso_login(client, idp, office_without_mfa.email, login)
    assert client.get(reverse("partner:admission_list")).status_code == 200


def test_untrusted_login_of_office_without_factor_must_set_one_up(client, idp, essen_idp, office_without_mfa):
    login = idp.add_account("otto2", office_without_mfa.email, amr=["pwd", "hwk"])
    sso_login(client, idp, office_without_mfa.email, login)
    assert client.get(reverse("partner:admission_list"))["Location"] == reverse("mfa_index")


# --- Logout and CSP --------------------------------------------------------------------------------


def test_logout_ends_the_session_at_the_provider_too(client, idp, essen_idp, member):
    import re

    import requests

    login = idp.add_account("max3", member.email)
    sso_login(client, idp, member.email, login)
    response = client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session
    end_session = response["Location"]
    assert end_session.startswith(essen_idp.end_session_endpoint + "?")
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Fkonto%2Flogin%2F" in end_session
    # The provider accepts the request (it knows client and return address) and asks to confirm.
    session = requests.Session()
    page = session.get(end_session, timeout=10)
    assert page.status_code == 200
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', page.text).group(1)
    action = re.search(r'action="([^"]+)"', page.text).group(1)
    done = session.post(action, data={"xsrf": xsrf, "logout": "yes"}, allow_redirects=False, timeout=10)
    assert done.headers["Location"] == f"{PORTAL}/konto/login/"


def test_password_logout_goes_nowhere_else(client, essen_idp, member):
    client.force_login(member)
    assert client.post(reverse("account_logout"))["Location"] == "/"


def _form_action(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part for part in policy.split(";") if part.strip().startswith("form-action")).strip()


def test_csp_form_action_lists_exactly_the_configured_providers(client, idp, essen_idp, member):
    origin = idp.issuer
    assert _form_action(client.get(reverse("account_login"))) == f"form-action 'self' {origin}"
    assert _form_action(client.get(reverse("partner:sso_login"))) == f"form-action 'self' {origin}"
    assert _form_action(client.get(reverse("impressum"))) == "form-action 'self'"
    essen_idp.is_active = False
    essen_idp.save()
    assert _form_action(client.get(reverse("account_login"))) == "form-action 'self'"


def test_csp_of_an_sso_session_allows_its_providers_logout(client, idp, essen_idp, member):
    login = idp.add_account("max4", member.email)
    sso_login(client, idp, member.email, login)
    assert _form_action(client.get(reverse("impressum"))) == f"form-action 'self' {idp.issuer}"
    other = client.__class__()
    other.force_login(member)
    assert _form_action(other.get(reverse("impressum"))) == "form-action 'self'"


def test_unreachable_provider_gives_a_message_not_an_error(client, db, essen):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    IdentityProvider.objects.create(partner=essen, name="Keycloak", issuer=f"http://127.0.0.1:{port}", client_id="x")
    response = client.post(reverse("partner:sso_login"), {"email": "anna@essen.de"})
    assert response.status_code == 200
    assert "zurzeit nicht erreichbar" in response.content.decode()
