"""Meetings: list, detail, create/edit and attendance (lead), bad input, archived areas."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from facharbeitskreise.models import Arbeitsbereich, Attendance, Meeting
from tests.helpers import count_queries, main_text

pytestmark = pytest.mark.django_db

BERLIN = timezone.get_default_timezone()


def _url(name, area, **kwargs):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": area.slug, **kwargs})


def make_meeting(area, *, days=7, title="3. Sitzung FAK Shisha", **fields) -> Meeting:
    start = timezone.now() + timedelta(days=days)
    fields.setdefault("location", "Rathaus Essen, Raum 2.14")
    fields.setdefault("agenda", "1. Begrüßung\n2. Lagebild Shisha-Bars")
    return Meeting.objects.create(area=area, title=title, starts_at=start, ends_at=start + timedelta(hours=2), **fields)


def _form(**overrides):
    data = {
        "title": "4. Sitzung",
        "starts_at": "2030-03-12T10:00",
        "ends_at": "2030-03-12T12:30",
        "location": "Polizeipräsidium Gelsenkirchen",
        "video_url": "",
        "agenda": "1. Bericht der Kommunen",
        "minutes": "",
    }
    return data | overrides


def test_member_sees_upcoming_and_past_meetings(login, ak_member, area):
    make_meeting(area, title="Kommende Sitzung")
    make_meeting(area, days=-30, title="Vergangene Sitzung")
    text = main_text(login(ak_member).get(_url("meeting_list", area)))
    assert text.index("Kommende Sitzung") < text.index("Vergangene Sitzungen") < text.index("Vergangene Sitzung<")


def test_member_reads_the_agenda(login, ak_member, area):
    meeting = make_meeting(area)
    text = main_text(login(ak_member).get(_url("meeting_detail", area, pk=meeting.pk)))
    assert "Lagebild Shisha-Bars" in text and "Sitzung bearbeiten" not in text


@pytest.mark.parametrize("who", ["outsider", "office", "other_lead"])
def test_people_without_grant_get_404(request, login, area, who):
    meeting = make_meeting(area)
    client = login(request.getfixturevalue(who))
    assert client.get(_url("meeting_detail", area, pk=meeting.pk)).status_code == 404
    assert client.get(_url("meeting_ics", area, pk=meeting.pk)).status_code == 404


def test_contributor_may_not_create_meetings(login, ak_contributor, area):
    assert login(ak_contributor).post(_url("meeting_create", area), _form()).status_code == 403
    assert not Meeting.objects.exists()


def test_lead_creates_a_meeting(login, ak_lead, area):
    response = login(ak_lead).post(_url("meeting_create", area), _form())
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert timezone.localtime(meeting.starts_at) == datetime(2030, 3, 12, 10, 0, tzinfo=BERLIN)
    assert meeting.created_by == ak_lead


def test_a_meeting_ending_before_it_starts_is_refused_with_the_input_kept(login, ak_lead, area):
    response = login(ak_lead).post(_url("meeting_create", area), _form(ends_at="2030-03-12T09:00"))
    assert response.status_code == 200
    text = main_text(response)
    assert "muss nach dem Beginn" in text and "Polizeipräsidium Gelsenkirchen" in text
    assert not Meeting.objects.exists()


def test_a_meeting_needs_a_place_or_a_video_link(login, ak_lead, area):
    response = login(ak_lead).post(_url("meeting_create", area), _form(location=""))
    assert "Ort oder einen Link zur Videokonferenz" in main_text(response)
    assert not Meeting.objects.exists()


def test_minutes_must_be_a_document_of_this_area(login, ak_lead, area, other_area, ak_contributor):
    from facharbeitskreise import content_services

    from .uploads import pdf_upload

    foreign = content_services.document_create(
        area=other_area,
        user=ak_contributor,
        title="Fremdes Protokoll",
        description="",
        is_result=False,
        upload=pdf_upload(),
    )
    response = login(ak_lead).post(_url("meeting_create", area), _form(minutes=str(foreign.pk)))
    assert response.status_code == 200 and not Meeting.objects.exists()


def test_lead_edits_a_meeting(login, ak_lead, area):
    meeting = make_meeting(area)
    response = login(ak_lead).post(_url("meeting_edit", area, pk=meeting.pk), _form(title="Verlegt"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Verlegt"


def test_lead_records_attendance(login, ak_lead, ak_member, ak_contributor, area):
    meeting = make_meeting(area, days=-1)
    response = login(ak_lead).post(
        _url("meeting_attendance", area, pk=meeting.pk),
        {f"teilnahme-{ak_member.pk}": "present", f"teilnahme-{ak_contributor.pk}": "excused"},
    )
    assert response.status_code == 302
    assert dict(meeting.attendances.values_list("user_id", "status")) == {
        ak_member.pk: Attendance.Status.PRESENT,
        ak_contributor.pk: Attendance.Status.EXCUSED,
    }
    text = main_text(login(ak_member).get(meeting.get_absolute_url()))
    assert "Karl Mitglied" in text and "entschuldigt" in text


def test_member_may_not_record_attendance(login, ak_member, area):
    meeting = make_meeting(area, days=-1)
    assert login(ak_member).post(_url("meeting_attendance", area, pk=meeting.pk), {}).status_code == 403


def test_creating_a_meeting_in_an_archived_area_keeps_the_input(login, ak_lead, area):
    Arbeitsbereich.objects.filter(pk=area.pk).update(is_archived=True)
    response = login(ak_lead).post(_url("meeting_create", area), _form(agenda="TOP 1: Abschlussbericht"))
    assert response.status_code == 403
    assert "archiviert" in main_text(response) and "TOP 1: Abschlussbericht" in main_text(response)
    assert not Meeting.objects.exists()


def test_meeting_list_runs_a_fixed_number_of_queries(login, ak_member, area):
    for days in (3, -3):
        make_meeting(area, days=days)
    client = login(ak_member)
    few = count_queries(client, _url("meeting_list", area))
    for days in (4, 5, 6, -4, -5, -6):
        make_meeting(area, days=days)
    assert count_queries(client, _url("meeting_list", area)) == few


def test_an_unknown_attendance_status_is_refused_and_nothing_is_saved(login, ak_lead, ak_member, area):
    meeting = make_meeting(area, days=-1)
    response = login(ak_lead).post(
        _url("meeting_attendance", area, pk=meeting.pk), {f"teilnahme-{ak_member.pk}": "vielleicht"}
    )
    assert response.status_code == 200
    assert "keine gültige Auswahl" in main_text(response)
    assert not Attendance.objects.exists()


def test_recording_attendance_in_an_archived_area_is_refused(login, ak_lead, ak_member, area):
    meeting = make_meeting(area, days=-1)
    Arbeitsbereich.objects.filter(pk=area.pk).update(is_archived=True)
    response = login(ak_lead).post(
        _url("meeting_attendance", area, pk=meeting.pk), {f"teilnahme-{ak_member.pk}": "present"}
    )
    assert response.status_code == 403
    assert "archiviert" in response.content.decode()
    assert not Attendance.objects.exists()


def test_meeting_page_runs_a_fixed_number_of_queries(login, ak_lead, ak_member, ak_contributor, area):
    meeting = make_meeting(area, days=-1)
    Attendance.objects.create(meeting=meeting, user=ak_member, status=Attendance.Status.PRESENT)
    client = login(ak_member)
    few = count_queries(client, meeting.get_absolute_url())
    for user in (ak_lead, ak_contributor):
        Attendance.objects.create(meeting=meeting, user=user, status=Attendance.Status.EXCUSED)
    assert count_queries(client, meeting.get_absolute_url()) == few
