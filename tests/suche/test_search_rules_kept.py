"""The compiled visibility rules are kept per session, rights generation and account state (suche.query._rules):
nobody is ever answered with another person's rules or with rules from before a change of rights."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from common.roles import OFFICE_GROUP
from fachgebiete.models.content import Status
from suche import query
from veranstaltungen.models import Event
from zielgruppen.models import Scope

from ..conftest import PASSWORD
from ..helpers import make_audience
from ..partner.test_sessions import logged_in_office
from .test_search import SECRET, article, closed_arbeitskreis  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

DRAFT = "Razzia-Checkliste"


@pytest.fixture
def client_factory(db):
    def logged_in(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return logged_in


@pytest.fixture(autouse=True)
def fresh_rules():
    query._KEPT_RULES.clear()
    yield
    query._KEPT_RULES.clear()


@pytest.fixture
def draft(member, shisha):
    """A submission of the member: only she, the Redaktion and the Geschäftsstelle see it."""
    return article(shisha, member, status=Status.SUBMITTED, title=f"Entwurf {DRAFT}")


def finds(client, word: str, item) -> bool:
    response = client.get(reverse("search"), {"q": word})
    assert response.status_code == 200
    return item.get_absolute_url() in response.content.decode()


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_page_with_kept_rules_is_the_page_with_fresh_rules(client, member, closed_arbeitskreis):  # noqa: F811
    client.force_login(member)
    url = reverse("search") + f"?q={SECRET}"
    fresh = _without_tokens(client.get(url).content.decode())
    assert len(query._KEPT_RULES) == 1
    kept = _without_tokens(client.get(url).content.decode())
    assert kept == fresh and "3 Treffer" in kept


def test_people_never_get_each_others_rules_however_requests_interleave(
    client_factory,
    member,
    outsider,
    closed_arbeitskreis,  # noqa: F811
):
    clients = {"member": client_factory(member), "outsider": client_factory(outsider)}
    expected = {"member": "3 Treffer", "outsider": "Keine Treffer"}
    for _ in range(2):
        for who in ("member", "outsider", "member", "outsider"):
            text = clients[who].get(reverse("search"), {"q": SECRET}).content.decode()
            assert expected[who] in text, who


def test_a_revoked_right_of_a_group_counts_from_the_next_search(client, make_user, member, draft):
    """The group loses the Geschäftsstelle's permission: a new rights generation, the session goes on."""
    reviewers = Group.objects.create(name="Prüfteam")
    reviewers.permissions.add(Permission.objects.get(codename="review_application"))
    reviewer = make_user("paula.pruefung@essen.de", second_factor=True)
    reviewer.groups.add(reviewers)
    client.force_login(reviewer)
    assert finds(client, DRAFT, draft)
    reviewers.permissions.remove(Permission.objects.get(codename="review_application"))
    assert not finds(client, DRAFT, draft)


def test_leaving_the_office_ends_the_session_and_the_kept_rules(office, draft):
    browser = logged_in_office(office)  # a real login: the session is tracked as in production
    assert finds(browser, DRAFT, draft)
    office.groups.remove(Group.objects.get(name=OFFICE_GROUP))  # ends her sessions
    assert browser.get(reverse("search"), {"q": DRAFT}).status_code == 302
    # The same person in a new session of the same browser (a member now: no second factor; a code
    # may not be used twice).
    Authenticator.objects.filter(user=office).delete()
    response = browser.post(reverse("account_login"), {"login": office.email, "password": PASSWORD})
    assert response["Location"] == reverse("home")
    assert not finds(browser, DRAFT, draft)


def test_a_new_authority_of_the_account_counts_from_the_next_search(client, member, polizei):
    """An event for the Stadt Essen only: the member moves to another authority, her session goes on."""
    event = Event.objects.create(
        audience=make_audience(Scope.PARTNER, partners=[member.partner]),
        title="Runder Tisch Nordstadt",
        starts_at="2030-05-01T09:00:00Z",
        ends_at="2030-05-01T11:00:00Z",
    )
    client.force_login(member)
    assert finds(client, "Runder Tisch Nordstadt", event)
    member.partner = polizei
    member.save()
    assert not finds(client, "Runder Tisch Nordstadt", event)


def test_kept_rules_are_bounded(client_factory, member, outsider, monkeypatch):
    monkeypatch.setattr(query, "KEPT_RULES_MAX", 1)
    for user in (member, outsider, member):
        client_factory(user).get(reverse("search"), {"q": "Kontrolle"})
        assert len(query._KEPT_RULES) == 1


def test_without_a_request_the_rules_are_built_afresh(member, closed_arbeitskreis):  # noqa: F811
    assert query.search(member, SECRET).total == 3
    assert not query._KEPT_RULES


def test_a_rule_that_admits_the_whole_table_is_checked_by_kind_alone(member, office, draft):
    """The glossary for everybody, every Fachgebiet's items for the Geschäftsstelle: no ids to hash; the
    rules that do filter stay as they are."""
    assert query._compiled_rules(member)["glossar"] == ("", ())
    assert query._compiled_rules(member)["information"][0]  # published, own, Redaktion
    assert query._compiled_rules(office)["information"] == ("", ())
    assert query.search(office, DRAFT).total == 1
    assert query.search(member, DRAFT).total == 1  # her own submission


def test_a_member_removed_from_an_arbeitskreis_finds_nothing_of_it_from_the_next_search(
    client,
    member,
    closed_arbeitskreis,  # noqa: F811
):
    """Membership is no part of the key: the kept rule is a subquery on the grants, read on every search."""
    from facharbeitskreise.services import member_remove

    client.force_login(member)
    assert "3 Treffer" in client.get(reverse("search"), {"q": SECRET}).content.decode()
    lead = closed_arbeitskreis.user_grants.exclude(user=member).first().user
    member_remove(arbeitskreis=closed_arbeitskreis, user=member, actor=lead)
    assert len(query._KEPT_RULES) == 1
    assert "Keine Treffer" in client.get(reverse("search"), {"q": SECRET}).content.decode()
