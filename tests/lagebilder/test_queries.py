"""List pages cost a fixed number of queries, however many Lagebilder and people there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lagebilder.models import Acknowledgement
from zielgruppen.models import Scope

from .conftest import lagebild

pytestmark = pytest.mark.django_db


def _many(office, count: int, first: int = 0) -> list:
    return [lagebild(f"Lagebild Nr. {first + i}", Scope.ALLE, office=office) for i in range(count)]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


PAGES = [
    ("member", lambda item: reverse("lagebilder:list")),
    ("member", lambda item: reverse("fachgebiete:rubrik_overview", kwargs={"slug": "lagebilder"})),
    ("member", lambda item: reverse("home")),
    ("office", lambda item: reverse("lagebilder:manage_list")),
    ("office", lambda item: reverse("lagebilder:status", kwargs={"pk": item.pk})),
]


@pytest.mark.parametrize("role, url", PAGES)
def test_list_pages_do_not_grow_with_content(role, url, office, member, make_user, login):
    items = _many(office, 6)  # more than the start page shows (it counts beyond that)
    client = login(role)
    client.get(url(items[0]))  # warm caches (navigation, content types)
    few = _queries(client, url(items[0]))
    more = _many(office, 12, first=6)
    for index in range(8):
        person = make_user(f"person{index}@essen.de")
        for item in [*items, *more][::2]:
            Acknowledgement.objects.create(lagebild=item, user=person)
    Acknowledgement.objects.create(lagebild=items[0], user=member)
    client.get(url(items[0]))  # the start page keeps the member's Lagebilder: a change refills them once
    assert _queries(client, url(items[0])) <= few


def test_status_page_bound(office, member, login, django_assert_max_num_queries):
    [item] = _many(office, 1)
    client = login("office")
    client.get(reverse("lagebilder:status", kwargs={"pk": item.pk}))
    with django_assert_max_num_queries(20):
        client.get(reverse("lagebilder:status", kwargs={"pk": item.pk}))


def test_list_page_bound(office, login, django_assert_max_num_queries):
    _many(office, 5)
    client = login("member")
    client.get(reverse("lagebilder:list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("lagebilder:list"))
