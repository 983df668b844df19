"""Routes of the events for the route-by-role sweep (tests/sikoportal/test_route_access.py).

The world's event is for all members (member, outsider and office see it); managing it is the
office's (Access.EDITOR: the office and the superuser; member and outsider 403, since they see it).
Who else sees or manages which event (audiences, an area's Leitung): test_visibility.py, test_manage.py.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from devtools.generate import pdf_bytes
from dokumente.services import files_atomic
from tests.sikoportal.route_types import Access, Route, kw
from veranstaltungen import services
from veranstaltungen.models import Event
from zielgruppen.models import Audience

EVENT = kw(pk="{va_event_pk}")

ROUTES: dict[str, Route] = {
    "veranstaltungen:list": Route(Access.MEMBER, answers=(200, 405)),
    "veranstaltungen:archive": Route(Access.MEMBER, answers=(200, 405)),
    "veranstaltungen:detail": Route(Access.MEMBER, EVENT, answers=(200, 405)),
    "veranstaltungen:register": Route(Access.MEMBER, EVENT, answers=(405, 302)),
    "veranstaltungen:unregister": Route(Access.MEMBER, EVENT, answers=(405, 302)),
    "veranstaltungen:ics": Route(Access.MEMBER, EVENT, answers=(200, 405)),
    "veranstaltungen:document": Route(
        Access.MEMBER, kw(pk="{va_event_pk}", document_pk="{va_document_pk}"), answers=(200, 405)
    ),
    # No session: the calendar secret identifies the person; a wrong one is 404 for everybody.
    "veranstaltungen:calendar_feed": Route(Access.PUBLIC, kw(token="falsch"), anonymous_status=404, answers=(404, 405)),
    "veranstaltungen:create": Route(Access.EDITOR),
    "veranstaltungen:edit": Route(Access.EDITOR, EVENT),
    "veranstaltungen:postpone": Route(Access.EDITOR, EVENT),
    # An empty POST confirms the cancellation (the note is optional).
    "veranstaltungen:cancel": Route(Access.EDITOR, EVENT, answers=(200, 302)),
    "veranstaltungen:document_add": Route(Access.EDITOR, EVENT),
    # Attendance can be recorded from the start on: before, a POST is refused with a message.
    "veranstaltungen:registrations": Route(Access.EDITOR, EVENT, answers=(200, 302)),
    "veranstaltungen:registrations_csv": Route(Access.EDITOR, EVENT, answers=(200, 405)),
}


def build_world(request) -> dict[str, str]:
    event = Event.objects.filter(title="Welt-Veranstaltung").first()
    if event is None:
        start = timezone.now() + timedelta(days=10)
        event = Event.objects.create(
            title="Welt-Veranstaltung",
            starts_at=start,
            ends_at=start + timedelta(hours=6),
            venue="Essen",
            capacity=50,
            audience=Audience.objects.create(),
        )
        upload = SimpleUploadedFile("programm.pdf", pdf_bytes("Programm", ["Ein Absatz."]))
        with files_atomic() as files:
            services.document_add(
                event=event, title="Programm", kind="programme", upload=upload, user=None, files=files
            )
    return {"va_event_pk": str(event.pk), "va_document_pk": str(event.documents.get().pk)}
