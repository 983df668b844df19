"""The start page's Fachgebiet boxes (fachgebiete.recent) load only what they show (issue 15):
only the columns the start page shows, and the user's own open items only from sections that
hold any – without a query more when the page shows them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fachgebiete import recent
from fachgebiete.models import Document, Rechtstatsache, Status

pytestmark = pytest.mark.django_db


def test_nothing_open_costs_one_query(member):
    with CaptureQueriesContext(connection) as queries:
        assert recent.open_submissions(member).items == []
    assert len(queries) == 1


def test_only_sections_with_open_items_are_loaded_and_shown_without_more_queries(
    member, shisha, make_rechtstatsache, make_article
):
    make_rechtstatsache(shisha, Status.RETURNED, court="OVG Münster", aktenzeichen="4 B 1/24")
    make_article(shisha, Status.PUBLISHED, title="Längst veröffentlicht")
    with CaptureQueriesContext(connection) as queries:
        items = recent.open_submissions(member).items
    assert len(queries) == 2  # which sections, then the Rechtstatsachen
    with CaptureQueriesContext(connection) as shown:
        assert [(item.title, item.get_status_display(), item.fachgebiet.name) for item in items] == [
            ("OVG Münster, 4 B 1/24", "zurückgegeben", shisha.name)
        ]
        assert items[0].get_edit_url() and items[0].get_absolute_url() and items[0].sent_at
    assert len(shown) == 0


def test_new_items_show_title_date_and_fachgebiet_without_more_queries(
    member, shisha, make_rechtstatsache, make_document
):
    make_rechtstatsache(shisha, court="VG Köln", aktenzeichen="1 K 2/24")
    make_document(shisha, title="Checkliste Abstandsgebot")
    news = recent.new_published(member, timezone.now() - datetime.timedelta(days=1))
    with CaptureQueriesContext(connection) as shown:
        rows = {(item.title, item.fachgebiet_name, item.url, bool(item.published_at)) for item in news.items}
    assert rows == {
        ("VG Köln, 1 K 2/24", shisha.name, Rechtstatsache.objects.get().get_absolute_url(), True),
        ("Checkliste Abstandsgebot", shisha.name, Document.objects.get().get_absolute_url(), True),
    }
    assert len(shown) == 0
