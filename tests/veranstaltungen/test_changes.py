"""Postponing and cancelling tell every registered and waiting person and update their calendars:
the same UID, SEQUENCE + 1, STATUS:CANCELLED for a cancelled event (file, mail and personal feed)."""

from __future__ import annotations

import re
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from veranstaltungen.models import Event, Registration

from .conftest import make_event
from .ics import ics_of, only_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event(login, member, outsider, insider, event):
    """Two seats taken (member, outsider), insider waiting."""
    for person in (member, outsider, insider):
        login(person).post(reverse("veranstaltungen:register", kwargs={"pk": event.pk}))
    mail.outbox.clear()
    return event


def _local(value) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def test_postponing_mails_everyone_with_the_new_date_and_a_newer_calendar_entry(
    login, office, member, outsider, insider, full_event, django_capture_on_commit_callbacks
):
    new_start = full_event.starts_at + timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(office).post(
            reverse("veranstaltungen:postpone", kwargs={"pk": full_event.pk}),
            {"starts_at": _local(new_start), "ends_at": _local(new_start + timedelta(hours=4)), "note": "Raumwechsel"},
        )
    assert response.status_code == 302
    full_event.refresh_from_db()
    assert full_event.status == Event.Status.POSTPONED and full_event.sequence == 1
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {member.email, outsider.email, insider.email}
    assert all("Verschoben" in message.subject and "Raumwechsel" in message.body for message in mail.outbox)
    entry = only_event(ics_of(by_person[member.email]))
    assert str(entry["UID"]) == f"veranstaltung-{full_event.pk}@portal.example.test"
    assert int(entry["SEQUENCE"]) == 1 and entry["STATUS"] == "CONFIRMED"
    assert entry.decoded("DTSTART") == full_event.starts_at
    assert not by_person[insider.email].attachments  # waiting: nothing in her calendar to update


def test_cancelling_mails_everyone_and_cancels_the_calendar_entries(
    login, office, member, insider, full_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(office).post(
            reverse("veranstaltungen:cancel", kwargs={"pk": full_event.pk}), {"note": "Erkrankung der Referenten"}
        )
    assert response.status_code == 302
    full_event.refresh_from_db()
    assert full_event.status == Event.Status.CANCELLED and full_event.sequence == 1
    assert len(mail.outbox) == 3 and all("Abgesagt" in message.subject for message in mail.outbox)
    entry = only_event(ics_of(next(m for m in mail.outbox if m.to == [member.email])))
    assert entry["STATUS"] == "CANCELLED" and int(entry["SEQUENCE"]) == 1
    page = login(member).get(full_event.get_absolute_url()).content.decode()
    assert "wurde abgesagt" in page and "Erkrankung der Referenten" in page


def test_a_changed_time_raises_the_sequence_and_tells_the_registered(
    login, office, member, full_event, django_capture_on_commit_callbacks
):
    client = login(office)
    form = client.get(reverse("veranstaltungen:edit", kwargs={"pk": full_event.pk})).context["form"]
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        {
            "starts_at": _local(full_event.starts_at + timedelta(hours=1)),
            "ends_at": _local(full_event.ends_at + timedelta(hours=1)),
            "registration_deadline": "",
            "capacity": "2",
            "zielgruppe-scope": "alle",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("veranstaltungen:edit", kwargs={"pk": full_event.pk}), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else None
    full_event.refresh_from_db()
    assert full_event.sequence == 1
    assert {message.to[0] for message in mail.outbox} == {
        member.email,
        "olga.aussen@polizei.nrw.de",
        "ina.innen@polizei.nrw.de",
    }


def _feed_path(client) -> str:
    response = client.post(reverse("facharbeitskreise:calendar"), {"aktion": "erstellen"})
    match = re.search(r'value="(https://[^"]+/veranstaltungen/kalender/[^"]+\.ics)"', response.content.decode())
    assert match
    return match.group(1).removeprefix("https://portal.example.test")


def test_the_personal_feed_keeps_a_cancelled_event_as_cancelled(login, client, office, member, full_event):
    path = _feed_path(login(member))
    other = make_event(title="Ohne Anmeldung")
    cancelled = login(office).post(reverse("veranstaltungen:cancel", kwargs={"pk": full_event.pk}))
    assert cancelled.status_code == 302, cancelled.content.decode()[:3000]
    client.logout()
    response = client.get(path)
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [(str(e["UID"]).split("@")[0], e["STATUS"], int(e["SEQUENCE"])) for e in events] == [
        (f"veranstaltung-{full_event.pk}", "CANCELLED", 1)
    ]
    assert other.title not in response.content.decode()


def test_the_feed_drops_events_of_an_audience_one_left(login, client, insider, closed_event, secret_arbeitskreis):
    from facharbeitskreise import services as arbeitskreis_services

    login(insider).post(reverse("veranstaltungen:register", kwargs={"pk": closed_event.pk}))
    path = _feed_path(login(insider))
    arbeitskreis_services.role_revoke(arbeitskreis=secret_arbeitskreis, actor=None, user=insider)
    client.logout()
    assert "Verborgene" not in client.get(path).content.decode()


def test_an_unknown_feed_token_is_404(client):
    assert client.get(reverse("veranstaltungen:calendar_feed", kwargs={"token": "falsch"})).status_code == 404


def test_postponing_into_the_past_is_refused_with_the_input_kept(login, office, full_event):
    response = login(office).post(
        reverse("veranstaltungen:postpone", kwargs={"pk": full_event.pk}),
        {"starts_at": "2020-01-01T10:00", "ends_at": "2020-01-01T09:00"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "muss in der Zukunft liegen" in text and "muss nach dem Beginn" in text and "2020-01-01T10:00" in text
    full_event.refresh_from_db()
    assert full_event.status == Event.Status.PLANNED and full_event.sequence == 0
    assert Registration.objects.filter(event=full_event).count() == 3


def test_someone_no_longer_in_the_audience_hears_nothing(
    login, office, member, insider, secret_arbeitskreis, closed_event, django_capture_on_commit_callbacks
):
    from facharbeitskreise import services as arbeitskreis_services

    login(insider).post(reverse("veranstaltungen:register", kwargs={"pk": closed_event.pk}))
    arbeitskreis_services.role_revoke(arbeitskreis=secret_arbeitskreis, actor=None, user=insider)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        login(office).post(reverse("veranstaltungen:cancel", kwargs={"pk": closed_event.pk}))
    assert mail.outbox == []
