"""Events as calendar entries (format: `common.ical`, shared with the areas' meetings).

The online link stays out, like a meeting's video link: calendars travel to mail servers and phone
apps outside the portal, and the link is one click away behind the login. A person's copy is
cancelled when the event is cancelled or when she cancels her own registration; its SEQUENCE is
the event's plus her own changes, so every new version outranks the copy she holds.
"""

from __future__ import annotations

from django.conf import settings

from common.ical import CalendarEntry, calendar

from .models import Event, Registration


def event_entry(event: Event, registration: Registration | None = None) -> CalendarEntry:
    url = f"{settings.SIKO_BASE_URL}{event.get_absolute_url()}"
    withdrawn = registration is not None and registration.status == Registration.Status.CANCELLED
    cancelled = event.is_cancelled or withdrawn
    if event.is_cancelled:
        note = "Die Veranstaltung wurde abgesagt."
    elif withdrawn:
        note = "Sie haben sich abgemeldet."
    else:
        note = "Programm und Unterlagen im SiKo Ruhr Portal"
    return CalendarEntry(
        uid_key=f"veranstaltung-{event.pk}",
        summary=f"{'Abgesagt – ' if cancelled else ''}{event.title}",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        location=event.place,
        description=f"{note}: {url}",
        url=url,
        sequence=event.sequence + (registration.sequence if registration is not None else 0),
        cancelled=cancelled,
    )


def event_file(event: Event, registration: Registration | None = None) -> str:
    return calendar([event_entry(event, registration)], name=event.title)


def attachment(event: Event, registration: Registration | None = None) -> tuple[str, str, str]:
    """The .ics for a mail (common.mail.send_after_commit's attachments)."""
    return (f"veranstaltung-{event.pk}.ics", event_file(event, registration), "text/calendar")
