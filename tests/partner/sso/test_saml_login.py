"""Login through an authority's SAML 2.0 identity provider, against a real IdP process (pysaml2).

Stadt Essen's provider speaks SAML here (saml_essen). The portal is addressed as
portal.siko.test: python3-saml refuses single-label host names such as "testserver".
The same adapter and policy as OpenID Connect decide (test_sso_login.py); these tests show that
the SAML path reaches them: applicant or direct admission, linking only by a trusted address,
AuthnContextClassRef as second factor, single logout, the refusal of unsigned or foreign answers.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import requests
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.urls import reverse

from partner.models import AuditEvent, Decision, User
from partner.sso.models import IdentityProvider

from . import saml_idp
from .conftest import SAML_HOST as HOST
from .saml_idp import MFA_CONTEXT, log_in_at_idp

ENTITLEMENT = "urn:oid:1.3.6.1.4.1.5923.1.1.1.7"  # eduPersonEntitlement


def saml_login(portal: Client, server, email: str, login: str):
    """From the portal's page through the IdP's form back to the ACS; the portal's last answer."""
    response = portal.post(reverse("partner:sso_login"), {"email": email})
    assert response.status_code == 302, response.content
    assert response["Location"].startswith(f"{server.base}/sso?SAMLRequest=")
    acs, fields = log_in_at_idp(server, response["Location"], login)
    assert urlsplit(acs).netloc == HOST
    response = portal.post(urlsplit(acs).path, fields)  # the IdP's auto-submitting form
    assert response.status_code == 302
    return portal.get(response["Location"])  # allauth's finish step reads the stored POST


def test_sp_metadata_names_acs_and_single_logout(portal, saml_essen):
    metadata = portal.get(reverse("saml_metadata", args=["stadt-essen"])).content.decode()
    assert f'entityID="http://{HOST}/konto/saml/stadt-essen/metadata/"' in metadata
    assert f'Location="http://{HOST}/konto/saml/stadt-essen/acs/"' in metadata
    assert f'Location="http://{HOST}/konto/saml/stadt-essen/sls/"' in metadata


def test_first_login_makes_a_verified_applicant_the_office_admits(portal, saml_server, saml_essen):
    login = saml_server.add_account("sina", "sina.neu@essen.de")
    response = saml_login(portal, saml_server, "sina.neu@essen.de", login)
    assert response["Location"] == reverse("partner:application_status")
    user = User.objects.get(email="sina.neu@essen.de")
    assert user.status == User.Status.VERIFIED
    assert (user.first_name, user.last_name) == ("Sina", "Beispiel")
    assert not user.has_usable_password()
    assert SocialAccount.objects.get(user=user).provider == "stadt-essen"
    assert not Decision.objects.filter(user=user).exists()
    assert "_auth_user_id" not in portal.session


def test_entitlement_attribute_admits_directly(portal, saml_server, saml_essen):
    saml_essen.admission = IdentityProvider.Admission.ENTITLEMENT
    saml_essen.entitlement_claim = ENTITLEMENT
    saml_essen.entitlement_value = "siko-ruhr"
    saml_essen.save()
    login = saml_server.add_account("bert", "bert.direkt@essen.de", eduPersonEntitlement=["siko-ruhr", "andere"])
    response = saml_login(portal, saml_server, "bert.direkt@essen.de", login)
    user = User.objects.get(email="bert.direkt@essen.de")
    assert user.status == User.Status.ADMITTED
    assert response["Location"] == "/"
    assert portal.session["_auth_user_id"] == str(user.pk)
    decision = Decision.objects.get(user=user)
    assert decision.reason.startswith("zugelassen über Anmeldedienst der Behörde „Stadt Essen“")


def test_without_the_entitlement_the_office_still_decides(portal, saml_server, saml_essen):
    saml_essen.admission = IdentityProvider.Admission.ENTITLEMENT
    saml_essen.entitlement_claim = ENTITLEMENT
    saml_essen.entitlement_value = "siko-ruhr"
    saml_essen.save()
    login = saml_server.add_account("cora", "cora.ohne@essen.de", eduPersonEntitlement=["andere"])
    saml_login(portal, saml_server, "cora.ohne@essen.de", login)
    assert User.objects.get(email="cora.ohne@essen.de").status == User.Status.VERIFIED


