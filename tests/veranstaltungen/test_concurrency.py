"""The last seat, taken by several people at the same moment: one gets it, the others wait.

Real threads with their own database connections; the event row lock (`select_for_update`) is what
serialises them. SQLite has no row locks (it locks the whole database for a write), so this runs on
PostgreSQL only. A pause between counting the seats and saving the registration makes the race
certain: without the lock every thread would count one free seat and all would be confirmed.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import close_old_connections, connection

from veranstaltungen import services
from veranstaltungen.models import Registration

from .conftest import make_event

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not connection.features.has_select_for_update, reason="row locks (select_for_update) need PostgreSQL"
    ),
]


def test_concurrent_last_seat_registrations_never_overbook(make_user, monkeypatch):
    event = make_event(capacity=1, title="Jahrestagung")
    people = [make_user(f"person{index}@essen.de") for index in range(4)]
    original = services.free_seats

    def slow_free_seats(event):
        free = original(event)
        time.sleep(0.3)
        return free

    monkeypatch.setattr(services, "free_seats", slow_free_seats)
    start = threading.Barrier(len(people))
    errors: list[Exception] = []

    def register(user):
        try:
            start.wait()
            services.registration_create(event=event, user=user)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["confirmed", "waiting", "waiting", "waiting"]


def test_concurrent_cancel_and_registration_keep_the_count(make_user, monkeypatch):
    """A seat freed while someone registers goes to exactly one person."""
    event = make_event(capacity=1, title="Fachveranstaltung")
    holder, waiting, newcomer = (make_user(f"p{index}@essen.de") for index in range(3))
    services.registration_create(event=event, user=holder)
    services.registration_create(event=event, user=waiting)
    original = services.free_seats

    def slow_free_seats(event):
        free = original(event)
        time.sleep(0.3)
        return free

    monkeypatch.setattr(services, "free_seats", slow_free_seats)
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def run(action):
        try:
            start.wait()
            action()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=run, args=(lambda: services.registration_cancel(event=event, user=holder),)),
        threading.Thread(target=run, args=(lambda: services.registration_create(event=event, user=newcomer),)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() == 1
