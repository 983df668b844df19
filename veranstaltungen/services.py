"""Writes that touch several rows or send mail: announcing, registering, the waiting list,
postponing and cancelling.

Every change of the seats locks the event row first (`select_for_update`): on PostgreSQL two
people taking the last seat at the same moment are served one after the other, so the second
lands on the waiting list instead of overbooking the event. SQLite locks the whole database for a
write anyway. Mails are sent after commit through the one mail pipeline (`common.mail`), each
confirmed person's with her calendar entry attached (`calendar.attachment`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.mail import absolute_url, send_after_commit

from . import calendar
from .models import Event, EventDocument, Registration

Status = Registration.Status


def _mail(kind: str, event: Event, registration: Registration, **context) -> None:
    """One mail to the registered person; with her calendar entry unless she is only waiting."""
    user = registration.user
    attach = [] if registration.status == Status.WAITING else [calendar.attachment(event, registration)]
    send_after_commit(
        "veranstaltungen/email/event",
        {
            "kind": kind,
            "event": event,
            "registration": registration,
            "person": user,
            "event_url": absolute_url(event.get_absolute_url()),
            **context,
        },
        [user.email],
        attachments=attach,
    )


def lock(event: Event) -> Event:
    return Event.objects.select_related("audience").select_for_update().get(pk=event.pk)


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Status.CONFIRMED).count()


def free_seats(event: Event) -> int | None:
    """Seats left; None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - confirmed_count(event))


def _fill_seats(event: Event) -> list[Registration]:
    """Move people up from the waiting list (in their order) while seats are free; each gets a mail.
    The caller holds the event's lock."""
    if event.is_cancelled or event.is_past:
        return []
    waiting = (
        event.registrations.filter(status=Status.WAITING, user__in=event.audience.members())
        .select_related("user")
        .order_by("registered_at", "pk")
    )
    free = free_seats(event)
    moved = list(waiting if free is None else waiting[:free])
    for registration in moved:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status"])
        _mail("moved_up", event, registration)
    return moved


@transaction.atomic
def registration_create(*, event: Event, user, note: str = "") -> Registration:
    """Register `user` (a seat, or the waiting list when all are taken); registering twice changes nothing."""
    event = lock(event)
    if not event.registration_open():
        raise ValidationError("Für diese Veranstaltung ist keine Anmeldung mehr möglich.")
    registration = Registration.objects.filter(event=event, user=user).select_related("user").first()
    if registration is not None and registration.status != Status.CANCELLED:
        return registration
    free = free_seats(event)
    status = Status.CONFIRMED if free is None or free > 0 else Status.WAITING
    if registration is None:
        registration = Registration(event=event, user=user)
    else:
        registration.sequence += 1  # her cancelled calendar copy comes back as a newer version
    registration.status = status
    registration.note = note
    registration.registered_at = timezone.now()
    registration.cancelled_at = None
    registration.attended = None
    registration.save()
    _mail("registered" if status == Status.CONFIRMED else "waiting", event, registration)
    return registration


@transaction.atomic
def registration_cancel(*, event: Event, user, notify: bool = True) -> Registration | None:
    """Cancel `user`'s registration (or waiting place); a freed seat goes to the waiting list.
    `notify=False`: no mail to her (her account is being erased)."""
    event = lock(event)
    registration = (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=Status.CANCELLED)
        .select_related("user")
        .first()
    )
    if registration is None:
        return None
    had_seat = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.sequence += 1
    registration.save(update_fields=["status", "cancelled_at", "sequence"])
    if had_seat:
        if notify:
            _mail("unregistered", event, registration)
        _fill_seats(event)
    return registration


def _active(event: Event):
    """Registered and waiting people who are still in the audience: nobody else hears of the event,
    not even someone who registered before the audience was narrowed."""
    return (
        event.registrations.exclude(status=Status.CANCELLED)
        .filter(user__in=event.audience.members())
        .select_related("user")
    )


@transaction.atomic
def event_save(*, event: Event, audience_form, user, calendar_changed: bool) -> Event:
    """Create or update an event with its audience; a changed time or place raises the SEQUENCE and
    tells the registered people, a raised capacity moves the waiting list up."""
    creating = event.pk is None
    event.audience = audience_form.save()
    if creating:
        event.created_by = user
    elif calendar_changed:
        event.sequence += 1
    event.save()
    if not creating:
        event = lock(event)
        if calendar_changed and not event.is_past:
            for registration in _active(event):
                _mail("changed", event, registration)
        _fill_seats(event)
    return event


@transaction.atomic
def event_postpone(*, event: Event, starts_at, ends_at, note: str = "") -> Event:
    """New dates (status "postponed"); every registered and waiting person is told, calendars update."""
    event = lock(event)
    event.starts_at, event.ends_at = starts_at, ends_at
    event.status = Event.Status.POSTPONED
    event.status_note = note
    event.sequence += 1
    event.save()
    for registration in _active(event):
        _mail("postponed", event, registration)
    return event


@transaction.atomic
def event_cancel(*, event: Event, note: str = "") -> Event:
    """Cancel: every registered and waiting person is told; calendars get STATUS:CANCELLED."""
    event = lock(event)
    if event.is_cancelled:
        return event
    event.status = Event.Status.CANCELLED
    event.status_note = note
    event.sequence += 1
    event.save()
    for registration in _active(event):
        _mail("cancelled", event, registration)
    return event


def document_add(*, event: Event, title: str, kind: str, upload, user, files) -> EventDocument:
    """Inside `dokumente.services.files_atomic()` (the caller's): the upload is validated and scanned again."""
    return EventDocument.objects.create(event=event, title=title, kind=kind, file=files.store(upload, user=user))


@transaction.atomic
def attendance_save(*, event: Event, attended_ids: set[int]) -> int:
    """Mark who attended among the confirmed; everyone else confirmed counts as not attended."""
    confirmed = event.registrations.filter(status=Status.CONFIRMED)
    confirmed.filter(pk__in=attended_ids).update(attended=True)
    confirmed.exclude(pk__in=attended_ids).update(attended=False)
    return len(attended_ids)
