"""iCalendar (RFC 5545): the one builder for every calendar file of the portal (meetings of the
closed areas, events), as a download, a personal feed or a mail attachment.

Written by hand, it is small: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
character), TEXT values escaped, times in UTC.

Calendars keep copies: an entry that simply vanishes from a feed or is never re-sent stays in the
calendars that imported it. So a cancelled entry is sent again with the same UID, a higher
SEQUENCE and STATUS:CANCELLED, and every change of time or place raises the SEQUENCE, so that
calendar programs replace their copy instead of adding a second one (RFC 5545 3.8.7.4).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from .caching import PRIVATE_NO_STORE

PRODID = "-//Sicherheitskooperation Ruhr//SiKo Ruhr Portal//DE"
CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True, kw_only=True)
class CalendarEntry:
    """One VEVENT. `uid_key` is unique within the portal ("meeting-12"); the host is appended."""

    uid_key: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    url: str = ""
    description: str = ""
    location: str = ""
    sequence: int = 0
    cancelled: bool = False

    @property
    def uid(self) -> str:
        return f"{self.uid_key}@{_host()}"


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11: backslash, semicolon, comma and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545 3.1: at most 75 octets per line; continuation lines start with one space."""
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > limit:
            parts.append(current.decode())
            current = b""
            limit = 74  # the leading space counts
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def unfold(text: str) -> list[str]:
    """The inverse of `fold` for a whole calendar; used by tests and handy for debugging."""
    return text.replace("\r\n ", "").split("\r\n")


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return urlsplit(settings.SIKO_BASE_URL).hostname or "sikoruhr.nrw.de"


def _event_lines(entry: CalendarEntry, stamp: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{entry.uid}",
        f"SEQUENCE:{entry.sequence}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(entry.starts_at)}",
        f"DTEND:{utc(entry.ends_at)}",
        f"SUMMARY:{escape_text(entry.summary)}",
        f"STATUS:{'CANCELLED' if entry.cancelled else 'CONFIRMED'}",
    ]
    if entry.location:
        lines.append(f"LOCATION:{escape_text(entry.location)}")
    if entry.description:
        lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
    if entry.url:
        lines.append(f"URL:{entry.url}")
    lines.append("END:VEVENT")
    return lines


def calendar(entries: Iterable[CalendarEntry], *, name: str) -> str:
    """A whole VCALENDAR (METHOD:PUBLISH: feeds, downloads and mail attachments alike)."""
    stamp = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for entry in entries:
        lines += _event_lines(entry, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def ics_response(body: str, filename: str) -> HttpResponse:
    """A calendar file as a download; never cached (it names what its holder may see)."""
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = PRIVATE_NO_STORE
    response["X-Content-Type-Options"] = "nosniff"
    return response
