"""What the global search finds of the Lagebilder: those the searcher may read (`visible_to`, the
audience rule of zielgruppen), with the text of their attachments."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from common import rubrics
from common.markdown import markdown_to_text
from suche.entry import Entry

from .models import Attachment, Lagebild

RUBRIC = rubrics.LAGEBILDER.slug


class LagebildSource:
    kind = "lagebild"
    label = "Lagebild / Hinweis"
    label_plural = "Lagebilder und Hinweise"
    model = Lagebild

    def visible(self, user) -> QuerySet:
        return Lagebild.objects.visible_to(user).current()

    def indexable(self) -> QuerySet:
        return Lagebild.objects.current().prefetch_related("attachments__file")

    def entry(self, lagebild: Lagebild) -> Entry:
        files = [attachment.file for attachment in lagebild.attachments.all()]
        note = lagebild.get_handling_note_display() if lagebild.handling_note else ""
        return Entry(
            title=lagebild.title[:300],
            url=lagebild.get_absolute_url(),
            rubric=RUBRIC,
            context=" · ".join(part for part in (lagebild.get_kind_display(), note) if part),
            a=lagebild.title,
            c=markdown_to_text(lagebild.summary),
            d="\n\n".join(stored.searchable_text for stored in files if stored.searchable_text),
            words=f"{lagebild.get_kind_display()} Lagebild Hinweis Kenntnisnahme",
            date=timezone.localdate(lagebild.published_at),
        )

    def dependents(self) -> dict:
        return {Attachment: lambda attachment: Lagebild.objects.filter(pk=attachment.lagebild_id)}

    def for_files(self, file_ids) -> QuerySet:
        return Lagebild.objects.filter(attachments__file_id__in=file_ids).distinct()


SOURCES = [LagebildSource()]
