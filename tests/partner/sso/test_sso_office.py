"""The Geschäftsstelle's pages for identity providers, and leavers' suspension.

Gina (office) keeps the providers; Max (member) may not (the route sweep covers every role).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse
from django.utils import timezone

from partner import recertification
from partner.models import AuditEvent, Decision, SuspensionCause, User
from partner.sso.models import IdentityProvider

from .idp import CLIENT_ID, CLIENT_SECRET


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def _form(idp, essen, **changes) -> dict:
    data = {
        "partner": essen.pk,
        "name": "Keycloak der Stadt Essen",
        "protocol": IdentityProvider.Protocol.OIDC,
        "issuer": idp.issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "client_secret_env": "",
        "admission": IdentityProvider.Admission.OFFICE,
        "entitlement_claim": "groups",
        "entitlement_value": "",
        "mfa_values": "mfa otp hwk swk",
        "leaver_days": "30",
        "is_active": "on",
    }
    return {**data, **changes}


def test_office_sets_up_a_provider_from_its_discovery(office_client, idp, essen):
    response = office_client.post(reverse("partner:sso_provider_create"), _form(idp, essen))
    assert response["Location"] == reverse("partner:sso_provider_list")
    provider = IdentityProvider.objects.get()
    assert provider.authorization_endpoint == f"{idp.issuer}/auth"
    assert provider.end_session_endpoint == f"{idp.issuer}/session/end"
    assert CLIENT_SECRET not in provider.client_secret_encrypted
    assert provider.client_secret() == CLIENT_SECRET
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ADMIN_CHANGE, target=f"partner.identityprovider:{provider.pk}")
    assert CLIENT_SECRET not in str(event.detail)
    assert "Keycloak der Stadt Essen" in office_client.get(reverse("partner:sso_provider_list")).content.decode()


def test_secret_is_never_shown_again_and_kept_when_left_empty(office_client, idp, essen):
    office_client.post(reverse("partner:sso_provider_create"), _form(idp, essen))
    provider = IdentityProvider.objects.get()
    page = office_client.get(reverse("partner:sso_provider_edit", args=[provider.pk])).content.decode()
    assert CLIENT_SECRET not in page and provider.client_secret_encrypted not in page
    assert "Ein Geheimnis ist hinterlegt" in page
    response = office_client.post(
        reverse("partner:sso_provider_edit", args=[provider.pk]), _form(idp, essen, client_secret="", mfa_trusted="on")
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.mfa_trusted and provider.client_secret() == CLIENT_SECRET


def test_secret_from_the_environment(office_client, idp, essen, monkeypatch):
    monkeypatch.setenv("SIKO_SSO_ESSEN_SECRET", "aus-der-umgebung")
    office_client.post(
        reverse("partner:sso_provider_create"),
        _form(idp, essen, client_secret="", client_secret_env="SIKO_SSO_ESSEN_SECRET"),
    )
    provider = IdentityProvider.objects.get()
    assert provider.client_secret_encrypted == ""
    assert provider.client_secret() == "aus-der-umgebung"


def test_unreachable_or_wrong_issuer_is_refused(office_client, idp, essen):
    response = office_client.post(reverse("partner:sso_provider_create"), _form(idp, essen, issuer=f"{idp.issuer}/x"))
    assert response.status_code == 200
    assert "antwortet nicht wie erwartet" in response.content.decode()
    assert not IdentityProvider.objects.exists()


def test_entitlement_policy_needs_its_value(office_client, idp, essen):
    data = _form(idp, essen, admission=IdentityProvider.Admission.ENTITLEMENT)
    response = office_client.post(reverse("partner:sso_provider_create"), data)
    assert "Bitte geben Sie den Wert an" in response.content.decode()


def test_authority_without_domain_cannot_get_a_provider(office_client, idp, essen):
    essen.domains.all().delete()
    response = office_client.post(reverse("partner:sso_provider_create"), _form(idp, essen))
    assert "keine E-Mail-Domain hinterlegt" in response.content.decode()


def test_office_navigation_lists_the_providers(office_client):
    assert reverse("partner:sso_provider_list") in office_client.get(reverse("home")).content.decode()


# --- Leavers ---------------------------------------------------------------------------------------


def _linked(user: User, provider: IdentityProvider, last_login) -> SocialAccount:
    account = SocialAccount.objects.create(user=user, provider=provider.provider_id, uid=user.email)
    SocialAccount.objects.filter(pk=account.pk).update(last_login=last_login)
    return account


@pytest.fixture
def essen_provider(essen) -> IdentityProvider:
    return IdentityProvider.objects.create(
        partner=essen, name="Keycloak Essen", issuer="https://login.essen.de/realms/stadt", client_id="portal"
    )


def test_sso_user_without_sso_login_for_n_days_rests(essen_provider, member, make_user):
    now = timezone.now()
    User.objects.filter(pk=member.pk).update(status_changed_at=now - timedelta(days=100))
    _linked(member, essen_provider, now - timedelta(days=31))
    recent = make_user("rita.recent@essen.de", status_changed_at=now - timedelta(days=100))
    _linked(recent, essen_provider, now - timedelta(days=29))
    password_only = make_user("paula.passwort@essen.de", status_changed_at=now - timedelta(days=100))

    recertification.run_daily(now=now)

    member.refresh_from_db()
    assert member.status == User.Status.SUSPENDED
    decision = Decision.objects.get(user=member)
    assert "nicht über den Anmeldedienst Ihrer Behörde" in decision.reason
    event = AuditEvent.objects.get(subject=member, kind=AuditEvent.Kind.SUSPENDED)
    assert event.detail["cause"] == SuspensionCause.SSO_LEAVER
    assert User.objects.get(pk=recent.pk).status == User.Status.ADMITTED
    assert User.objects.get(pk=password_only.pk).status == User.Status.ADMITTED


def test_a_reactivated_leaver_gets_the_full_period_again(essen_provider, member):
    now = timezone.now()
    _linked(member, essen_provider, now - timedelta(days=90))
    User.objects.filter(pk=member.pk).update(status_changed_at=now - timedelta(days=2))
    recertification.run_daily(now=now)
    assert User.objects.get(pk=member.pk).status == User.Status.ADMITTED


def test_no_leaver_rule_for_a_switched_off_provider(essen_provider, member):
    now = timezone.now()
    User.objects.filter(pk=member.pk).update(status_changed_at=now - timedelta(days=100))
    _linked(member, essen_provider, now - timedelta(days=60))
    essen_provider.is_active = False
    essen_provider.save()
    recertification.run_daily(now=now)
    assert User.objects.get(pk=member.pk).status == User.Status.ADMITTED


# --- Data protection ----------------------------------------------------------------------------


def test_the_link_is_in_my_data_and_goes_with_the_erasure(essen_provider, member, office):
    from partner import personal_data

    _linked(member, essen_provider, timezone.now())
    (section,) = [s for s in personal_data.export(member) if s.key == "anmeldedienst"]
    assert [row["dienst"] for row in section.rows] == ["stadt-essen"]
    personal_data.erase(member, by=office)
    assert not SocialAccount.objects.filter(user=member).exists()
