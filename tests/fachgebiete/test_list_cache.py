"""The cached filter form of the list pages (fachgebiete.fragments): the same for every reader,
never showing what one reader may see to another, and renewed by every change of the content."""

from __future__ import annotations

import datetime

import pytest

from dokumente.services import FileStore
from fachgebiete import fragments, services
from fachgebiete.models import Article, Fachgebiet, Status

from ..helpers import count_queries, logged_in_client, main_text
from .conftest import pdf_upload

pytestmark = pytest.mark.django_db


def _filter_html(response) -> str:
    html = response.content.decode()
    return html[html.index('class="portal-filter"') : html.index("</form>", html.index('class="portal-filter"'))]


def test_a_draft_never_reaches_another_readers_filter_or_list(member, editor, office, shisha, make_article, hagen):
    """The Redaktion and the office render first (and fill the cache); the member's page shows
    neither the draft's authority and year nor their Redaktion link."""
    make_article(shisha, stand=datetime.date(2024, 1, 1))
    make_article(shisha, Status.SUBMITTED, title="Entwurf Zollfahndung", stand=datetime.date(2011, 1, 1), partner=hagen)
    url = shisha.url("article_list")
    for privileged in (editor, office):
        page = logged_in_client(privileged).get(url)
        assert 'href="{}"'.format(shisha.url("review_queue")) in page.content.decode()
    page = logged_in_client(member).get(url)
    assert "2011" not in _filter_html(page) and hagen.name not in _filter_html(page)
    assert "Entwurf Zollfahndung" not in main_text(page)
    assert shisha.url("review_queue") not in page.content.decode()
    # And the other way round: the member filled the cache, the Redaktion still sees its link.
    assert shisha.url("review_queue") in logged_in_client(editor).get(url).content.decode()


def test_the_filter_follows_publish_withdraw_and_authority_names(
    member, editor, shisha, make_article, make_rechtstatsache, hagen
):
    client = logged_in_client(member)
    url = shisha.url("article_list")
    make_article(shisha, stand=datetime.date(2024, 1, 1))
    submitted = make_article(shisha, Status.SUBMITTED, stand=datetime.date(2012, 3, 1), partner=hagen)
    assert "2012" not in _filter_html(client.get(url))
    services.contribution_publish(submitted, user=editor)
    assert "2012" in _filter_html(client.get(url)) and hagen.name in _filter_html(client.get(url))
    hagen.name = "Stadt Hagen, Ordnungsamt"
    hagen.save()
    assert "Stadt Hagen, Ordnungsamt" in _filter_html(client.get(url))
    services.contribution_unpublish(Article.objects.get(pk=submitted.pk), user=editor, comment="veraltet")
    assert "2012" not in _filter_html(client.get(url)) and "Stadt Hagen" not in _filter_html(client.get(url))

    courts = shisha.url("rechtstatsache_list")
    assert "OVG Münster" not in _filter_html(client.get(courts))
    record = make_rechtstatsache(shisha, court="OVG Münster")
    assert "OVG Münster" in _filter_html(client.get(courts))
    record.delete()
    assert "OVG Münster" not in _filter_html(client.get(courts))


def test_a_new_version_and_ueberholt_renew_the_content_version(editor, member, shisha, make_document):
    document = make_document(shisha, title="Checkliste Abstandsgebot", valid_from=datetime.date(2020, 1, 1))
    client = logged_in_client(member)
    url = shisha.url("document_list")
    client.get(url)
    before = Fachgebiet.objects.get(pk=shisha.pk).content_version
    services.document_supersede(document=document, user=editor, reason="Neue Rechtslage")
    after_supersede = Fachgebiet.objects.get(pk=shisha.pk).content_version
    assert after_supersede != before
    assert "überholt" in main_text(client.get(url))
    stored = FileStore().store(pdf_upload("Checkliste Version 9.pdf", "Version 9"), user=editor)
    document.versions.create(number=9, file=stored, note="Fassung 9")
    assert Fachgebiet.objects.get(pk=shisha.pk).content_version != after_supersede
    assert "Version 9" in main_text(client.get(url))


def test_a_stale_fachgebiet_object_does_not_write_an_old_version_back(member, shisha, make_article):
    client = logged_in_client(member)
    client.get(shisha.url("article_list"))  # cached under the version the stale object holds
    stale = Fachgebiet.objects.get(pk=shisha.pk)
    make_article(shisha, stand=datetime.date(2013, 1, 1))
    stale.description = "Neu beschrieben"
    stale.save()
    assert "2013" in _filter_html(client.get(shisha.url("article_list")))


def test_the_filter_input_is_part_of_the_key(member, shisha, make_rechtstatsache):
    make_rechtstatsache(shisha, court="OVG Münster")
    make_rechtstatsache(shisha, court="VG Köln", aktenzeichen="1 K 2/24")
    client = logged_in_client(member)
    url = shisha.url("rechtstatsache_list")
    assert 'value="VG Köln" selected' not in _filter_html(client.get(url))
    chosen = client.get(url, {"court": "VG Köln"})
    assert 'value="VG Köln" selected' in _filter_html(chosen) and "Auswahl" not in _filter_html(chosen)
    assert "1 K 2/24" in main_text(chosen) and "19 L 000/23" not in main_text(chosen)
    assert 'value="VG Köln" selected' not in _filter_html(client.get(url))


def test_a_cached_filter_saves_its_queries(member, shisha, make_rechtstatsache):
    make_rechtstatsache(shisha)
    client = logged_in_client(member)
    url = shisha.url("rechtstatsache_list")
    client.get(url)
    fragments.bump([shisha.pk])
    cold = count_queries(client, url)
    warm = count_queries(client, url)
    assert warm <= cold - 2  # the year and court choice queries


def test_can_edit_is_asked_once_per_request(rf, editor, shisha, make_article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from guardian.shortcuts import assign_perm, remove_perm

    from fachgebiete.access import can_edit_here

    request = rf.get("/")
    request.user = editor
    with CaptureQueriesContext(connection) as first:
        assert can_edit_here(request, shisha)
    with CaptureQueriesContext(connection) as again:
        assert can_edit_here(request, shisha)
    assert len(first) >= 1 and len(again) == 0
    remove_perm("fachgebiete.edit_fachgebiet", editor, shisha)
    later = rf.get("/")
    later.user = editor
    assert not can_edit_here(later, shisha)  # a new request asks anew
    # On a page: the Redaktion's review queue asks in the view and for the area navigation.
    assign_perm("fachgebiete.edit_fachgebiet", editor, shisha)
    make_article(shisha, Status.SUBMITTED)
    client = logged_in_client(editor)
    assert client.get(shisha.url("review_queue")).status_code == 200
    with CaptureQueriesContext(connection) as page:
        assert client.get(shisha.url("review_queue")).status_code == 200
    grants = [q for q in page.captured_queries if "fachgebietuserobjectpermission" in q["sql"].lower()]
    assert len(grants) == 1
