"""Reading calendar files back with the `icalendar` package (the validation the issue asks for)."""

from __future__ import annotations

import icalendar


def only_event(text: str | bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def ics_of(mail) -> str:
    """The one calendar attachment of a mail."""
    files = [content for name, content, mimetype in mail.attachments if mimetype == "text/calendar"]
    assert len(files) == 1, mail.attachments
    return files[0]
