"""Writes inside an area that touch several rows, files or mails.

Files go through the shared document machinery (`dokumente.services`): inside
`files_atomic()` a failure removes the rows *and* the stored files, so a rejected upload leaves
nothing behind. News is recorded in the same transaction (`notifications.event_record`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from dokumente.services import files_atomic, version_add

from . import notifications
from .models import Arbeitsbereich
from .models.content import AreaDocument, AreaEvent, Meeting, Post, PostAttachment, Thread


def document_create(*, area: Arbeitsbereich, user, title: str, description: str, is_result: bool, upload):
    with files_atomic() as files:
        document = AreaDocument.objects.create(
            area=area, title=title, description=description, is_result=is_result, created_by=user
        )
        version_add(document, upload=upload, user=user, files=files)
        notifications.event_record(
            area=area, kind=AreaEvent.Kind.DOCUMENT, title=title, path=document.get_absolute_url(), actor=user
        )
    return document


def document_version_add(*, document: AreaDocument, user, upload, note: str = ""):
    with files_atomic() as files:
        version = version_add(document, upload=upload, user=user, note=note, files=files)
        AreaDocument.objects.filter(pk=document.pk).update(updated_at=timezone.now())
        notifications.event_record(
            area=document.area,
            kind=AreaEvent.Kind.VERSION,
            title=f"{document.title} (Version {version.number})",
            path=document.get_absolute_url(),
            actor=user,
        )
    return version


def document_delete(*, document: AreaDocument) -> None:
    """Versions go with the document; dokumente removes their files after commit."""
    document.delete()


@transaction.atomic
def meeting_create(*, meeting: Meeting, user) -> Meeting:
    meeting.created_by = user
    meeting.save()
    when = timezone.localtime(meeting.starts_at)
    notifications.event_record(
        area=meeting.area,
        kind=AreaEvent.Kind.MEETING,
        title=f"{meeting.title} am {when:%d.%m.%Y um %H:%M} Uhr",
        path=meeting.get_absolute_url(),
        actor=user,
    )
    return meeting


def _attach(post: Post, upload, user, files) -> None:
    if upload:
        PostAttachment.objects.create(post=post, file=files.store(upload, user=user))


def thread_create(*, area: Arbeitsbereich, user, title: str, body: str, upload=None) -> Thread:
    with files_atomic() as files:
        now = timezone.now()
        thread = Thread.objects.create(area=area, title=title, created_by=user, created_at=now, last_post_at=now)
        post = Post.objects.create(thread=thread, author=user, body=body, created_at=now)
        Thread.objects.filter(pk=thread.pk).update(post_count=1)
        _attach(post, upload, user, files)
        notifications.event_record(
            area=area, kind=AreaEvent.Kind.THREAD, title=title, path=thread.get_absolute_url(), actor=user
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
            area=thread.area,
            kind=AreaEvent.Kind.POST,
            title=f"Antwort in „{thread.title}“",
            path=post.get_absolute_url(),
            actor=user,
        )
    return post


def post_edit(*, post: Post, body: str, upload=None, user=None) -> Post:
    with files_atomic() as files:
        post.body = body
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "edited_at"])
        _attach(post, upload, user, files)
    return post
