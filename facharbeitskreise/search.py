"""What the global search finds inside the closed areas: documents, meetings and discussions.

Access is the area's: `visible(user)` is the `visible_to` of each model, the same grants
`access.arbeitskreis_for` checks for every page of an area. The search joins its entries back to it at
query time, so a closed area's titles, snippets and counts reach its members only. The area's name
appears in the entries' context line – members see it anyway, nobody else sees the entry.

The protocol is in `suche.sources`; of the search this app imports only the entry it returns
(`suche.entry`), never the portal.
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from common import rubrics
from common.markdown import markdown_to_text
from suche.entry import Entry

from .models import (
    Arbeitskreis,
    ArbeitskreisDocument,
    ArbeitskreisDocumentVersion,
    Meeting,
    Post,
    PostAttachment,
    Thread,
)

TITLE_LENGTH = 300
RUBRIC = rubrics.ARBEITSKREISE.slug


def join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


class ArbeitskreisSource:
    """What the three kinds share: the area as facet, context and words to search by."""

    model: type
    context_label = ""
    type_words = ""

    def visible(self, user) -> QuerySet:
        return self.model.objects.visible_to(user)

    def base_entry(self, item) -> Entry:
        arbeitskreis = item.arbeitskreis
        return Entry(
            title=item.title[:TITLE_LENGTH],
            url=item.get_absolute_url(),
            context=f"{arbeitskreis.name} · {self.context_label}"[:TITLE_LENGTH],
            words=join(*self.words(item)),
            rubric=RUBRIC,
            arbeitskreis_id=arbeitskreis.pk,
        )

    def words(self, item) -> list[str]:
        """Type words and the area: only to find the item by, a snippet never shows them."""
        arbeitskreis = item.arbeitskreis
        return [self.type_words, arbeitskreis.name, arbeitskreis.get_kind_display()]

    def in_arbeitskreis(self, arbeitskreis: Arbeitskreis) -> QuerySet:
        # By id: on post_delete the area's related managers must not be relied on.
        return self.model.objects.filter(arbeitskreis_id=arbeitskreis.pk)

    def for_files(self, file_ids) -> QuerySet:
        return self.model.objects.none()


class ArbeitskreisDocumentSource(ArbeitskreisSource):
    kind = "bereichsdokument"
    label = "Dokument (Arbeitskreis)"
    label_plural = "Dokumente (Arbeitskreise)"
    model = ArbeitskreisDocument
    context_label = "Dokument"
    type_words = "Dokument Datei Arbeitskreis"

    def indexable(self) -> QuerySet:
        return ArbeitskreisDocument.objects.select_related("arbeitskreis").prefetch_related(
            Prefetch("versions", queryset=ArbeitskreisDocumentVersion.objects.select_related("file"))
        )

    def entry(self, document: ArbeitskreisDocument) -> Entry:
        versions = list(document.versions.all())  # prefetched
        current = max(versions, key=lambda version: version.number) if versions else None
        words = self.words(document)
        if document.is_result:
            words.append("Ergebnis")
        return replace(
            self.base_entry(document),
            b=document.description,
            words=join(*words),
            # Older versions are history: their text would find what the document no longer says.
            d=current.file.searchable_text if current is not None else "",
            date=timezone.localdate(document.updated_at),
        )

    def dependents(self) -> dict:
        return {
            ArbeitskreisDocumentVersion: lambda version: ArbeitskreisDocument.objects.filter(pk=version.document_id),
            Arbeitskreis: self.in_arbeitskreis,
        }

    def for_files(self, file_ids) -> QuerySet:
        return ArbeitskreisDocument.objects.filter(versions__file_id__in=file_ids).distinct()


class MeetingSource(ArbeitskreisSource):
    kind = "sitzung"
    label = "Sitzung"
    label_plural = "Sitzungen"
    model = Meeting
    context_label = "Sitzung"
    type_words = "Sitzung Termin Treffen"

    def indexable(self) -> QuerySet:
        return Meeting.objects.select_related("arbeitskreis")

    def entry(self, meeting: Meeting) -> Entry:
        # Not the video link: it is an access secret of the members, not something to search for.
        return replace(
            self.base_entry(meeting),
            c=join(markdown_to_text(meeting.agenda), meeting.location),
            date=timezone.localdate(meeting.starts_at),
        )

    def dependents(self) -> dict:
        return {Arbeitskreis: self.in_arbeitskreis}


class ThreadSource(ArbeitskreisSource):
    kind = "diskussion"
    label = "Diskussion"
    label_plural = "Diskussionen"
    model = Thread
    context_label = "Diskussion"
    type_words = "Diskussion Beitrag Austausch"

    def indexable(self) -> QuerySet:
        posts = Post.objects.order_by("created_at", "pk").prefetch_related(
            Prefetch("attachments", queryset=PostAttachment.objects.select_related("file"))
        )
        return Thread.objects.select_related("arbeitskreis").prefetch_related(Prefetch("posts", queryset=posts))

    def entry(self, thread: Thread) -> Entry:
        posts = list(thread.posts.all())  # prefetched, in order
        return replace(
            self.base_entry(thread),
            c=join(*(markdown_to_text(post.body) for post in posts)),
            d=join(*(attachment.file.searchable_text for post in posts for attachment in post.attachments.all())),
            date=timezone.localdate(thread.last_post_at),
        )

    def dependents(self) -> dict:
        # Post and attachment ids only: in a cascade the post or thread may already be gone.
        return {
            Post: lambda post: Thread.objects.filter(pk=post.thread_id),
            PostAttachment: lambda attachment: Thread.objects.filter(posts__pk=attachment.post_id),
            Arbeitskreis: self.in_arbeitskreis,
        }

    def for_files(self, file_ids) -> QuerySet:
        return Thread.objects.filter(posts__attachments__file_id__in=file_ids).distinct()


SOURCES = [ArbeitskreisDocumentSource(), MeetingSource(), ThreadSource()]
