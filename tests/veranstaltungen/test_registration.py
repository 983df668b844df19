"""One-click registration with an optional note, the confirmation with its calendar entry, cancelling,
and the waiting list that moves up by itself (with a mail)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from veranstaltungen.models import Event, Registration

from .conftest import make_event
from .ics import ics_of, only_event

pytestmark = pytest.mark.django_db

Status = Registration.Status


def _register(client, event, note=""):
    return client.post(reverse("veranstaltungen:register", kwargs={"pk": event.pk}), {"note": note})


def _cancel(client, event):
    return client.post(reverse("veranstaltungen:unregister", kwargs={"pk": event.pk}))


def test_registering_takes_one_click_keeps_the_note_and_mails_a_calendar_entry(
    login, member, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(login(member), event, note="vegetarisch, Rollstuhlplatz")
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, user=member)
    assert registration.status == Status.CONFIRMED and registration.note == "vegetarisch, Rollstuhlplatz"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    assert "Anmeldung bestätigt" in mail.outbox[0].subject
    entry = only_event(ics_of(mail.outbox[0]))
    assert str(entry["UID"]) == f"veranstaltung-{event.pk}@portal.example.test"
    assert entry["STATUS"] == "CONFIRMED" and int(entry["SEQUENCE"]) == 0
    assert entry.decoded("DTSTART") == event.starts_at and entry.decoded("DTEND") == event.ends_at
    assert str(entry["SUMMARY"]) == event.title


def test_registering_twice_keeps_one_registration(login, member, event):
    client = login(member)
    _register(client, event)
    _register(client, event)
    assert Registration.objects.filter(event=event, user=member).count() == 1


def test_a_full_event_puts_the_next_person_on_the_waiting_list(
    login, member, outsider, insider, event, django_capture_on_commit_callbacks
):
    _register(login(member), event)
    _register(login(outsider), event)
    with django_capture_on_commit_callbacks(execute=True):
        _register(login(insider), event)
    assert Registration.objects.get(event=event, user=insider).status == Status.WAITING
    assert "Warteliste" in mail.outbox[-1].subject and not mail.outbox[-1].attachments
    page = login(insider).get(event.get_absolute_url()).content.decode()
    assert "Warteliste, an Position 1" in page


def test_cancelling_frees_the_seat_for_the_first_waiting_person_who_gets_a_mail(
    login, member, outsider, insider, make_user, event, django_capture_on_commit_callbacks
):
    late = make_user("lutz.spaet@essen.de")
    for person in (member, outsider, insider, late):
        _register(login(person), event)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _cancel(login(member), event).status_code == 302
    statuses = dict(Registration.objects.filter(event=event).values_list("user__email", "status"))
    assert statuses == {
        member.email: Status.CANCELLED,
        outsider.email: Status.CONFIRMED,
        insider.email: Status.CONFIRMED,
        late.email: Status.WAITING,
    }
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {member.email, insider.email}
    withdrawn = only_event(ics_of(by_person[member.email]))
    assert withdrawn["STATUS"] == "CANCELLED" and int(withdrawn["SEQUENCE"]) == 1
    assert "Sie haben einen Platz" in by_person[insider.email].subject
    assert only_event(ics_of(by_person[insider.email]))["STATUS"] == "CONFIRMED"


def test_leaving_the_waiting_list_moves_nobody_up(login, member, outsider, insider, event):
    for person in (member, outsider, insider):
        _register(login(person), event)
    _cancel(login(insider), event)
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 2
    assert Registration.objects.get(event=event, user=insider).status == Status.CANCELLED


def test_registering_again_after_cancelling_raises_the_persons_sequence(
    login, member, event, django_capture_on_commit_callbacks
):
    client = login(member)
    _register(client, event)
    _cancel(client, event)
    with django_capture_on_commit_callbacks(execute=True):
        _register(client, event)
    assert int(only_event(ics_of(mail.outbox[-1]))["SEQUENCE"]) == 2


def test_a_raised_capacity_moves_the_waiting_list_up(login, member, outsider, insider, office, event):
    for person in (member, outsider, insider):
        _register(login(person), event)
    from veranstaltungen import services
    from zielgruppen.forms import AudienceForm

    event.capacity = 3
    services.event_save(
        event=event,
        audience_form=AudienceForm({"scope": "alle"}, instance=event.audience),
        user=office,
        calendar_changed=False,
    )
    assert Registration.objects.get(event=event, user=insider).status == Status.CONFIRMED


def test_no_registration_after_the_deadline(login, member):
    closed = make_event(registration_deadline=timezone.now() - timedelta(hours=1), title="Anmeldung vorbei")
    response = _register(login(member), closed)
    assert response.status_code == 302
    assert not Registration.objects.exists()
    page = login(member).get(closed.get_absolute_url()).content.decode()
    assert "Anmeldung ist geschlossen" in page


def test_no_registration_for_a_cancelled_event(login, member):
    cancelled = make_event(status=Event.Status.CANCELLED)
    _register(login(member), cancelled)
    assert not Registration.objects.exists()


def test_a_note_that_is_too_long_registers_nobody(login, member, event):
    response = _register(login(member), event, note="x" * 501)
    assert response.status_code == 302
    assert not Registration.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("zu lang" in text for text in messages)


def test_the_online_link_is_shown_to_registered_people_only(login, member, outsider):
    online = make_event(venue="", online_url="https://video.example.test/raum?pin=4711")
    _register(login(member), online)
    assert "pin=4711" in login(member).get(online.get_absolute_url()).content.decode()
    assert "pin=4711" not in login(outsider).get(online.get_absolute_url()).content.decode()


def test_the_calendar_file_of_the_event_parses_back_and_carries_no_online_link(login, member):
    online = make_event(venue="", online_url="https://video.example.test/raum?pin=4711", title="Online; Teil 1, Recht")
    response = login(member).get(reverse("veranstaltungen:ics", kwargs={"pk": online.pk}))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    entry = only_event(response.content)
    assert str(entry["SUMMARY"]) == "Online; Teil 1, Recht" and str(entry["LOCATION"]) == "Online"
    assert "pin=4711" not in response.content.decode()


def test_the_persons_registrations_are_in_her_data_export_and_go_with_her_account(
    login, member, outsider, insider, event
):
    from veranstaltungen import personal_data

    for person in (member, outsider, insider):
        _register(login(person), event, note="Rollstuhlplatz" if person == member else "")
    rows = personal_data.export(member)[0].rows
    assert [(row["veranstaltung"], row["hinweis"], row["status"]) for row in rows] == [
        (event.title, "Rollstuhlplatz", "angemeldet")
    ]
    personal_data.erase(member, by=None)
    assert not Registration.objects.filter(user=member).exists()
    assert Registration.objects.get(user=insider).status == Status.CONFIRMED  # moved up into the freed seat
