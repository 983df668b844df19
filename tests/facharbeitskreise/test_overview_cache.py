"""The area overview's content sections kept for all members (facharbeitskreise.overview): the same
HTML as fresh, renewed by every change of a document, meeting or discussion and when a shown
meeting ends, per area – and who may see the page is asked fresh on every request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from facharbeitskreise import content_services, overview, services
from facharbeitskreise.models import ArbeitskreisDocument, Meeting
from facharbeitskreise.models.base import Role
from tests.helpers import main_text, recorded_sql

from .uploads import pdf_upload

pytestmark = pytest.mark.django_db

CONTENT_TABLES = ("facharbeitskreise_meeting", "facharbeitskreise_thread", "facharbeitskreise_arbeitskreisdocument")


def _meeting(arbeitskreis, title: str, starts_at) -> Meeting:
    return Meeting.objects.create(
        arbeitskreis=arbeitskreis, title=title, starts_at=starts_at, ends_at=starts_at + timedelta(hours=1)
    )


def _document(arbeitskreis, user, title: str) -> ArbeitskreisDocument:
    return content_services.document_create(
        arbeitskreis=arbeitskreis, user=user, title=title, description="", is_result=False, upload=pdf_upload()
    )


def test_a_warm_page_is_the_fresh_page_without_a_content_query(login, ak_member, ak_contributor, arbeitskreis):
    _meeting(arbeitskreis, "Sitzung Frühjahr", timezone.now() + timedelta(days=3))
    _document(arbeitskreis, ak_contributor, "Lagebericht Rotlicht")
    content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Neue Razzia", body="x")
    client = login(ak_member)
    url = arbeitskreis.get_absolute_url()
    with recorded_sql() as cold_queries:
        cold = main_text(client.get(url))
    with recorded_sql() as warm_queries:
        warm = main_text(client.get(url))
    assert warm == cold
    assert "Sitzung Frühjahr" in warm and "Lagebericht Rotlicht" in warm and "Neue Razzia" in warm
    assert len([sql for sql in cold_queries if any(table in sql for table in CONTENT_TABLES)]) == 3
    assert not [sql for sql in warm_queries if any(table in sql for table in CONTENT_TABLES)]
    html, _ = overview.render_sections(arbeitskreis)
    assert html in main_text(client.get(url))  # byte for byte what the template renders fresh


def test_the_sections_follow_every_change_of_the_content(login, ak_member, ak_contributor, arbeitskreis):
    client = login(ak_member)
    url = arbeitskreis.get_absolute_url()
    page = lambda: main_text(client.get(url))  # noqa: E731
    assert "Es gibt noch keine Dokumente." in page()
    document = _document(arbeitskreis, ak_contributor, "Erste Fassung")
    assert "Erste Fassung" in page()
    content_services.document_update(document=document, title="Zweite Fassung", description="", is_result=True)
    assert "Zweite Fassung</a> (Ergebnis)" in page()
    content_services.document_delete(document=document)
    assert "Zweite Fassung" not in page()
    meeting = _meeting(arbeitskreis, "Sitzung Herbst", timezone.now() + timedelta(days=2))
    assert "Sitzung Herbst" in page()
    meeting.title = "Sitzung Winter"
    meeting.save()
    assert "Sitzung Winter" in page()
    content_services.meeting_cancel(meeting=meeting, user=ak_contributor)
    assert "Sitzung Winter" not in page()
    thread = content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Thema A", body="x")
    assert "Thema A" in page()
    earlier = thread.last_post_at
    content_services.post_reply(thread=thread, user=ak_member, body="Antwort")
    thread.refresh_from_db()
    assert thread.last_post_at > earlier
    assert f"letzter Beitrag {timezone.localtime(thread.last_post_at):%d.%m.%Y}" in page()
    content_services.thread_delete(thread=thread)
    assert "Thema A" not in page()


def test_a_meeting_leaves_the_sections_when_it_ends(login, ak_member, arbeitskreis, monkeypatch):
    soon = _meeting(arbeitskreis, "Sitzung heute", timezone.now() + timedelta(minutes=10))
    client = login(ak_member)
    assert "Sitzung heute" in main_text(client.get(arbeitskreis.get_absolute_url()))
    later = soon.ends_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Sitzung heute" not in main_text(client.get(arbeitskreis.get_absolute_url()))


def test_each_area_keeps_its_own_sections(login, ak_member, ak_contributor, arbeitskreis, other_arbeitskreis):
    services.role_grant(arbeitskreis=other_arbeitskreis, user=ak_member, role=Role.MITGLIED, actor=None)
    _document(arbeitskreis, ak_contributor, "Nur im Rotlicht-Bereich")
    client = login(ak_member)
    assert "Nur im Rotlicht-Bereich" in main_text(client.get(arbeitskreis.get_absolute_url()))
    assert "Nur im Rotlicht-Bereich" not in main_text(client.get(other_arbeitskreis.get_absolute_url()))


def test_access_is_asked_fresh_although_the_sections_are_cached(
    client, login, ak_member, ak_lead, outsider, arbeitskreis
):
    url = arbeitskreis.get_absolute_url()
    assert login(ak_member).get(url).status_code == 200  # fills the cache
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    services.member_remove(arbeitskreis=arbeitskreis, user=ak_member, actor=ak_lead)
    client.force_login(ak_member)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # anonymous: to the login


def test_a_warm_page_costs_a_fixed_small_number_of_queries(login, ak_member, arbeitskreis, django_assert_num_queries):
    """Session, user, area, the grants (role and members in one query) and the leads; the sections
    and the rights generation come from the cache (no query with the test settings' memory cache)."""
    client = login(ak_member)
    client.get(arbeitskreis.get_absolute_url())
    with django_assert_num_queries(5):
        client.get(arbeitskreis.get_absolute_url())
