"""iCalendar (RFC 5545) for meetings: one meeting as a download, or a user's personal feed.

Written by hand, it is small: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
character), TEXT values escaped, times in UTC.

What goes in: the area and title as SUMMARY, start and end, the place (LOCATION, "Videokonferenz"
for an online meeting) and the link to the meeting in the portal. What stays out: the agenda and
the video link. Calendars are synchronised by mail servers and phone apps outside the portal, and a
feed URL is often shared with a calendar service; the agenda may name people and cases, a video
link often carries its access code. Both are one click away in the portal, behind the login.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from .models.content import Meeting

PRODID = "-//Sicherheitskooperation Ruhr//SiKo Ruhr Portal//DE"


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


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return urlsplit(settings.SIKO_BASE_URL).hostname or "sikoruhr.nrw.de"


def uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{_host()}"


def _event_lines(meeting: Meeting, stamp: datetime) -> list[str]:
    location = meeting.location or ("Videokonferenz" if meeting.video_url else "")
    url = f"{settings.SIKO_BASE_URL}{meeting.get_absolute_url()}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(meeting)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SUMMARY:{escape_text(f'{meeting.area.name}: {meeting.title}')}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines += [
        f"DESCRIPTION:{escape_text(f'Tagesordnung und Unterlagen im SiKo Ruhr Portal: {url}')}",
        f"URL:{url}",
        "END:VEVENT",
    ]
    return lines


def calendar(meetings: Iterable[Meeting], *, name: str) -> str:
    stamp = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for meeting in meetings:
        lines += _event_lines(meeting, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def unfold(text: str) -> list[str]:
    """The inverse of `fold` for a whole calendar; used by tests and handy for debugging."""
    return text.replace("\r\n ", "").split("\r\n")
