"""Demo content of the closed areas: members with their roles, documents, past meetings with
minutes and attendance, upcoming meetings, discussions with replies – one TOML file per area in
`inhalte/arbeitskreise/`, plus the further people who are members there (`personen.toml`).

Called by `manage.py load_demo` after the areas and accounts exist. Dates are relative to the day
of the run and fall on working days (`demo.dates`). Idempotent: grants are only added where
missing, everything else is matched by area and title. No notification mails: the items are
created directly, not through the services that announce news; what is recent is recorded as an
area event that counts as mailed already, so the start page shows it and no worker sends it.
"""

from __future__ import annotations

import datetime
import tomllib
from functools import cache
from pathlib import Path

from django.utils import timezone

from dokumente.services import files_atomic, version_add
from facharbeitskreise import services
from facharbeitskreise.access import Role, member_roles
from facharbeitskreise.models import (
    Arbeitskreis,
    ArbeitskreisDocument,
    ArbeitskreisEvent,
    Attendance,
    Meeting,
    Post,
    Thread,
)
from partner.models import User

from . import data as demo_data
from .dates import at
from .fachgebiete import file_upload

ARBEITSKREIS_DIR = Path(__file__).resolve().parent / "inhalte" / "arbeitskreise"
# Older news than this is not announced again (the start page looks back two weeks at most).
NEWS_DAYS = 14
_Kind = ArbeitskreisEvent.Kind


@cache
def content(slug: str) -> dict:
    with (ARBEITSKREIS_DIR / f"{slug}.toml").open("rb") as handle:
        return tomllib.load(handle)


def people() -> list[dict]:
    """The further members, as account entries like `demo_data.DEMO_USERS`."""
    return [
        {"role": "Mitglied in Arbeitskreisen", "status": User.Status.ADMITTED, **person}
        for person in content("personen")["person"]
    ]


def _announce(arbeitskreis, kind: str, item, when: datetime.datetime, actor, title: str = "") -> None:
    if when < timezone.now() - datetime.timedelta(days=NEWS_DAYS):
        return
    ArbeitskreisEvent.objects.get_or_create(
        arbeitskreis=arbeitskreis,
        kind=kind,
        path=item.get_absolute_url(),
        defaults={"title": (title or str(item))[:300], "actor": actor, "created_at": when},
    )


def _document(arbeitskreis, entry: dict, users: dict[str, User], *, title=None, when=None, is_result=False):
    title = title or entry["titel"]
    document = ArbeitskreisDocument.objects.filter(arbeitskreis=arbeitskreis, title=title).first()
    if document is not None:
        return document
    author = users[entry["von"]]
    when = when or at(entry["tage"], 11)
    with files_atomic() as files:
        document = ArbeitskreisDocument.objects.create(
            arbeitskreis=arbeitskreis,
            title=title,
            description=entry.get("beschreibung", ""),
            is_result=entry.get("ergebnis", is_result),
            created_by=author,
            created_at=when,
            updated_at=when,
        )
        version = version_add(
            document, upload=file_upload(title, entry["datei"], entry["inhalt"]), user=author, files=files
        )
        type(version).objects.filter(pk=version.pk).update(created_at=when)
    _announce(arbeitskreis, _Kind.DOCUMENT, document, when, author)
    return document


def _meeting(arbeitskreis, entry: dict, lead: User, members: list[User], users: dict[str, User]) -> None:
    if Meeting.objects.filter(arbeitskreis=arbeitskreis, title=entry["titel"]).exists():
        return
    starts_at = at(entry["tage"], entry.get("beginn", 10))
    created_at = at(min(entry["tage"] - 21, -1), 15)
    minutes = None
    if "protokoll" in entry:
        minutes = _document(
            arbeitskreis,
            {"von": lead.email, "datei": "pdf", "inhalt": entry["protokoll"]},
            users,
            title=f"Protokoll: {entry['titel']}",
            when=at(entry["tage"] + 3, 12),
        )
    meeting = Meeting.objects.create(
        arbeitskreis=arbeitskreis,
        title=entry["titel"],
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=entry.get("dauer", 2.5)),
        location=entry.get("ort", ""),
        video_url=entry.get("video", ""),
        agenda=entry["tagesordnung"],
        minutes=minutes,
        created_by=lead,
        created_at=created_at,
    )
    _announce(arbeitskreis, _Kind.MEETING, meeting, created_at, lead)
    if meeting.starts_at < timezone.now():
        excused = set(entry.get("entschuldigt", []))
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                user=user,
                status=Attendance.Status.EXCUSED if user.email in excused else Attendance.Status.PRESENT,
            )
            for user in members
        )


def _thread(arbeitskreis, entry: dict, users: dict[str, User]) -> None:
    if Thread.objects.filter(arbeitskreis=arbeitskreis, title=entry["titel"]).exists():
        return
    start = at(entry["tage"], 9, 12)
    times = [start + datetime.timedelta(minutes=127 * index) for index in range(len(entry["beitraege"]))]
    thread = Thread.objects.create(
        arbeitskreis=arbeitskreis,
        title=entry["titel"],
        created_by=users[entry["beitraege"][0][0]],
        created_at=start,
        last_post_at=times[-1],
        post_count=len(times),
    )
    for when, (email, body) in zip(times, entry["beitraege"], strict=True):
        post = Post.objects.create(thread=thread, author=users[email], body=body, created_at=when)
        if when == start:
            _announce(arbeitskreis, _Kind.THREAD, thread, when, users[email])
        else:
            _announce(arbeitskreis, _Kind.POST, post, when, users[email], title=thread.title)


def _grant_members(arbeitskreis, entries: list[list[str]], users: dict[str, User], office: User) -> int:
    granted = 0
    roles = member_roles(arbeitskreis)
    # Leads first: an area always keeps one, and a lead may already exist from an earlier run.
    for email, role in sorted(entries, key=lambda entry: entry[1] != Role.LEITUNG):
        user = users[email]
        if roles.get(user.pk) != role:
            services.role_grant(
                arbeitskreis=arbeitskreis, role=role, actor=office, user=user, reason="Demo-Daten", notify=False
            )
            granted += 1
    return granted


def load(stdout) -> None:
    office = User.objects.get(email=demo_data.OFFICE_EMAIL)
    users = {user.email: user for user in User.objects.all()}
    granted = 0
    for arbeitskreis in Arbeitskreis.objects.order_by("pk"):
        data = content(arbeitskreis.slug)
        granted += _grant_members(arbeitskreis, data["mitglieder"], users, office)
        lead = users[next(email for email, role in data["mitglieder"] if role == Role.LEITUNG)]
        members = [users[email] for email, _ in data["mitglieder"]]
        for entry in data.get("dokumente", []):
            _document(arbeitskreis, entry, users)
        for entry in data.get("sitzungen", []):
            _meeting(arbeitskreis, entry, lead, members, users)
        for entry in data.get("diskussionen", []):
            _thread(arbeitskreis, entry, users)
    stdout.write(
        f"  Facharbeitskreise: {granted} Zugänge neu vergeben, {ArbeitskreisDocument.objects.count()} Dokumente, "
        f"{Meeting.objects.count()} Sitzungen, {Thread.objects.count()} Diskussionen"
    )
