"""The start page asks "office?" and "manages the areas?" only of people who hold any global
permission; that a person holds none is kept in her own session per rights generation
(common.rights.holds_global_permissions). A kept "no" can only refuse: a group that gains a
permission shows on the next page, and a person with permissions is asked as always."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..conftest import enrol_second_factor
from ..helpers import main_text

pytestmark = pytest.mark.django_db

OFFICE_CARD = 'id="gs-heading"'


def _permission_queries(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    asked = [q["sql"] for q in ctx.captured_queries if "auth_group_permissions" in q["sql"]]
    return main_text(response), asked


def test_a_member_is_asked_once_per_session_and_generation(client, member):
    client.force_login(member)
    text, asked = _permission_queries(client)
    assert OFFICE_CARD not in text and asked
    text, asked = _permission_queries(client)
    assert OFFICE_CARD not in text and asked == []


def test_a_group_gaining_the_office_permission_shows_on_the_next_page(client, member):
    group = Group.objects.create(name="Vertretung der Geschäftsstelle")
    member.groups.add(group)  # ends her sessions; she logs in again
    enrol_second_factor(member)
    client.force_login(member)
    assert OFFICE_CARD not in _permission_queries(client)[0]
    assert OFFICE_CARD not in _permission_queries(client)[0]  # "no" kept
    group.permissions.add(Permission.objects.get(codename="review_application"))
    text, asked = _permission_queries(client)
    assert OFFICE_CARD in text and asked


def test_the_office_is_asked_on_every_page(client, office):
    client.force_login(office)
    for _ in range(2):
        text, asked = _permission_queries(client)
        assert OFFICE_CARD in text and asked
