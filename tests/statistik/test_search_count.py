"""Search use is counted per day, and nothing but the number is kept."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from statistik.counting import count_search
from statistik.models import SearchDay

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")


@pytest.fixture
def member_client(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def test_a_search_counts_once_paging_and_an_empty_box_do_not(member_client):
    member_client.get(SEARCH, {"q": "Spielhalle"})
    member_client.get(SEARCH, {"q": "Shisha", "rubrik": "fachgebiete"})
    member_client.get(SEARCH, {"q": "Shisha", "seite": "2"})
    member_client.get(SEARCH, {"q": "   "})
    member_client.get(SEARCH)
    assert list(SearchDay.objects.values_list("count", flat=True)) == [2]


def test_only_the_day_and_the_number_are_stored():
    assert sorted(field.name for field in SearchDay._meta.get_fields()) == ["count", "day", "id"]


def test_the_day_is_the_german_one(settings, monkeypatch):
    # 23:30 UTC on 31 December is already 1 January in Germany.
    late = datetime(2025, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    monkeypatch.setattr("django.utils.timezone.now", lambda: late)
    count_search()
    count_search()
    assert list(SearchDay.objects.values_list("day", "count")) == [(datetime(2026, 1, 1).date(), 2)]
