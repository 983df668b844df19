"""The administration bar is kept in the person's own session, per rights generation.

What must hold: one person's bar is never shown to another; a change of rights (a Redaktion
grant or revocation, directly or through a group, a group's permissions) shows on the very next
page without a new login; a lost cache is never trusted; and an unchanged bar costs no
permission query.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from guardian.shortcuts import assign_perm, remove_perm

from fachgebiete.models import Fachgebiet
from fachgebiete.services import editor_grant, editor_revoke
from sikoportal import navigation
from tests.helpers import logged_in_client

from .test_home import OFFICE_NAVIGATION, nav_labels

pytestmark = pytest.mark.django_db


def _bar(client: Client, url: str = "/") -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return nav_labels(response, "Verwaltung")


def _editor_checks(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("partner:list")).status_code == 200
    return sum("fachgebiete_fachgebietuserobjectpermission" in q["sql"] for q in ctx.captured_queries)


def test_each_person_sees_only_her_own_bar_however_the_requests_interleave(member, editor, office):
    clients = {
        "member": logged_in_client(member),
        "editor": logged_in_client(editor),
        "office": logged_in_client(office),
    }
    expected = {"member": [], "editor": ["Redaktion"], "office": OFFICE_NAVIGATION}
    for _ in range(3):  # the first round computes and stores, the later ones read what is stored
        for role in ("office", "member", "editor", "member", "office"):
            assert _bar(clients[role], reverse("partner:list")) == expected[role], role


def test_the_bar_is_found_at_login_and_an_unchanged_one_costs_no_permission_query(client, member):
    client.force_login(member)
    assert _editor_checks(client) == 0
    assert _editor_checks(client) == 0
    navigation.rights_changed()  # someone's rights changed: this session asks once more
    assert _editor_checks(client) == 1
    assert _editor_checks(client) == 0


def test_a_stored_bar_of_another_person_is_not_used(client, member, office):
    """Even a session that carries another account's stored bar (it cannot arise: a login starts a
    new session) shows the rules' answer for its own user."""
    client.force_login(member)
    session = client.session
    session[navigation.SESSION_KEY] = {
        "generation": navigation.rights_generation(),
        "user": office.pk,
        "entries": navigation.admin_entries(office),
    }
    session.save()
    assert _bar(client) == []


def test_a_redaktion_grant_and_its_revocation_show_on_the_next_page(make_user, shisha):
    person = make_user("rolf.redaktion@essen.de", second_factor=True)  # her session survives the grant
    client = logged_in_client(person)
    assert _bar(client) == []
    editor_grant(fachgebiet=shisha, user=person, by=person, notify=False)
    assert _bar(client) == ["Redaktion"]
    editor_revoke(fachgebiet=shisha, user=person, by=person, notify=False)
    assert _bar(client) == []


def test_a_redaktion_through_a_group_shows_for_its_members_and_goes_with_it(make_user, member, shisha):
    person = make_user("gerd.gruppe@essen.de", second_factor=True)
    group = Group.objects.create(name="Redaktion Shisha")
    person.groups.add(group)
    client, other = logged_in_client(person), logged_in_client(member)
    assert _bar(client) == [] and _bar(other) == []
    assign_perm("fachgebiete.edit_fachgebiet", group, shisha)
    assert _bar(client) == ["Redaktion"]
    assert _bar(other) == []
    remove_perm("fachgebiete.edit_fachgebiet", group, shisha)
    assert _bar(client) == []


def test_a_permission_given_to_a_group_shows_for_its_members_at_once(make_user, member):
    person = make_user("nina.newsletter@essen.de", second_factor=True)
    group = Group.objects.create(name="Newsletter-Team")
    person.groups.add(group)
    client, other = logged_in_client(person), logged_in_client(member)
    assert _bar(client) == [] and _bar(other) == []
    permission = Permission.objects.get(content_type__app_label="newsletter", codename="manage_newsletter")
    group.permissions.add(permission)
    assert _bar(client) == ["Newsletter-Versand"]
    assert _bar(other) == []
    group.permissions.remove(permission)
    assert _bar(client) == []


def test_a_lost_cache_is_never_trusted(client, make_user, shisha):
    """Without the generation (cache cleared or evicted) a new one begins: nothing stored counts."""
    person = make_user("clara.cache@essen.de", second_factor=True)
    client.force_login(person)
    assert _bar(client) == []
    editor_grant(fachgebiet=shisha, user=person, by=person, notify=False)
    cache.clear()
    assert _bar(client) == ["Redaktion"]


def test_the_generation_moves_on_again_at_the_commit(django_capture_on_commit_callbacks):
    """A page that read the old rights while the change was not yet committed is not kept."""
    before = navigation.rights_generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        navigation.rights_changed()
    during = navigation.rights_generation()
    assert during != before and len(callbacks) == 1
    callbacks[0]()
    assert navigation.rights_generation() not in (before, during)


def test_a_missing_cache_neither_stops_a_change_of_rights_nor_spoils_its_transaction(settings, make_user, shisha):
    """`migrate` runs before `createcachetable` and grants the office its permissions: the rights
    change goes through, and the transaction it happens in stays usable (PostgreSQL would refuse
    every further statement after a failed one)."""
    from django.db import transaction

    person = make_user("mia.migration@essen.de", second_factor=True)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "gibt_es_nicht"}
    }
    with transaction.atomic():
        editor_grant(fachgebiet=shisha, user=person, by=person, notify=False)
        assert Fachgebiet.objects.filter(pk=shisha.pk).exists()
    assert navigation.admin_entries(person) == [("Redaktion", "fachgebiete:review_overview", {})]
