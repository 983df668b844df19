"""The area overview's content sections (arbeitskreis_sections.html on the area's page)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from facharbeitskreise import content_services, services
from facharbeitskreise.models import Meeting
from facharbeitskreise.models.base import Role
from tests.helpers import count_queries, main_text

from .uploads import pdf_upload

pytestmark = pytest.mark.django_db


def _fill(arbeitskreis, user, n):
    for i in range(n):
        start = timezone.now() + timedelta(days=i + 1)
        Meeting.objects.create(
            arbeitskreis=arbeitskreis,
            title=f"Sitzung {i}",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            location="Essen",
        )
        content_services.thread_create(arbeitskreis=arbeitskreis, user=user, title=f"Thema {i}", body="x")
        content_services.document_create(
            arbeitskreis=arbeitskreis,
            user=user,
            title=f"Dokument {i}",
            description="",
            is_result=False,
            upload=pdf_upload(),
        )


def test_the_overview_shows_meetings_documents_and_threads(login, ak_member, ak_contributor, arbeitskreis):
    _fill(arbeitskreis, ak_contributor, 1)
    text = main_text(login(ak_member).get(arbeitskreis.get_absolute_url()))
    assert "Sitzung 0" in text and "Dokument 0" in text and "Thema 0" in text


def test_the_overview_runs_a_fixed_number_of_queries(login, ak_member, ak_contributor, arbeitskreis):
    _fill(arbeitskreis, ak_contributor, 1)
    client = login(ak_member)
    few = count_queries(client, arbeitskreis.get_absolute_url())
    _fill(arbeitskreis, ak_contributor, 7)
    assert count_queries(client, arbeitskreis.get_absolute_url()) == few


def test_the_overview_queries_do_not_grow_with_leads_and_members(login, ak_member, arbeitskreis, make_user):
    """Each lead is named with the authority: loaded with the leads, not one query per lead."""
    client = login(ak_member)
    services.role_grant(arbeitskreis=arbeitskreis, user=make_user("leitung@essen.de"), role=Role.LEITUNG, actor=None)
    client.get(arbeitskreis.get_absolute_url())  # the content sections are cached from here on
    few = count_queries(client, arbeitskreis.get_absolute_url())
    for i in range(4):
        services.role_grant(
            arbeitskreis=arbeitskreis, user=make_user(f"leitung{i}@essen.de"), role=Role.LEITUNG, actor=None
        )
        services.role_grant(
            arbeitskreis=arbeitskreis, user=make_user(f"mitglied{i}@essen.de"), role=Role.MITGLIED, actor=None
        )
    assert count_queries(client, arbeitskreis.get_absolute_url()) == few
    assert "Leitung0 Muster (Stadt Essen)" in main_text(client.get(arbeitskreis.get_absolute_url()))
