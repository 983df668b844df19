"""Every role that can change or see more than a member must use a second factor.

- member, outsider and ak_contributor (Mitwirkend) are ordinary members: never forced;
- redaktion is the Redaktion of a Fachgebiet, lead leads a closed area, office works in the
  Geschäftsstelle, operator is a superuser: each is sent to the set-up until a second factor
  (TOTP or a security key / passkey) exists.
"""

from __future__ import annotations

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_removed
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from guardian.shortcuts import assign_perm

from facharbeitskreise import services as arbeitskreis_services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis
from fachgebiete.models import Fachgebiet
from partner import middleware

from ..conftest import PASSWORD, enrol_second_factor
from ..helpers import main_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def arbeitskreis(db) -> Arbeitskreis:
    return Arbeitskreis.objects.create(name="FAK Shisha", slug="fak-shisha", is_confidential=True)


@pytest.fixture
def redaktion(make_user):
    user = make_user("rita.redaktion@essen.de")
    assign_perm("fachgebiete.edit_fachgebiet", user, Fachgebiet.objects.create(name="Shisha", slug="shisha"))
    return user


@pytest.fixture
def lead(make_user, arbeitskreis):
    user = make_user("lena.leitung@essen.de")
    arbeitskreis_services.role_grant(arbeitskreis=arbeitskreis, user=user, role=Role.LEITUNG, actor=None)
    return user


@pytest.fixture
def contributor(make_user, arbeitskreis):
    user = make_user("mira.mitwirkend@essen.de")
    arbeitskreis_services.role_grant(arbeitskreis=arbeitskreis, user=user, role=Role.MITWIRKEND, actor=None)
    return user


@pytest.fixture
def operator(make_user):
    return make_user("susi.admin@essen.de", is_staff=True, is_superuser=True)


def webauthn_only(user) -> None:
    """A security key as the only second factor (the credential itself is not checked here)."""
    Authenticator.objects.create(user=user, type=Authenticator.Type.WEBAUTHN, data={"name": "Schlüssel"})


FORCED = ["redaktion", "lead", "office_without_mfa", "operator"]


@pytest.mark.parametrize("role", FORCED)
def test_roles_above_member_are_sent_to_the_set_up(client, request, role):
    client.force_login(request.getfixturevalue(role))
    for url in (reverse("home"), reverse("partner:list"), reverse("partner:profile")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_index"), (role, url)
    page = client.get(reverse("mfa_index"))
    assert page.status_code == 200
    assert "Pflicht" in main_text(page)


@pytest.mark.parametrize("role", ["redaktion", "lead", "office_without_mfa", "operator"])
@pytest.mark.parametrize("factor", ["totp", "webauthn"])
def test_either_kind_of_second_factor_lets_them_work(client, request, role, factor):
    user = request.getfixturevalue(role)
    enrol_second_factor(user) if factor == "totp" else webauthn_only(user)
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("role", ["member", "outsider", "contributor"])
def test_members_and_contributors_are_not_forced(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("home")).status_code == 200


def test_the_set_up_pages_and_logout_stay_reachable(client, lead):
    client.force_login(lead)
    for name in ("mfa_index", "mfa_activate_totp", "impressum", "datenschutz"):
        response = client.get(reverse(name))
        assert response.status_code == 200 or response["Location"] != reverse("mfa_index"), name
    assert client.get(reverse("mfa_add_webauthn"))["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_a_role_granted_during_a_session_counts_after_the_recheck_interval(client, member, arbeitskreis, monkeypatch):
    # A role that reaches the person through a group: the recheck finds it.
    client.force_login(member)
    assert client.get(reverse("home")).status_code == 200
    group = Group.objects.create(name="Leitungsteam Rotlicht")
    member.groups.add(group)
    client.force_login(member)  # a change of groups ends the sessions (partner.sessions)
    assert client.get(reverse("home")).status_code == 200
    arbeitskreis_services.role_grant(arbeitskreis=arbeitskreis, group=group, role=Role.LEITUNG, actor=None)
    assert client.get(reverse("home")).status_code == 200  # within the interval
    now = middleware.time.time()
    monkeypatch.setattr(middleware.time, "time", lambda: now + 301)
    assert client.get(reverse("home"))["Location"] == reverse("mfa_index")


def test_removing_a_factor_makes_the_next_request_check_again(client, lead):
    enrol_second_factor(lead)
    client.force_login(lead)
    assert client.get(reverse("home")).status_code == 200
    Authenticator.objects.filter(user=lead).delete()
    assert client.get(reverse("home")).status_code == 200  # the session remembers the check …
    request = client.get(reverse("home")).wsgi_request
    authenticator_removed.send(sender=Authenticator, request=request, user=lead, authenticator=None)
    request.session.save()
    assert client.get(reverse("home"))["Location"] == reverse("mfa_index")  # … until a factor goes


def test_the_last_factor_of_a_role_user_cannot_be_deactivated(lead, member):
    adapter = get_adapter()
    enrol_second_factor(lead)
    totp = Authenticator.objects.get(user=lead, type=Authenticator.Type.TOTP)
    assert not adapter.can_delete_authenticator(totp)
    webauthn_only(lead)
    assert adapter.can_delete_authenticator(totp)
    enrol_second_factor(member)
    assert adapter.can_delete_authenticator(Authenticator.objects.get(user=member, type=Authenticator.Type.TOTP))


def test_a_real_login_with_the_code_remembers_that_the_second_factor_was_used(lead):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from .test_mfa_encryption import code_for

    secret = generate_totp_secret()
    TOTP.activate(lead, secret)
    browser = Client()
    browser.post(reverse("account_login"), {"login": lead.email, "password": PASSWORD})
    browser.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    assert browser.session[middleware.SESSION_KEY] == "mfa"
    assert browser.get(reverse("home")).status_code == 200


# --- cost per request ---------------------------------------------------------------------------


def queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in ctx.captured_queries]


WITHOUT_MFA_MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.endswith("RequireMFAMiddleware")]


@pytest.mark.parametrize("role", ["member", "office"])
def test_the_check_adds_no_query_to_a_page(client, request, role):
    """The rules run at login; the pages after it cost what they cost without the middleware."""
    client.force_login(request.getfixturevalue(role))
    url = reverse("partner:list")
    queries(client, url)  # the list's rows and filter are cached from here on (partner.listing)
    with_check = queries(client, url)
    assert not [sql for sql in with_check if "mfa_authenticator" in sql]
    with override_settings(MIDDLEWARE=WITHOUT_MFA_MIDDLEWARE):
        assert len(queries(client, url)) == len(with_check)


def test_member_page_query_count(client, member, django_assert_num_queries):
    """The MFA check adds no query: 8 for the directory as a member when it came (session, user,
    2 × permissions and the Redaktion question of the administration bar, 3 for the page); now
    the bar comes from the session (sikoportal.navigation), which leaves 5; from the second visit on
    the filter and the rows come from the cache (partner.listing): session and user."""
    client.force_login(member)
    with django_assert_num_queries(5):
        client.get(reverse("partner:list"))
    with django_assert_num_queries(2):
        client.get(reverse("partner:list"))
