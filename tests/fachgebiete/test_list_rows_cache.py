"""The cached rows of the list pages (fachgebiete.fragments.cached_section): the same rows for every
reader, the "neu" badges per reader, renewed by every change of the content, and a warm page runs
no list query."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from fachgebiete import fragments, services
from fachgebiete.models import Article, FachgebietVisit, Status

from ..helpers import logged_in_client, main_text, recorded_sql

pytestmark = pytest.mark.django_db

BADGE = '<span class="kern-label">neu</span>'


def _rows(response) -> list[str]:
    html = main_text(response)
    body = html[html.index("<tbody") : html.index("</tbody>")]
    return re.findall(r"<tr class=\"kern-table__row\">(.*?)</tr>", body, re.S)


def _new_titles(response) -> list[str]:
    return [
        re.search(r'class="kern-link" href="[^"]+">([^<]+)</a>', row).group(1)
        for row in _rows(response)
        if BADGE in row
    ]


@pytest.fixture
def readers(make_user, shisha, make_article):
    """Two articles (10 and 1 day old) and two readers: one last here 20 days ago (both are new to
    her), one 5 days ago (only the newer one is)."""
    now = timezone.now()
    make_article(shisha, title="Älterer Beitrag", published_at=now - datetime.timedelta(days=10))
    make_article(shisha, title="Neuerer Beitrag", published_at=now - datetime.timedelta(days=1))
    long_ago, between = make_user("lange.her@essen.de"), make_user("dazwischen@essen.de")
    FachgebietVisit.objects.create(user=long_ago, fachgebiet=shisha, seen_at=now - datetime.timedelta(days=20))
    FachgebietVisit.objects.create(user=between, fachgebiet=shisha, seen_at=now - datetime.timedelta(days=5))
    return long_ago, between


def test_each_reader_gets_their_own_new_badges_from_the_shared_rows(member, shisha, readers):
    long_ago, between = readers
    url = shisha.url("article_list")
    # The first reader fills the cache; the others read it (checked: no list query).
    assert _new_titles(logged_in_client(long_ago).get(url)) == ["Neuerer Beitrag", "Älterer Beitrag"]
    reader = logged_in_client(between)
    with recorded_sql() as warm:
        assert _new_titles(reader.get(url)) == ["Neuerer Beitrag"]
    assert warm and not [sql for sql in warm if "fachgebiete_article" in sql]
    assert _new_titles(logged_in_client(member).get(url)) == []  # never visited: nothing is "neu"
    assert _new_titles(logged_in_client(long_ago).get(url)) == ["Neuerer Beitrag", "Älterer Beitrag"]


@pytest.mark.parametrize("section", ["article_list", "document_list", "rechtstatsache_list"])
def test_a_warm_page_is_the_page_the_database_gives(
    section, member, shisha, make_article, make_document, make_rechtstatsache, hagen
):
    make_article(shisha, partner=hagen, attachment=True)
    make_document(shisha, partner=hagen, versions=2)
    make_rechtstatsache(shisha)
    client = logged_in_client(member)
    url = shisha.url(section)
    fragments.bump([shisha.pk])
    with recorded_sql() as cold_queries:
        cold = main_text(client.get(url))
    with recorded_sql() as warm_queries:
        warm = main_text(client.get(url))
    assert warm == cold and len(_rows(client.get(url))) == 1
    assert len(warm_queries) <= len(cold_queries) - 2  # at least the rows and the count


def test_the_rows_follow_every_change_of_the_content(member, editor, shisha, make_article, make_document, hagen):
    client = logged_in_client(member)
    articles, documents = shisha.url("article_list"), shisha.url("document_list")
    article = make_article(shisha, title="Erste Fassung des Titels", partner=hagen)
    document = make_document(shisha, title="Checkliste Abstandsgebot")
    assert "Erste Fassung des Titels" in main_text(client.get(articles))
    assert "Version 1" in main_text(client.get(documents))
    article.title = "Zweite Fassung des Titels"
    article.save()
    assert "Zweite Fassung des Titels" in main_text(client.get(articles))
    hagen.name = "Stadt Hagen, Ordnungsamt"
    hagen.save()
    assert "Stadt Hagen, Ordnungsamt" in main_text(client.get(articles))
    services.document_supersede(document=document, user=editor, reason="Neue Rechtslage")
    assert "überholt" in main_text(client.get(documents))
    services.contribution_unpublish(Article.objects.get(pk=article.pk), user=editor, comment="veraltet")
    assert "Zweite Fassung des Titels" not in main_text(client.get(articles))
    document.delete()
    assert "Checkliste Abstandsgebot" not in main_text(client.get(documents))


def test_a_draft_never_reaches_the_rows_the_redaktion_filled(member, editor, office, shisha, make_article):
    make_article(shisha, title="Veröffentlichter Beitrag")
    make_article(shisha, Status.SUBMITTED, title="Entwurf Zollfahndung")
    url = shisha.url("article_list")
    for privileged in (editor, office):
        logged_in_client(privileged).get(url)
    page = main_text(logged_in_client(member).get(url))
    assert "Veröffentlichter Beitrag" in page and "Entwurf Zollfahndung" not in page


def test_page_number_and_filter_are_part_of_the_key(settings, member, shisha, make_rechtstatsache):
    settings.SIKO_PAGE_SIZE = 2
    for day in (1, 2, 3):
        make_rechtstatsache(shisha, aktenzeichen=f"{day} K {day}/24", decision_date=datetime.date(2024, 1, day))
    client = logged_in_client(member)
    url = shisha.url("rechtstatsache_list")
    for _ in range(2):  # cold, then warm: the same answers
        first, second = client.get(url), client.get(url, {"seite": "2"})
        assert "1 K 1/24" not in main_text(first) and "Seite 1 von 2" in main_text(first)
        assert "1 K 1/24" in main_text(second) and "Seite 2 von 2" in main_text(second)
        assert "Seite 2 von 2" in main_text(client.get(url, {"seite": "99"}))
        assert "Seite 1 von 2" in main_text(client.get(url, {"seite": "zwei"}))
        chosen = client.get(url, {"norm": "§ 99 XYZ"})
        assert "Kein" in main_text(chosen) and "3 K 3/24" not in main_text(chosen)


def test_rows_without_exactly_one_badge_each_are_refused(monkeypatch, member, shisha, make_article):
    make_article(shisha)
    monkeypatch.setattr(fragments, "NEW_BADGE", '<span class="anders">neu</span>')
    with pytest.raises(ImproperlyConfigured):
        logged_in_client(member).get(shisha.url("article_list"))


# --- The overview: the newest items of each section, shared; "neu" and the new counts per reader ---


def test_the_overview_shares_its_newest_items_but_not_what_is_new(member, shisha, readers):
    long_ago, between = readers
    url = shisha.get_absolute_url()
    first = main_text(logged_in_client(long_ago).get(url))
    assert "2 neu" in first and first.count(BADGE) == 2
    reader = logged_in_client(between)
    with recorded_sql() as warm:
        second = main_text(reader.get(url))
    assert "1 neu" in second and second.count(BADGE) == 1
    assert not [sql for sql in warm if "fachgebiete_article" in sql and "COUNT" not in sql]  # items from the cache
    third = main_text(logged_in_client(member).get(url))  # first visit: nothing is new
    assert "Neuerer Beitrag" in third and BADGE not in third and " neu</span>" not in third


def test_the_overview_follows_the_content_and_never_shows_a_draft(member, editor, shisha, make_article):
    client = logged_in_client(member)
    url = shisha.get_absolute_url()
    article = make_article(shisha, title="Erste Fassung des Titels")
    logged_in_client(editor).get(url)  # the Redaktion fills the cache
    make_article(shisha, Status.SUBMITTED, title="Entwurf Zollfahndung")
    assert "Entwurf Zollfahndung" not in main_text(logged_in_client(editor).get(url))  # a draft is no newest item
    assert "Erste Fassung des Titels" in main_text(client.get(url))
    article.title = "Zweite Fassung des Titels"
    article.save()
    assert "Zweite Fassung des Titels" in main_text(client.get(url))
    services.contribution_unpublish(Article.objects.get(pk=article.pk), user=editor, comment="veraltet")
    page = main_text(client.get(url))
    assert "Zweite Fassung des Titels" not in page and "Hier ist noch nichts veröffentlicht." in page


def test_only_the_first_pages_are_kept(settings, member, shisha, make_rechtstatsache):
    settings.SIKO_PAGE_SIZE = 1
    for day in range(1, fragments.CACHED_PAGES + 3):
        make_rechtstatsache(shisha, aktenzeichen=f"{day} K {day}/24", decision_date=datetime.date(2024, 1, day))
    client = logged_in_client(member)
    url = shisha.url("rechtstatsache_list")
    client.get(url, {"seite": "1"})
    with recorded_sql() as first:
        client.get(url, {"seite": "1"})
    client.get(url, {"seite": str(fragments.CACHED_PAGES + 1)})
    with recorded_sql() as deep:
        page = main_text(client.get(url, {"seite": str(fragments.CACHED_PAGES + 1)}))
    assert not [sql for sql in first if "fachgebiete_rechtstatsache" in sql]
    assert [sql for sql in deep if "fachgebiete_rechtstatsache" in sql]  # rendered afresh each time
    assert f"Seite {fragments.CACHED_PAGES + 1} von {fragments.CACHED_PAGES + 2}" in page
