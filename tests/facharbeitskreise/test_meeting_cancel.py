"""Cancelling a meeting (lead, after confirmation): members are told title and date;
calendars get it as cancelled (same UID, SEQUENCE + 1, STATUS:CANCELLED) instead of a stale copy."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from benachrichtigungen import outbox
from benachrichtigungen.models import Frequency
from facharbeitskreise import content_services, notifications
from facharbeitskreise.models import Arbeitskreis, ArbeitskreisEvent, Attendance, Meeting
from tests.helpers import main_text

from .test_meetings import make_meeting
from .test_meetings_ical import _create_token

pytestmark = pytest.mark.django_db


def _url(arbeitskreis, meeting):
    return reverse("facharbeitskreise:meeting_cancel", kwargs={"slug": arbeitskreis.slug, "pk": meeting.pk})


def _to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


@pytest.fixture
def meeting(arbeitskreis, ak_lead):
    start = timezone.localtime(timezone.now() + timedelta(days=10)).replace(hour=10, minute=0, second=0, microsecond=0)
    return content_services.meeting_create(
        meeting=Meeting(
            arbeitskreis=arbeitskreis,
            title="5. Sitzung FAK Rotlicht",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            location="Rathaus Essen",
            agenda="Fall Familie X",
        ),
        user=ak_lead,
    )


def test_the_confirmation_page_names_the_meeting_and_changes_nothing(login, ak_lead, arbeitskreis, meeting):
    response = login(ak_lead).get(_url(arbeitskreis, meeting))
    assert response.status_code == 200
    text = main_text(response)
    assert "5. Sitzung FAK Rotlicht" in text and "absagen?" in text and "Ja, Sitzung absagen" in text
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_lead_cancels_and_members_are_told_title_and_date_only(
    login, ak_lead, ak_member, ak_contributor, arbeitskreis, meeting
):
    mail.outbox.clear()
    response = login(ak_lead).post(_url(arbeitskreis, meeting))
    assert response.status_code == 302
    assert response["Location"] == reverse("facharbeitskreise:meeting_list", kwargs={"slug": arbeitskreis.slug})
    assert not Meeting.objects.exists()
    message = _to(ak_member)[0]
    html = message.alternatives[0][0]
    assert "Sitzung abgesagt" in message.subject
    when = timezone.localtime(meeting.starts_at)
    assert f"5. Sitzung FAK Rotlicht am {when:%d.%m.%Y um %H:%M} Uhr" in message.body
    assert "Fall Familie X" not in message.body + html and "Rathaus Essen" not in message.body + html
    assert _to(ak_contributor) and not _to(ak_lead)  # the lead who cancelled is not told


def test_members_who_turned_notifications_off_hear_nothing(login, ak_lead, ak_member, arbeitskreis, meeting):
    notifications.setting_change(user=ak_member, arbeitskreis=arbeitskreis, frequency=Frequency.OFF)
    mail.outbox.clear()
    login(ak_lead).post(_url(arbeitskreis, meeting))
    assert not _to(ak_member)


def test_the_cancellation_reaches_the_daily_digest(login, ak_lead, ak_member, arbeitskreis, meeting):
    notifications.setting_change(user=ak_member, arbeitskreis=arbeitskreis, frequency=Frequency.DAILY)
    login(ak_lead).post(_url(arbeitskreis, meeting))
    mail.outbox.clear()
    outbox.send_digests()
    body = _to(ak_member)[0].body
    assert "Sitzung abgesagt" in body and "5. Sitzung FAK Rotlicht" in body


def test_the_news_of_the_deleted_meeting_is_dropped(login, ak_lead, arbeitskreis, meeting):
    login(ak_lead).post(_url(arbeitskreis, meeting))
    assert list(arbeitskreis.events.values_list("kind", flat=True)) == [ArbeitskreisEvent.Kind.MEETING_CANCELLED]


def test_attendance_goes_with_the_meeting(login, ak_lead, ak_member, arbeitskreis, meeting):
    Attendance.objects.create(meeting=meeting, user=ak_member, status=Attendance.Status.EXCUSED)
    login(ak_lead).post(_url(arbeitskreis, meeting))
    assert not Attendance.objects.exists()


def test_deleting_a_past_meeting_tells_nobody(login, ak_lead, ak_member, arbeitskreis):
    past = make_meeting(arbeitskreis, days=-30, title="Alte Sitzung")
    mail.outbox.clear()
    client = login(ak_lead)
    assert "Ja, Sitzung löschen" in main_text(client.get(_url(arbeitskreis, past)))
    assert client.post(_url(arbeitskreis, past)).status_code == 302
    assert not Meeting.objects.exists() and not mail.outbox and not arbeitskreis.events.exists()


def _feed_events(body: bytes) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_the_personal_feed_keeps_a_cancelled_meeting_as_cancelled(
    login, client, ak_lead, ak_member, arbeitskreis, meeting
):
    """Not vanishing: a calendar that imported the meeting replaces it by the cancelled version."""
    path = _create_token(login(ak_member))
    uid = f"meeting-{meeting.pk}@portal.example.test"
    before = _feed_events(client.get(path).content)[uid]
    assert before["STATUS"] == "CONFIRMED" and int(before["SEQUENCE"]) == 0
    login(ak_lead).post(_url(arbeitskreis, meeting))
    client.logout()
    after = _feed_events(client.get(path).content)[uid]
    assert after["STATUS"] == "CANCELLED" and int(after["SEQUENCE"]) == 1
    assert after.decoded("DTSTART") == before.decoded("DTSTART")
    assert "Abgesagt" in str(after["SUMMARY"])


def test_a_deleted_past_meeting_stays_in_the_feed_as_cancelled(login, client, ak_lead, ak_member, arbeitskreis):
    past = make_meeting(arbeitskreis, days=-3, title="Doppelt eingetragen")
    path = _create_token(login(ak_member))
    login(ak_lead).post(_url(arbeitskreis, past))
    client.logout()
    assert _feed_events(client.get(path).content)[f"meeting-{past.pk}@portal.example.test"]["STATUS"] == "CANCELLED"


def test_a_cancelled_meeting_stays_out_of_other_arbeitskreise_feeds(
    login, client, ak_lead, other_lead, arbeitskreis, meeting
):
    path = _create_token(login(other_lead))
    login(ak_lead).post(_url(arbeitskreis, meeting))
    client.logout()
    body = client.get(path).content.decode()
    assert f"meeting-{meeting.pk}@" not in body and meeting.title not in body


def test_changing_time_or_place_raises_the_sequence(login, ak_lead, arbeitskreis, meeting):
    edit = reverse("facharbeitskreise:meeting_edit", kwargs={"slug": arbeitskreis.slug, "pk": meeting.pk})
    data = {
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "location": "Neuer Raum",
        "video_url": "",
        "agenda": meeting.agenda,
        "minutes": "",
    }
    assert login(ak_lead).post(edit, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert login(ak_lead).post(edit, data).status_code == 302  # nothing changed: no new version
    meeting.refresh_from_db()
    assert meeting.sequence == 1


def test_the_meeting_file_is_gone_after_cancelling(login, ak_lead, ak_member, arbeitskreis, meeting):
    ics = reverse("facharbeitskreise:meeting_ics", kwargs={"slug": arbeitskreis.slug, "pk": meeting.pk})
    login(ak_lead).post(_url(arbeitskreis, meeting))
    assert login(ak_member).get(ics).status_code == 404


@pytest.mark.parametrize("who", ["ak_member", "ak_contributor"])
def test_members_and_contributors_may_not_cancel(request, login, arbeitskreis, meeting, who):
    client = login(request.getfixturevalue(who))
    assert client.get(_url(arbeitskreis, meeting)).status_code == 403
    assert client.post(_url(arbeitskreis, meeting)).status_code == 403
    assert Meeting.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "office", "other_lead"])
def test_people_without_grant_get_404(request, login, arbeitskreis, meeting, who):
    client = login(request.getfixturevalue(who))
    assert client.get(_url(arbeitskreis, meeting)).status_code == 404
    assert client.post(_url(arbeitskreis, meeting)).status_code == 404
    assert Meeting.objects.exists()


def test_a_meeting_of_another_arbeitskreis_is_not_reachable_through_this_one(
    login, ak_lead, arbeitskreis, other_arbeitskreis
):
    foreign = make_meeting(other_arbeitskreis, title="Fremde Sitzung")
    assert login(ak_lead).post(_url(arbeitskreis, foreign)).status_code == 404
    assert Meeting.objects.filter(pk=foreign.pk).exists()


def test_an_unknown_meeting_is_404(login, ak_lead, arbeitskreis):
    url = reverse("facharbeitskreise:meeting_cancel", kwargs={"slug": arbeitskreis.slug, "pk": 999999})
    assert login(ak_lead).get(url).status_code == 404


def test_archived_arbeitskreis_refuses_with_a_message(login, ak_lead, ak_member, arbeitskreis, meeting):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    mail.outbox.clear()
    response = login(ak_lead).post(_url(arbeitskreis, meeting))
    assert response.status_code == 403 and "archiviert" in main_text(response)
    assert "Ja, Sitzung absagen" not in main_text(response)
    assert Meeting.objects.exists() and not mail.outbox


def test_the_meeting_page_offers_cancelling_to_the_lead_only(login, ak_lead, ak_member, arbeitskreis, meeting):
    assert "Sitzung absagen" in main_text(login(ak_lead).get(meeting.get_absolute_url()))
    assert "Sitzung absagen" not in main_text(login(ak_member).get(meeting.get_absolute_url()))
