"""Writes inside an area that touch several rows, files or mails.

Files go through the shared document machinery (`dokumente.services`): inside
`files_atomic()` a failure removes the rows *and* the stored files, so a rejected upload leaves
nothing behind. News is recorded in the same transaction (`notifications.event_record`).
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dokumente.services import files_atomic, version_add

from . import notifications
from .models import Arbeitskreis
from .models.content import (
    ArbeitskreisDocument,
    ArbeitskreisEvent,
    CancelledMeeting,
    Meeting,
    Post,
    PostAttachment,
    Thread,
)


def document_create(*, arbeitskreis: Arbeitskreis, user, title: str, description: str, is_result: bool, upload):
    with files_atomic() as files:
        document = ArbeitskreisDocument.objects.create(
            arbeitskreis=arbeitskreis, title=title, description=description, is_result=is_result, created_by=user
        )
        version_add(document, upload=upload, user=user, files=files)
        notifications.event_record(
            arbeitskreis=arbeitskreis,
            kind=ArbeitskreisEvent.Kind.DOCUMENT,
            title=title,
            path=document.get_absolute_url(),
            actor=user,
        )
    return document


def document_version_add(*, document: ArbeitskreisDocument, user, upload, note: str = ""):
    with files_atomic() as files:
        version = version_add(document, upload=upload, user=user, note=note, files=files)
        # save(), not update(): the search index listens for saves (and shows this date).
        document.updated_at = timezone.now()
        document.save(update_fields=["updated_at"])
        notifications.event_record(
            arbeitskreis=document.arbeitskreis,
            kind=ArbeitskreisEvent.Kind.VERSION,
            title=f"{document.title} (Version {version.number})",
            path=document.get_absolute_url(),
            actor=user,
        )
    return version


def document_update(
    *, document: ArbeitskreisDocument, title: str, description: str, is_result: bool
) -> ArbeitskreisDocument:
    """Title, description and the "Ergebnis" flag; the files stay as they are (new ones come as versions)."""
    document.title = title
    document.description = description
    document.is_result = is_result
    document.updated_at = timezone.now()
    document.save(update_fields=["title", "description", "is_result", "updated_at"])
    return document


def document_delete(*, document: ArbeitskreisDocument) -> None:
    """Versions go with the document; dokumente removes their files after commit."""
    document.delete()


@transaction.atomic
def meeting_create(*, meeting: Meeting, user) -> Meeting:
    meeting.created_by = user
    meeting.save()
    notifications.event_record(
        arbeitskreis=meeting.arbeitskreis,
        kind=ArbeitskreisEvent.Kind.MEETING,
        title=f"{meeting.title} am {_meeting_when(meeting)}",
        path=meeting.get_absolute_url(),
        actor=user,
    )
    return meeting


def _meeting_when(meeting: Meeting) -> str:
    return f"{timezone.localtime(meeting.starts_at):%d.%m.%Y um %H:%M} Uhr"


def _drop_events(arbeitskreis: Arbeitskreis, path: str, *, prefix: bool = False) -> None:
    """News of something deleted is not mailed (or digested) any more: its link would lead nowhere,
    and a title removed by moderation must not go out afterwards."""
    events = ArbeitskreisEvent.objects.filter(arbeitskreis=arbeitskreis)
    events = events.filter(path__startswith=path) if prefix else events.filter(path=path)
    events.delete()


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, user) -> bool:
    """Delete a meeting; returns True if members are told.

    A meeting that has not ended yet is *cancelled*: members hear of it through the usual
    notifications (title and date only, as for a new meeting). Deleting a past meeting (e.g. one
    entered twice) tells nobody. Either way the calendar feeds send it once more as cancelled
    (a `CancelledMeeting`: same UID, SEQUENCE + 1), so copies leave the members' calendars.
    """
    arbeitskreis = meeting.arbeitskreis
    tell = not meeting.is_past
    CancelledMeeting.objects.update_or_create(
        meeting_pk=meeting.pk,
        defaults={
            "arbeitskreis": arbeitskreis,
            "title": meeting.title,
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "location": meeting.location,
            "online": bool(meeting.video_url),
            "sequence": meeting.sequence + 1,
        },
    )
    _drop_events(arbeitskreis, meeting.get_absolute_url())
    if tell:
        notifications.event_record(
            arbeitskreis=arbeitskreis,
            kind=ArbeitskreisEvent.Kind.MEETING_CANCELLED,
            title=f"{meeting.title} am {_meeting_when(meeting)}",
            path=reverse("facharbeitskreise:meeting_list", kwargs={"slug": arbeitskreis.slug}),
            actor=user,
        )
    meeting.delete()
    return tell


def _attach(post: Post, upload, user, files) -> None:
    if upload:
        PostAttachment.objects.create(post=post, file=files.store(upload, user=user))


def thread_create(*, arbeitskreis: Arbeitskreis, user, title: str, body: str, upload=None) -> Thread:
    with files_atomic() as files:
        now = timezone.now()
        thread = Thread.objects.create(
            arbeitskreis=arbeitskreis, title=title, created_by=user, created_at=now, last_post_at=now
        )
        post = Post.objects.create(thread=thread, author=user, body=body, created_at=now)
        Thread.objects.filter(pk=thread.pk).update(post_count=1)
        _attach(post, upload, user, files)
        notifications.event_record(
            arbeitskreis=arbeitskreis,
            kind=ArbeitskreisEvent.Kind.THREAD,
            title=title,
            path=thread.get_absolute_url(),
            actor=user,
        )
    return thread


def post_reply(*, thread: Thread, user, body: str, upload=None) -> Post:
    with files_atomic() as files:
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        now = timezone.now()
        post = Post.objects.create(thread=locked, author=user, body=body, created_at=now)
        locked.last_post_at = now
        locked.post_count = locked.posts.count()
        locked.save(update_fields=["last_post_at", "post_count"])
        _attach(post, upload, user, files)
        notifications.event_record(
            arbeitskreis=thread.arbeitskreis,
            kind=ArbeitskreisEvent.Kind.POST,
            title=f"Antwort in „{thread.title}“",
            path=post.get_absolute_url(),
            actor=user,
        )
    return post


def post_edit(*, post: Post, body: str) -> Post:
    """The text only; attachments stay as they are."""
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    return post


@transaction.atomic
def thread_delete(*, thread: Thread) -> None:
    """The thread with every post; the attachments' stored files go after commit (see PostAttachment)."""
    _drop_events(thread.arbeitskreis, thread.get_absolute_url(), prefix=True)
    thread.delete()


@transaction.atomic
def post_delete(*, post: Post) -> Thread | None:
    """Delete one post; returns the thread if it remains.

    The first post opens the thread (its question or topic): without it the replies have no
    context, so deleting it deletes the whole thread. Views decide who may do that.
    """
    thread = Thread.objects.select_for_update().select_related("arbeitskreis").get(pk=post.thread_id)
    if is_first_post(post):
        thread_delete(thread=thread)
        return None
    _drop_events(thread.arbeitskreis, post.get_absolute_url())
    post.delete()
    latest = thread.posts.order_by("-created_at", "-pk").first()
    thread.post_count = thread.posts.count()
    thread.last_post_at = latest.created_at if latest else thread.created_at
    thread.save(update_fields=["post_count", "last_post_at"])
    return thread


def is_first_post(post: Post) -> bool:
    return (
        Post.objects.filter(thread_id=post.thread_id).order_by("created_at", "pk").values_list("pk", flat=True).first()
        == post.pk
    )