def test_existing_password_account_is_linked_by_trusted_address(portal, saml_server, saml_essen, member):
    login = saml_server.add_account("max-saml", member.email)
    response = saml_login(portal, saml_server, member.email, login)
    assert response["Location"] == "/"
    assert portal.session["_auth_user_id"] == str(member.pk)
    assert SocialAccount.objects.get(provider="stadt-essen").user == member
    assert AuditEvent.objects.filter(subject=member, kind=AuditEvent.Kind.SSO_LINKED).exists()


def test_address_not_trusted_by_the_office_links_nothing(portal, saml_server, saml_essen, member):
    saml_essen.saml_email_trusted = False
    saml_essen.save()
    login = saml_server.add_account("max-untrusted", member.email)
    response = saml_login(portal, saml_server, member.email, login)
    assert response.status_code == 403
    assert "keine bestätigte E-Mail-Adresse" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert "_auth_user_id" not in portal.session


def test_mapped_verified_attribute_decides_without_the_trust_mark(portal, saml_server, saml_essen):
    saml_essen.saml_email_trusted = False
    saml_essen.saml_attribute_mapping = {"email_verified": ["urn:example:emailVerified"]}
    saml_essen.save()
    login = saml_server.add_account("vera", "vera.bestaetigt@essen.de", **{"urn:example:emailVerified": ["true"]})
    saml_login(portal, saml_server, "vera.bestaetigt@essen.de", login)
    assert User.objects.get(email="vera.bestaetigt@essen.de").status == User.Status.VERIFIED


def test_address_outside_the_authoritys_domains_is_refused(portal, saml_server, saml_essen, outsider):
    login = saml_server.add_account("olaf", outsider.email)
    assert saml_login(portal, saml_server, "irgendwer@essen.de", login).status_code == 403
    assert not SocialAccount.objects.exists()


def test_tampered_answer_is_refused(portal, saml_server, saml_essen):
    import base64

    login = saml_server.add_account("theo", "theo@essen.de")
    response = portal.post(reverse("partner:sso_login"), {"email": "theo@essen.de"})
    acs, fields = log_in_at_idp(saml_server, response["Location"], login)
    xml = base64.b64decode(fields["SAMLResponse"]).replace(b"theo@essen.de", b"tina@essen.de")
    fields["SAMLResponse"] = base64.b64encode(xml).decode()
    finish = portal.post(urlsplit(acs).path, fields)
    answer = portal.get(finish["Location"])
    assert answer.status_code == 401  # allauth's error page: the signature no longer fits
    assert "_auth_user_id" not in portal.session
    assert not User.objects.filter(email__in=["theo@essen.de", "tina@essen.de"]).exists()


# --- Second factor (AuthnContextClassRef) --------------------------------------------------------


def test_trusted_authn_context_counts_as_second_factor(portal, saml_server, saml_essen, office):
    saml_essen.mfa_trusted = True
    saml_essen.mfa_values = MFA_CONTEXT
    saml_essen.save()
    login = saml_server.add_account("gesa", office.email, context=MFA_CONTEXT)
    response = saml_login(portal, saml_server, office.email, login)
    assert response["Location"] == "/"
    assert portal.get(reverse("partner:admission_list")).status_code == 200


