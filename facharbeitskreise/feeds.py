"""Meetings as calendar entries (the format itself: `common.ical`, shared with the events).

What goes in: the area and title as SUMMARY, start and end, the place (LOCATION, "Videokonferenz"
for an online meeting) and the link to the meeting in the portal. What stays out: the agenda and
the video link. Calendars are synchronised by mail servers and phone apps outside the portal, and a
feed URL is often shared with a calendar service; the agenda may name people and cases, a video
link often carries its access code. Both are one click away in the portal, behind the login.

A cancelled or deleted meeting stays in the feed (from its `CancelledMeeting` row) as
STATUS:CANCELLED with the same UID and a higher SEQUENCE, so that copies in calendars go away.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from common.ical import CalendarEntry

from .models.content import CancelledMeeting, Meeting


def uid_key(meeting_pk: int) -> str:
    return f"meeting-{meeting_pk}"


def meeting_entry(meeting: Meeting) -> CalendarEntry:
    url = f"{settings.SIKO_BASE_URL}{meeting.get_absolute_url()}"
    return CalendarEntry(
        uid_key=uid_key(meeting.pk),
        summary=f"{meeting.arbeitskreis.name}: {meeting.title}",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location or ("Videokonferenz" if meeting.video_url else ""),
        description=f"Tagesordnung und Unterlagen im SiKo Ruhr Portal: {url}",
        url=url,
        sequence=meeting.sequence,
    )


def cancelled_entry(row: CancelledMeeting) -> CalendarEntry:
    url = f"{settings.SIKO_BASE_URL}{reverse('facharbeitskreise:meeting_list', kwargs={'slug': row.arbeitskreis.slug})}"
    return CalendarEntry(
        uid_key=uid_key(row.meeting_pk),
        summary=f"Abgesagt – {row.arbeitskreis.name}: {row.title}",
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        location=row.location or ("Videokonferenz" if row.online else ""),
        description=f"Diese Sitzung findet nicht statt. Sitzungen des Bereichs: {url}",
        url=url,
        sequence=row.sequence,
        cancelled=True,
    )


def entries(meetings: Iterable[Meeting], cancelled: Iterable[CancelledMeeting] = ()) -> list[CalendarEntry]:
    """Existing and cancelled meetings, by start."""
    found = [meeting_entry(meeting) for meeting in meetings] + [cancelled_entry(row) for row in cancelled]
    return sorted(found, key=lambda entry: (entry.starts_at, entry.uid_key))
