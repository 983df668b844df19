"""Meetings: list, detail, create/edit and attendance (lead), bad input, archived areas."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from facharbeitskreise.models import Arbeitskreis, Attendance, Meeting
from tests.helpers import count_queries, main_text

pytestmark = pytest.mark.django_db

BERLIN = timezone.get_default_timezone()


def _url(name, arbeitskreis, **kwargs):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug, **kwargs})


def make_meeting(arbeitskreis, *, days=7, title="3. Sitzung FAK Shisha", **fields) -> Meeting:
    start = timezone.now() + timedelta(days=days)
    fields.setdefault("location", "Rathaus Essen, Raum 2.14")
    fields.setdefault("agenda", "1. Begrüßung\n2. Lagebild Shisha-Bars")
    return Meeting.objects.create(
        arbeitskreis=arbeitskreis, title=title, starts_at=start, ends_at=start + timedelta(hours=2), **fields
    )


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


def test_member_sees_upcoming_and_past_meetings(login, ak_member, arbeitskreis):
    make_meeting(arbeitskreis, title="Kommende Sitzung")
    make_meeting(arbeitskreis, days=-30, title="Vergangene Sitzung")
    text = main_text(login(ak_member).get(_url("meeting_list", arbeitskreis)))
    assert text.index("Kommende Sitzung") < text.index("Vergangene Sitzungen") < text.index("Vergangene Sitzung<")


def test_member_reads_the_agenda(login, ak_member, arbeitskreis):
    meeting = make_meeting(arbeitskreis)
    text = main_text(login(ak_member).get(_url("meeting_detail", arbeitskreis, pk=meeting.pk)))
    assert "Lagebild Shisha-Bars" in text and "Sitzung bearbeiten" not in text


@pytest.mark.parametrize("who", ["outsider", "office", "other_lead"])
def test_people_without_grant_get_404(request, login, arbeitskreis, who):
    meeting = make_meeting(arbeitskreis)
    client = login(request.getfixturevalue(who))
    assert client.get(_url("meeting_detail", arbeitskreis, pk=meeting.pk)).status_code == 404
    assert client.get(_url("meeting_ics", arbeitskreis, pk=meeting.pk)).status_code == 404


def test_contributor_may_not_create_meetings(login, ak_contributor, arbeitskreis):
    assert login(ak_contributor).post(_url("meeting_create", arbeitskreis), _form()).status_code == 403
    assert not Meeting.objects.exists()


def test_lead_creates_a_meeting(login, ak_lead, arbeitskreis):
    response = login(ak_lead).post(_url("meeting_create", arbeitskreis), _form())
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert timezone.localtime(meeting.starts_at) == datetime(2030, 3, 12, 10, 0, tzinfo=BERLIN)
    assert meeting.created_by == ak_lead


def test_a_meeting_ending_before_it_starts_is_refused_with_the_input_kept(login, ak_lead, arbeitskreis):
    response = login(ak_lead).post(_url("meeting_create", arbeitskreis), _form(ends_at="2030-03-12T09:00"))
    assert response.status_code == 200
    text = main_text(response)
    assert "muss nach dem Beginn" in text and "Polizeipräsidium Gelsenkirchen" in text
    assert not Meeting.objects.exists()


def test_a_meeting_needs_a_place_or_a_video_link(login, ak_lead, arbeitskreis):
    response = login(ak_lead).post(_url("meeting_create", arbeitskreis), _form(location=""))
    assert "Ort oder einen Link zur Videokonferenz" in main_text(response)
    assert not Meeting.objects.exists()


def test_minutes_must_be_a_document_of_this_arbeitskreis(
    login, ak_lead, arbeitskreis, other_arbeitskreis, ak_contributor
):
    from facharbeitskreise import content_services

    from .uploads import pdf_upload

    foreign = content_services.document_create(
        arbeitskreis=other_arbeitskreis,
        user=ak_contributor,
        title="Fremdes Protokoll",
        description="",
        is_result=False,
        upload=pdf_upload(),
    )
    response = login(ak_lead).post(_url("meeting_create", arbeitskreis), _form(minutes=str(foreign.pk)))
    assert response.status_code == 200 and not Meeting.objects.exists()


def test_lead_edits_a_meeting(login, ak_lead, arbeitskreis):
    meeting = make_meeting(arbeitskreis)
    response = login(ak_lead).post(_url("meeting_edit", arbeitskreis, pk=meeting.pk), _form(title="Verlegt"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Verlegt"


def test_lead_records_attendance(login, ak_lead, ak_member, ak_contributor, arbeitskreis):
    meeting = make_meeting(arbeitskreis, days=-1)
    response = login(ak_lead).post(
        _url("meeting_attendance", arbeitskreis, pk=meeting.pk),
        {f"teilnahme-{ak_member.pk}": "present", f"teilnahme-{ak_contributor.pk}": "excused"},
    )
    assert response.status_code == 302
    assert dict(meeting.attendances.values_list("user_id", "status")) == {
        ak_member.pk: Attendance.Status.PRESENT,
        ak_contributor.pk: Attendance.Status.EXCUSED,
    }
    text = main_text(login(ak_member).get(meeting.get_absolute_url()))
    assert "Karl Mitglied" in text and "entschuldigt" in text


def test_member_may_not_record_attendance(login, ak_member, arbeitskreis):
    meeting = make_meeting(arbeitskreis, days=-1)
    assert login(ak_member).post(_url("meeting_attendance", arbeitskreis, pk=meeting.pk), {}).status_code == 403


def test_creating_a_meeting_in_an_archived_arbeitskreis_keeps_the_input(login, ak_lead, arbeitskreis):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    response = login(ak_lead).post(_url("meeting_create", arbeitskreis), _form(agenda="TOP 1: Abschlussbericht"))
    assert response.status_code == 403
    assert "archiviert" in main_text(response) and "TOP 1: Abschlussbericht" in main_text(response)
    assert not Meeting.objects.exists()


def test_meeting_list_runs_a_fixed_number_of_queries(login, ak_member, arbeitskreis):
    for days in (3, -3):
        make_meeting(arbeitskreis, days=days)
    client = login(ak_member)
    few = count_queries(client, _url("meeting_list", arbeitskreis))
    for days in (4, 5, 6, -4, -5, -6):
        make_meeting(arbeitskreis, days=days)
    assert count_queries(client, _url("meeting_list", arbeitskreis)) == few


def test_an_unknown_attendance_status_is_refused_and_nothing_is_saved(login, ak_lead, ak_member, arbeitskreis):
    meeting = make_meeting(arbeitskreis, days=-1)
    response = login(ak_lead).post(
        _url("meeting_attendance", arbeitskreis, pk=meeting.pk), {f"teilnahme-{ak_member.pk}": "vielleicht"}
    )
    assert response.status_code == 200
    assert "keine gültige Auswahl" in main_text(response)
    assert not Attendance.objects.exists()


def test_recording_attendance_in_an_archived_arbeitskreis_is_refused(login, ak_lead, ak_member, arbeitskreis):
    meeting = make_meeting(arbeitskreis, days=-1)
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    response = login(ak_lead).post(
        _url("meeting_attendance", arbeitskreis, pk=meeting.pk), {f"teilnahme-{ak_member.pk}": "present"}
    )
    assert response.status_code == 403
    assert "archiviert" in response.content.decode()
    assert not Attendance.objects.exists()


def test_meeting_page_runs_a_fixed_number_of_queries(login, ak_lead, ak_member, ak_contributor, arbeitskreis):
    meeting = make_meeting(arbeitskreis, days=-1)
    Attendance.objects.create(meeting=meeting, user=ak_member, status=Attendance.Status.PRESENT)
    client = login(ak_member)
    few = count_queries(client, meeting.get_absolute_url())
    for user in (ak_lead, ak_contributor):
        Attendance.objects.create(meeting=meeting, user=user, status=Attendance.Status.EXCUSED)
    assert count_queries(client, meeting.get_absolute_url()) == few
