"""Session lifetime and identity: idle timeout, maximum age, a new id at every privilege step.

The clock of partner.sessions is moved instead of sleeping. Member Max and Gina of the
Geschäftsstelle (with a second factor) stand for the roles that have a session; an applicant's
session holds no login and is left alone.
"""

from __future__ import annotations

import pytest
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from common.roles import OFFICE_GROUP
from partner import sessions
from partner.models import User

from ..conftest import PASSWORD
from ..helpers import count_queries, main_text
from .test_accounts import logged_in_client

pytestmark = pytest.mark.django_db

MINUTE = 60
HOUR = 60 * MINUTE


class Clock:
    def __init__(self) -> None:
        self.at = 1_800_000_000.0

    def __call__(self) -> float:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(sessions, "now", clock)
    return clock


def session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def totp_secret(user: User) -> str:
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return get_mfa_adapter().decrypt(totp.data["secret"])


def logged_in_office(user: User) -> Client:
    """A real login with password and second factor (the session is tracked like in production)."""
    browser = Client()
    response = browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    response = browser.post(reverse("mfa_authenticate"), {"code": totp_code(totp_secret(user))})
    assert response["Location"] == reverse("home")
    return browser


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# --- Idle timeout and maximum age -----------------------------------------------------------------


@pytest.mark.parametrize("role", ["member", "office"])
def test_idle_session_ends_after_30_minutes_with_a_german_message(request, clock, role):
    user = request.getfixturevalue(role)
    browser = logged_in_office(user) if role == "office" else logged_in_client(user)
    assert browser.get(reverse("home")).status_code == 200
    clock.advance(30 * MINUTE)
    response = browser.get(reverse("home"))
    assert is_login_redirect(response)
    assert "_auth_user_id" not in browser.session
    page = main_text(browser.get(response["Location"]))
    assert "weil Sie 30 Minuten lang nicht im Portal aktiv waren" in page
    assert "Bitte melden Sie sich erneut an." in page


def test_activity_keeps_the_session_alive(client, member, clock):
    client.force_login(member)
    for _ in range(4):
        clock.advance(29 * MINUTE)
        assert client.get(reverse("home")).status_code == 200


def test_no_activity_extends_the_maximum_of_10_hours(client, member, clock):
    client.force_login(member)
    # A request every 25 minutes for ten hours: never idle, still ended at the limit.
    for _ in range(23):
        clock.advance(25 * MINUTE)
        assert client.get(reverse("home")).status_code == 200
    clock.advance(25 * MINUTE)
    response = client.get(reverse("home"))
    assert is_login_redirect(response)
    assert "Höchstdauer von 10 Stunden" in main_text(client.get(response["Location"]))


def test_a_new_login_starts_a_new_maximum(client, member, clock):
    client.force_login(member)
    clock.advance(9 * HOUR + 50 * MINUTE)
    client.force_login(member)
    clock.advance(20 * MINUTE)
    assert client.get(reverse("home")).status_code == 200


def test_limits_come_from_the_settings(client, member, clock, settings):
    settings.SIKO_SESSION_IDLE_MINUTES = 5
    settings.SIKO_SESSION_MAX_HOURS = 1
    client.force_login(member)
    clock.advance(4 * MINUTE)
    assert client.get(reverse("home")).status_code == 200
    clock.advance(5 * MINUTE)
    assert is_login_redirect(client.get(reverse("home")))
    client.force_login(member)
    for _ in range(14):
        clock.advance(4 * MINUTE)
        assert client.get(reverse("home")).status_code == 200
    clock.advance(4 * MINUTE)
    assert is_login_redirect(client.get(reverse("home")))


def test_an_ended_session_is_gone_from_the_database(client, member, clock):
    browser = logged_in_client(member)
    old_key = session_key(browser)
    clock.advance(31 * MINUTE)
    browser.get(reverse("home"))
    assert not Session.objects.filter(session_key=old_key).exists()


def test_a_public_page_after_the_timeout_is_shown_logged_out(client, member, clock):
    client.force_login(member)
    clock.advance(31 * MINUTE)
    response = client.get(reverse("impressum"))
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_applicant_session_is_not_touched(client, applicant, clock):
    response = client.post(reverse("account_login"), {"login": applicant.email, "password": PASSWORD})
    assert response["Location"] == reverse("partner:application_status")
    clock.advance(11 * HOUR)
    assert client.get(reverse("partner:application_status")).status_code == 200


def test_the_checks_cost_no_query_per_request(client, member, clock, settings):
    client.force_login(member)
    clock.advance(2 * MINUTE)
    client.get(reverse("home"))  # the minute's activity stamp is written here
    with_checks = count_queries(client, reverse("home"))
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m not in ("partner.sessions.SessionLifetimeMiddleware",)]
    assert count_queries(client, reverse("home")) == with_checks


def test_the_activity_stamp_is_written_once_a_minute(client, member, clock):
    client.force_login(member)
    stored = Session.objects.get(session_key=session_key(client))
    seen = stored.get_decoded()[sessions.SEEN_KEY]
    clock.advance(30)
    client.get(reverse("home"))
    assert Session.objects.get(session_key=session_key(client)).get_decoded()[sessions.SEEN_KEY] == seen
    clock.advance(31)
    client.get(reverse("home"))
    assert Session.objects.get(session_key=session_key(client)).get_decoded()[sessions.SEEN_KEY] == seen + 61


# --- A new session id at login and after each privilege step ----------------------------------------


def test_login_gives_a_new_session_id(member):
    browser = Client()
    anonymous = browser.session
    anonymous["vor_der_anmeldung"] = True
    anonymous.save()
    browser.cookies[settings.SESSION_COOKIE_NAME] = anonymous.session_key
    response = browser.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response["Location"] == reverse("home")
    assert session_key(browser) != anonymous.session_key
    assert not Session.objects.filter(session_key=anonymous.session_key).exists()
    assert UserSession.objects.get(user=member).session_key == session_key(browser)


