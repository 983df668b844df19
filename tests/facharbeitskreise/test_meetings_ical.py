"""iCalendar: the format (RFC 5545) and the personal feed with its secret token."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from common import ical
from facharbeitskreise import feeds, services
from facharbeitskreise.models import CalendarToken
from partner.models import User
from tests.helpers import main_text

from .test_meetings import make_meeting

pytestmark = pytest.mark.django_db


def _props(text: str) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    for line in ical.unfold(text):
        if line:
            name, _, value = line.partition(":")
            props.setdefault(name, []).append(value)
    return props


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_text_is_escaped():
    assert ical.escape_text("A;B,C\\D\nE") == "A\\;B\\,C\\\\D\\nE"


def test_long_lines_are_folded_at_75_octets_without_splitting_umlauts():
    line = "SUMMARY:" + "Glücksspiel-Überwachung " * 10
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert ical.unfold(folded) == [line]


def test_a_meeting_file_parses_back(login, ak_member, arbeitskreis):
    meeting = make_meeting(arbeitskreis, title="Sitzung; Teil 1, Kontrollen", location="Rathaus Essen, Raum 2.14")
    response = login(ak_member).get(
        reverse("facharbeitskreise:meeting_ics", kwargs={"slug": arbeitskreis.slug, "pk": meeting.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", "")
    props = _props(body)
    assert props["UID"] == [f"meeting-{meeting.pk}@portal.example.test"]
    assert _unescape(props["SUMMARY"][0]) == f"{arbeitskreis.name}: Sitzung; Teil 1, Kontrollen"
    assert _unescape(props["LOCATION"][0]) == "Rathaus Essen, Raum 2.14"
    assert props["DTSTART"] == [ical.utc(meeting.starts_at)] and props["DTSTART"][0].endswith("Z")
    assert props["URL"] == [f"https://portal.example.test{meeting.get_absolute_url()}"]
    assert props["DTSTAMP"][0].endswith("Z")


def test_the_calendar_file_carries_neither_agenda_nor_video_link(login, ak_member, arbeitskreis):
    meeting = make_meeting(
        arbeitskreis, location="", video_url="https://video.example.test/raum?pin=4711", agenda="Fall Müller"
    )
    body = (
        login(ak_member)
        .get(reverse("facharbeitskreise:meeting_ics", kwargs={"slug": arbeitskreis.slug, "pk": meeting.pk}))
        .content.decode()
    )
    assert "Fall Müller" not in body and "pin=4711" not in body
    assert _props(body)["LOCATION"] == ["Videokonferenz"]


def _create_token(client) -> str:
    response = client.post(reverse("facharbeitskreise:calendar"), {"aktion": "erstellen"})
    assert response.status_code == 200
    match = re.search(r'value="(https://[^"]+\.ics)"', response.content.decode())
    assert match
    return match.group(1).removeprefix("https://portal.example.test")


def test_the_token_is_shown_once_and_stored_hashed(login, ak_member):
    client = login(ak_member)
    path = _create_token(client)
    secret = path.rsplit("/", 1)[1].removesuffix(".ics")
    assert CalendarToken.objects.get(user=ak_member).token_hash == CalendarToken.hash(secret)
    assert secret not in client.get(reverse("facharbeitskreise:calendar")).content.decode()


def test_the_feed_works_without_a_session_and_lists_only_the_users_arbeitskreise(
    login, client, ak_member, arbeitskreis, other_arbeitskreis
):
    mine = make_meeting(arbeitskreis, title="Unsere Sitzung")
    make_meeting(other_arbeitskreis, title="Geheime Sitzung Sozialleistungsbetrug")
    path = _create_token(login(ak_member))
    client.logout()
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"meeting-{mine.pk}@" in body
    assert "Sozialleistungsbetrug" not in body and "Geheime Sitzung" not in body


def test_a_renewed_token_voids_the_old_one(login, client, ak_member, arbeitskreis):
    old = _create_token(login(ak_member))
    new = _create_token(client)
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_revoked_token_gets_404(login, client, ak_member, arbeitskreis):
    path = _create_token(login(ak_member))
    response = client.post(reverse("facharbeitskreise:calendar"), {"aktion": "widerrufen"})
    assert response.status_code == 302
    client.logout()
    assert client.get(path).status_code == 404


def test_an_unknown_token_gets_404(client):
    assert client.get(reverse("facharbeitskreise:calendar_feed", kwargs={"token": "falsch"})).status_code == 404


def test_meetings_of_a_lost_arbeitskreis_disappear_from_the_feed(login, client, ak_member, ak_lead, arbeitskreis):
    make_meeting(arbeitskreis, title="Sitzung nach dem Austritt")
    path = _create_token(login(ak_member))
    services.role_revoke(arbeitskreis=arbeitskreis, actor=ak_lead, user=ak_member)
    client.logout()
    assert "Sitzung nach dem Austritt" not in client.get(path).content.decode()


def test_a_deactivated_users_feed_is_gone(login, client, ak_member, arbeitskreis):
    path = _create_token(login(ak_member))
    User.objects.filter(pk=ak_member.pk).update(status=User.Status.DEACTIVATED, is_active=False)
    client.logout()
    assert client.get(path).status_code == 404


def test_the_feed_leaves_out_old_meetings(login, client, ak_member, arbeitskreis):
    make_meeting(arbeitskreis, days=-400, title="Sitzung von vorletztem Jahr")
    path = _create_token(login(ak_member))
    assert "vorletztem" not in client.get(path).content.decode()


def test_the_calendar_page_explains_what_the_feed_holds(login, ak_member):
    text = main_text(login(ak_member).get(reverse("facharbeitskreise:calendar")))
    assert "Tagesordnungen" in text and "noch keine Kalenderadresse" in text


def test_the_feed_of_an_archived_arbeitskreis_still_lists_its_meetings(login, client, ak_member, arbeitskreis):
    from facharbeitskreise.models import Arbeitskreis

    make_meeting(arbeitskreis, days=-2, title="Letzte Sitzung")
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(
        is_archived=True, archived_at=timezone.now() - timedelta(days=1)
    )
    path = _create_token(login(ak_member))
    assert "Letzte Sitzung" in client.get(path).content.decode()


def test_times_are_written_in_utc(db, arbeitskreis):
    from datetime import datetime

    from facharbeitskreise.models import Meeting

    berlin = timezone.get_default_timezone()
    start = datetime(2030, 3, 12, 10, 0, tzinfo=berlin)
    meeting = Meeting.objects.create(
        arbeitskreis=arbeitskreis,
        title="Sitzung",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Essen",
    )
    props = _props(ical.calendar(feeds.entries([meeting]), name="Test"))
    assert props["DTSTART"] == ["20300312T090000Z"] and props["DTEND"] == ["20300312T110000Z"]