def test_untrusted_authn_context_leaves_the_portals_rules(portal, saml_server, saml_essen, office):
    login = saml_server.add_account("gesa2", office.email, context=MFA_CONTEXT)
    assert saml_login(portal, saml_server, office.email, login)["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in portal.session


def test_password_context_is_no_second_factor(portal, saml_server, saml_essen, office):
    saml_essen.mfa_trusted = True
    saml_essen.mfa_values = MFA_CONTEXT
    saml_essen.save()
    login = saml_server.add_account("gesa3", office.email)
    assert saml_login(portal, saml_server, office.email, login)["Location"] == reverse("mfa_authenticate")


# --- Single logout and CSP ---------------------------------------------------------------------------


def test_logout_ends_the_session_at_the_idp_too(portal, saml_server, saml_essen, member):
    login = saml_server.add_account("max-slo", member.email)
    saml_login(portal, saml_server, member.email, login)
    response = portal.post(reverse("account_logout"))
    assert "_auth_user_id" not in portal.session
    assert response["Location"].startswith(f"{saml_server.base}/slo?SAMLRequest=")
    answer = requests.get(response["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    assert saml_server.logouts()[-1]["name_id"] == member.email
    assert saml_server.logouts()[-1]["session_index"]
    back = urlsplit(answer.headers["Location"])
    assert (back.netloc, back.path) == (HOST, "/konto/saml/stadt-essen/sls/")
    done = portal.get(f"{back.path}?{back.query}")  # the LogoutResponse, checked by python3-saml
    assert done.status_code == 302 and done["Location"] == "/"


def test_csp_form_action_lists_the_idp(portal, saml_server, saml_essen, member):
    policy = portal.get(reverse("account_login"))["Content-Security-Policy"]
    assert f"form-action 'self' {saml_server.base}" in policy


def test_saml_logins_count_for_the_leaver_rule(portal, saml_server, saml_essen):
    from datetime import timedelta

    from django.utils import timezone

    from partner.sso.leavers import leavers

    saml_essen.admission = IdentityProvider.Admission.ENTITLEMENT
    saml_essen.entitlement_claim = ENTITLEMENT
    saml_essen.entitlement_value = "siko-ruhr"
    saml_essen.save()
    login = saml_server.add_account("lene", "lene.geht@essen.de", eduPersonEntitlement=["siko-ruhr"])
    saml_login(portal, saml_server, "lene.geht@essen.de", login)
    user = User.objects.get(email="lene.geht@essen.de")
    assert user not in leavers(saml_essen, timezone.now() + timedelta(days=29))
    assert user in leavers(saml_essen, timezone.now() + timedelta(days=31))


def test_logout_started_at_the_idp_ends_the_portal_session(portal, saml_server, saml_essen, member):
    login = saml_server.add_account("max-idp-slo", member.email)
    saml_login(portal, saml_server, member.email, login)
    assert portal.session["_auth_user_id"] == str(member.pk)
    sp = f"http://{HOST}/konto/saml/stadt-essen/metadata/"
    started = requests.get(
        f"{saml_server.base}/initiate-logout",
        params={"sp": sp, "name_id": member.email},
        allow_redirects=False,
        timeout=10,
    )
    target = urlsplit(started.headers["Location"])
    assert target.path == "/konto/saml/stadt-essen/sls/"
    answer = portal.get(f"{target.path}?{target.query}")
    assert "_auth_user_id" not in portal.session
    assert answer["Location"].startswith(f"{saml_server.base}/slo?SAMLResponse=")  # the LogoutResponse


def test_transient_name_id_without_lasting_attribute_is_refused(portal, saml_server, saml_essen, member):
    login = saml_server.add_account("tom", member.email, name_id=(saml_idp.TRANSIENT_FORMAT, "_einmal-4711"))
    response = saml_login(portal, saml_server, member.email, login)
    assert response.status_code == 403
    assert "wechselnde Kennung" in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_transient_name_id_with_a_mapped_lasting_attribute_is_fine(portal, saml_server, saml_essen, member):
    saml_essen.saml_attribute_mapping = {"uid": ["urn:oid:0.9.2342.19200300.100.1.1"]}  # uid
    saml_essen.save()
    login = saml_server.add_account(
        "tim", member.email, name_id=(saml_idp.TRANSIENT_FORMAT, "_einmal-4712"), uid=["tim.dauerhaft"]
    )
    assert saml_login(portal, saml_server, member.email, login)["Location"] == "/"
    assert SocialAccount.objects.get(user=member).uid == "tim.dauerhaft"