def test_the_second_factor_at_login_gives_a_new_session_id(office):
    browser = Client()
    browser.post(reverse("account_login"), {"login": office.email, "password": PASSWORD})
    # Password accepted, code not yet entered: this session must not be the logged-in one.
    half_way = session_key(browser)
    response = browser.post(reverse("mfa_authenticate"), {"code": totp_code(totp_secret(office))})
    assert response["Location"] == reverse("home")
    assert session_key(browser) != half_way
    assert not Session.objects.filter(session_key=half_way).exists()


def test_reauthentication_gives_a_new_session_id(member):
    browser = logged_in_client(member)
    before = session_key(browser)
    response = browser.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    after = session_key(browser)
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert browser.get(reverse("home")).status_code == 200
    # The session list follows, so ending the person's sessions still finds this one.
    assert UserSession.objects.get(user=member).session_key == after


def test_failed_reauthentication_keeps_the_session_id(member):
    browser = logged_in_client(member)
    before = session_key(browser)
    browser.post(reverse("account_reauthenticate"), {"password": "falsch-falsch-falsch"})
    assert session_key(browser) == before


@pytest.mark.django_db(transaction=True)
def test_adding_a_second_factor_gives_a_new_session_id(member):
    # transaction=True: allauth announces the new factor on commit, inside the request as in production.
    browser = logged_in_client(member)
    browser.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert browser.get(reverse("mfa_activate_totp")).status_code == 200
    before = session_key(browser)
    secret = browser.session[SECRET_SESSION_KEY]
    code = totp_code(secret)
    response = browser.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    assert session_key(browser) != before
    assert not Session.objects.filter(session_key=before).exists()
    assert browser.get(reverse("home")).status_code == 200


# --- A change of rights ends the person's other sessions ---------------------------------------------


def test_joining_the_office_ends_the_persons_sessions(member, office):
    phone, laptop = logged_in_client(member), logged_in_client(member)
    office_browser = Client()
    office_browser.force_login(office)
    member.groups.add(Group.objects.get(name=OFFICE_GROUP))
    # A session opened without a second factor must not carry the office's rights.
    assert is_login_redirect(phone.get(reverse("home")))
    assert is_login_redirect(laptop.get(reverse("home")))
    assert not UserSession.objects.filter(user=member).exists()
    # Whoever made the change keeps working.
    assert office_browser.get(reverse("home")).status_code == 200


def test_leaving_the_office_ends_the_persons_sessions(office):
    browser = logged_in_office(office)
    Group.objects.get(name=OFFICE_GROUP).user_set.clear()
    assert is_login_redirect(browser.get(reverse("home")))


def test_removal_from_a_group_ends_the_sessions(office):
    browser = logged_in_office(office)
    office.groups.remove(Group.objects.get(name=OFFICE_GROUP))
    assert is_login_redirect(browser.get(reverse("home")))


@pytest.mark.parametrize("field", ["is_staff", "is_superuser"])
def test_admin_rights_end_the_sessions(member, field):
    browser = logged_in_client(member)
    setattr(member, field, True)
    member.save()
    assert is_login_redirect(browser.get(reverse("home")))


def test_a_status_change_ends_the_sessions(member):
    browser = logged_in_client(member)
    member.status = User.Status.DEACTIVATED
    member.save(update_fields=["status"])
    assert is_login_redirect(browser.get(reverse("home")))


def test_other_changes_leave_the_sessions_alone(member):
    browser = logged_in_client(member)
    member.phone = "0201 88-99999"
    member.save()
    member.function = "Leitung"
    member.save(update_fields=["function"])
    assert browser.get(reverse("home")).status_code == 200


@pytest.fixture
def rotlicht_arbeitskreis():
    from facharbeitskreise.models import Arbeitskreis

    return Arbeitskreis.objects.create(name="Facharbeitskreis Rotlicht", slug="fak-rotlicht")


@pytest.mark.parametrize("grant", ["lead", "redaktion"])
def test_a_role_that_needs_a_second_factor_ends_the_sessions_of_a_person_without_one(
    member, office, rotlicht_arbeitskreis, grant
):
    from facharbeitskreise.access import Role
    from facharbeitskreise.services import role_grant
    from fachgebiete.models import Fachgebiet
    from fachgebiete.services import editor_grant

    browser = logged_in_client(member)
    if grant == "lead":
        role_grant(arbeitskreis=rotlicht_arbeitskreis, user=member, role=Role.LEITUNG, actor=office)
    else:
        editor_grant(fachgebiet=Fachgebiet.objects.create(name="Rotlicht", slug="rotlicht"), user=member, by=office)
    # Not even for SIKO_MFA_RECHECK_SECONDS may she act in the new role without a second factor.
    assert is_login_redirect(browser.get(reverse("home")))


def test_a_lead_role_leaves_the_session_of_a_person_with_a_second_factor(office, rotlicht_arbeitskreis):
    from facharbeitskreise.access import Role
    from facharbeitskreise.services import role_grant

    browser = logged_in_office(office)
    role_grant(arbeitskreis=rotlicht_arbeitskreis, user=office, role=Role.LEITUNG, actor=office)
    assert browser.get(reverse("home")).status_code == 200


def test_a_plain_membership_ends_no_session(member, office, rotlicht_arbeitskreis):
    from facharbeitskreise.access import Role
    from facharbeitskreise.services import role_grant

    browser = logged_in_client(member)
    role_grant(arbeitskreis=rotlicht_arbeitskreis, user=member, role=Role.MITGLIED, actor=office)
    assert browser.get(reverse("home")).status_code == 200
