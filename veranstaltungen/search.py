"""What the global search finds of the events: the ones whose audience includes the searcher.

`visible(user)` is `Event.objects.visible_to`, the rule of the lists and the detail page; the search
joins its entries back to it at query time, so an event's title never reaches anyone outside its
audience. The online link is no search text (it is for the registered only).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from common import rubrics
from common.markdown import markdown_to_text
from suche.entry import Entry

from .models import Event, EventDocument

RUBRIC = rubrics.VERANSTALTUNGEN.slug


class EventSource:
    kind = "veranstaltung"
    label = "Veranstaltung"
    label_plural = "Veranstaltungen"
    model = Event

    def visible(self, user) -> QuerySet:
        return Event.objects.visible_to(user)

    def indexable(self) -> QuerySet:
        return Event.objects.prefetch_related("documents__file")

    def entry(self, event: Event) -> Entry:
        documents = list(event.documents.all())
        status = "" if event.status == Event.Status.PLANNED else f" · {event.get_status_display()}"
        return Entry(
            title=event.title[:300],
            url=event.get_absolute_url(),
            rubric=RUBRIC,
            context=f"Veranstaltung am {timezone.localtime(event.starts_at):%d.%m.%Y}{status}",
            b=markdown_to_text(event.description),
            c="\n\n".join([event.venue, *(document.title for document in documents)]).strip(),
            d="\n\n".join(document.file.searchable_text for document in documents).strip(),
            words="Veranstaltung Fachveranstaltung Tagung Termin",
            date=timezone.localdate(event.starts_at),
        )

    def dependents(self) -> dict:
        return {EventDocument: lambda document: Event.objects.filter(pk=document.event_id)}

    def for_files(self, file_ids) -> QuerySet:
        return Event.objects.filter(documents__file_id__in=file_ids).distinct()


SOURCES = [EventSource()]
