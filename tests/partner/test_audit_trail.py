"""Every security event (login, second factor, password, address, admission, rights) lands in
the one audit log, after the real action through the client.

The receivers are in partner/audit.py; admission and area/Redaktion grants write from their
services, downloads from dokumente.downloads.file_response (tests of those in the apps' folders).
"""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, generate_totp_secret
from django.core import mail
from django.test import Client
from django.urls import reverse

from partner.models import AuditEvent, Decision, User

from ..conftest import PASSWORD
from .test_mfa_encryption import code_for

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
NEW_PASSWORD = "Ein-neues-Passwort-2026"


@pytest.fixture
def behind_proxy(settings):
    """As in production: the client's address comes from nginx's header (SIKO_CLIENT_IP_HEADER)."""
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"


def browser() -> Client:
    return Client(headers={"X-Real-IP": ADDRESS})


def log_in(user: User, password: str = PASSWORD) -> Client:
    client = browser()
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code in (200, 302)
    return client


def only(kind: str) -> AuditEvent:
    return AuditEvent.objects.get(kind=kind)


# --- Login, failure, lock-out, logout -----------------------------------------------------------------


def test_a_login_is_recorded_with_the_client_address(member, behind_proxy):
    log_in(member)
    event = only("login")
    assert (event.actor, event.subject, event.ip_address) == (member, member, ADDRESS)
    assert member.email in event.actor_name


def test_a_wrong_password_is_recorded_for_the_account_without_the_password(member, behind_proxy):
    log_in(member, "Falsches-Passwort-123")
    event = only("login_failed")
    assert (event.subject, event.actor, event.ip_address) == (member, None, ADDRESS)
    assert event.detail == {"step": "password", "known_account": True}
    stored = repr(list(AuditEvent.objects.values()))
    assert "Falsches-Passwort-123" not in stored and "****" not in stored
    assert not AuditEvent.objects.filter(kind="login").exists()


def test_an_address_of_no_account_is_not_stored(db, behind_proxy):
    client = browser()
    client.post(reverse("account_login"), {"login": "Geheim-Passwort@versehen.de", "password": "x-y-z-123"})
    event = only("login_failed")
    assert event.subject is None and event.detail["known_account"] is False
    assert "versehen" not in repr(list(AuditEvent.objects.values())).lower()


def test_the_rate_limit_hit_is_recorded_as_a_lock_out(member, behind_proxy):
    for _ in range(5):
        log_in(member, "Falsches-Passwort-123")
    response = browser().post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.content.decode()
    event = only("locked_out")
    assert (event.subject, event.ip_address) == (member, ADDRESS)
    assert AuditEvent.objects.filter(kind="login_failed", subject=member).count() == 5


def test_logout_is_recorded_and_an_anonymous_logout_is_not(member, behind_proxy):
    Client().post(reverse("account_logout"))
    assert not AuditEvent.objects.filter(kind="logout").exists()
    log_in(member).post(reverse("account_logout"))
    event = only("logout")
    assert (event.actor, event.subject) == (member, member)


