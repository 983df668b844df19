"""`access.arbeitskreis_view`: the one decorator of every area view — the area, then the method, then
"archived areas are read-only" — and the copy of that rule that was wrong."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from facharbeitskreise import reviews
from facharbeitskreise.models import AccessReview, AccessReviewItem, Arbeitskreis, Meeting
from facharbeitskreise.models.content import Attendance
from tests.helpers import main_text

pytestmark = pytest.mark.django_db


def _url(name, arbeitskreis, **kwargs):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug, **kwargs})


def _meeting(arbeitskreis, *, days: int) -> Meeting:
    start = timezone.now() + timedelta(days=days)
    return Meeting.objects.create(
        arbeitskreis=arbeitskreis,
        title="Letzte Sitzung",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Essen",
    )


def _archive(arbeitskreis):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True, archived_at=timezone.now())


def test_the_arbeitskreis_comes_before_the_method(login, outsider, ak_member, arbeitskreis):
    """An outsider learns nothing, whatever the method; a member is told the method is wrong."""
    assert login(outsider).post(_url("arbeitskreis_detail", arbeitskreis)).status_code == 404
    response = login(ak_member).post(_url("arbeitskreis_detail", arbeitskreis))
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert login(ak_member).head(_url("document_list", arbeitskreis)).status_code == 200


def test_the_access_log_of_an_archived_arbeitskreis_stays_linked(login, ak_lead, arbeitskreis):
    """The wrong copy: the area page hid the Leitung's access log once the area was archived,
    although reading it is no change (the log itself stays open, `write=False`)."""
    _archive(arbeitskreis)
    client = login(ak_lead)
    page = client.get(_url("arbeitskreis_detail", arbeitskreis)).content.decode()
    assert _url("lead_access_log", arbeitskreis) in page
    assert _url("lead_member_add", arbeitskreis) not in page and _url("lead_description", arbeitskreis) not in page
    assert client.get(_url("lead_access_log", arbeitskreis)).status_code == 200


def test_a_confirmation_page_of_an_archived_arbeitskreis_is_refused_before_it_is_offered(login, ak_lead, arbeitskreis):
    _archive(arbeitskreis)
    meeting = _meeting(arbeitskreis, days=3)
    response = login(ak_lead).get(_url("meeting_cancel", arbeitskreis, pk=meeting.pk))
    assert response.status_code == 403 and "archiviert" in main_text(response)


def test_a_post_to_an_archived_arbeitskreis_changes_nothing_even_where_the_view_would(
    login, ak_lead, ak_member, arbeitskreis
):
    """`write="POST"`: the review page is read on an archived area, but a confirmation sent to it
    is rolled back and refused, although the view itself does not look at the archive."""
    review = reviews.review_start(arbeitskreis=arbeitskreis, actor=None)
    _archive(arbeitskreis)
    client = login(ak_lead)
    assert client.get(_url("lead_review", arbeitskreis)).status_code == 200
    response = client.post(_url("lead_review", arbeitskreis), {"bestaetigt": [str(ak_member.pk)]})
    assert response.status_code == 403 and "archiviert" in main_text(response)
    item = review.items.get(user=ak_member)
    assert item.decision == AccessReviewItem.Decision.PENDING
    assert AccessReview.objects.get(pk=review.pk).outcome == AccessReview.Outcome.OPEN


def test_attendance_refused_on_an_archived_arbeitskreis_keeps_the_choices(login, ak_lead, ak_member, arbeitskreis):
    meeting = _meeting(arbeitskreis, days=-3)
    _archive(arbeitskreis)
    field = f"teilnahme-{ak_member.pk}"
    response = login(ak_lead).post(_url("meeting_attendance", arbeitskreis, pk=meeting.pk), {field: "present"})
    assert response.status_code == 403 and "nimmt keine neuen Beiträge mehr an" in main_text(response)
    assert response.context["form"][field].value() == "present"
    assert not Attendance.objects.exists()