# --- Second factor -------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_adding_and_removing_totp_is_recorded(member):
    # transaction=True: allauth announces the new factor on commit, inside the request as in production.
    client = log_in(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    code = code_for(client.session[SECRET_SESSION_KEY])
    assert client.post(reverse("mfa_activate_totp"), {"code": code}).status_code == 302
    added = AuditEvent.objects.filter(kind="mfa_added", subject=member)
    assert {event.detail["type"] for event in added} >= {"totp"}
    assert client.post(reverse("mfa_deactivate_totp")).status_code == 302
    # With the last factor allauth removes the recovery codes too: one entry each.
    removed = AuditEvent.objects.filter(kind="mfa_removed")
    assert {(e.actor, e.subject, e.detail["type"]) for e in removed} == {
        (member, member, "totp"),
        (member, member, "recovery_codes"),
    }
    assert "secret" not in repr(list(AuditEvent.objects.values()))


@pytest.fixture
def with_recovery_codes(member) -> User:
    TOTP.activate(member, generate_totp_secret())
    RecoveryCodes.activate(member)
    return member


def test_a_recovery_code_used_at_login_is_recorded(with_recovery_codes, behind_proxy):
    member = with_recovery_codes
    codes = RecoveryCodes(Authenticator.objects.get(user=member, type=Authenticator.Type.RECOVERY_CODES))
    code = codes.get_unused_codes()[0]
    client = log_in(member)
    client.post(reverse("mfa_authenticate"), {"code": code})
    event = only("recovery_code_used")
    assert (event.subject, event.ip_address) == (member, None)  # the address is on the login entry
    assert code not in repr(event.detail)
    assert AuditEvent.objects.get(kind="login", subject=member).ip_address == ADDRESS


def test_a_wrong_second_factor_code_is_a_failed_login(with_recovery_codes, behind_proxy):
    member = with_recovery_codes
    log_in(member).post(reverse("mfa_authenticate"), {"code": "000000"})
    event = only("login_failed")
    assert (event.subject, event.detail["step"]) == (member, "mfa")
    assert not AuditEvent.objects.filter(kind="login").exists()


@pytest.mark.django_db(transaction=True)
def test_new_recovery_codes_are_recorded(with_recovery_codes):
    member = with_recovery_codes
    client = Client()
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.post(reverse("mfa_generate_recovery_codes"))
    assert only("mfa_reset").subject == member


# --- Password -------------------------------------------------------------------------------------------


def test_a_password_change_is_recorded(member):
    client = log_in(member)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    event = only("password_changed")
    assert (event.actor, event.subject) == (member, member)
    assert NEW_PASSWORD not in repr(list(AuditEvent.objects.values()))


def test_a_password_reset_is_recorded(member):
    client = Client()
    client.post(reverse("account_reset_password"), {"email": member.email})
    link = re.search(r"https?://[^/\s]+(/konto/password/reset/key/\S+)", mail.outbox[-1].body)
    form = client.get(link.group(1))
    client.post(form["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    event = only("password_reset")
    assert (event.actor, event.subject) == (member, member)


# --- Admission, deactivation, reactivation ---------------------------------------------------------------


def test_decisions_are_in_the_audit_log_beside_the_workflow_record(client, office, applicant):
    client.force_login(office)
    client.post(reverse("partner:account_admit", args=[applicant.pk]), {"admit-reason": ""})
    client.post(reverse("partner:account_deactivate", args=[applicant.pk]), {"reason": "Behördenwechsel"})
    client.post(reverse("partner:account_reactivate", args=[applicant.pk]))
    events = AuditEvent.objects.filter(subject=applicant).order_by("pk")
    assert [e.kind for e in events] == ["admitted", "deactivated", "reactivated"]
    assert all(e.actor == office for e in events)
    assert events[1].detail["reason"] == "Behördenwechsel"
    decisions = Decision.objects.filter(user=applicant).order_by("pk")
    assert [e.detail["decision"] for e in events] == [d.pk for d in decisions]


# --- The history outlives the account ----------------------------------------------------------------------


@pytest.fixture
def superuser_client(superuser) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


def test_deleting_an_account_in_the_admin_keeps_its_history(superuser_client, office, member, behind_proxy):
    log_in(member)
    office_client = Client()
    office_client.force_login(office)
    office_client.post(reverse("partner:account_deactivate", args=[member.pk]), {"reason": "Ausgeschieden"})
    name = f"{member.get_full_name()} ({member.email})"
    response = superuser_client.post(reverse("admin:partner_user_delete", args=[member.pk]), {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert not User.objects.filter(pk=member.pk).exists()
    login = AuditEvent.objects.get(kind="login", actor_name=name)
    assert (login.actor, login.subject, login.subject_name) == (None, None, name)
    assert AuditEvent.objects.get(kind="deactivated").subject_name == name
    decision = Decision.objects.get(action="deactivated")
    assert (decision.user, decision.user_name) == (None, name)
    assert AuditEvent.objects.filter(kind="admin_change", detail__action="delete").exists()
