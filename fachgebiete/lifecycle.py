"""Telling people that what they rely on has changed: a Muster has a new version or is überholt, a
Rechtstatsache was aufgehoben or is überholt.

Each change is a `LifecycleEvent`; `announce` records it in the one outbox (benachrichtigungen)
for the Fachgebiet's followers (as their follow says: at once or weekly) and then for everyone who
downloaded an earlier copy (at once). The outbox keeps one notice per person and event, so a
follower who also downloaded hears of it once. At send time the outbox asks again who may still
hear of it (admitted accounts only) and whether the change still stands. Titles and links only.
"""

from __future__ import annotations

from django.db import transaction

from benachrichtigungen import outbox

from .models import Document, LifecycleEvent, Rechtstatsache
from .models.lifecycle import KIND_OF_STATUS


def announce(event: LifecycleEvent) -> list[int]:
    """Record the event for followers and downloaders; the immediate mails start after commit.
    Returns the ids of the immediate notices."""
    item = event.item
    news = {
        "kind": f"{item.section_label}: {event.label}",
        "title": item.title,
        "url": item.get_absolute_url(),
        "occurred_at": event.created_at,
        "actor_id": event.created_by_id,
    }
    # Followers first: whoever follows hears of the event as their follow says, not twice.
    immediate = outbox.record(event.fachgebiet, event, **news)
    immediate += outbox.record(event, event, **news)
    if immediate:
        ids = sorted(set(immediate))
        transaction.on_commit(lambda: outbox.start_sending(ids))
    return immediate


def _event(item, *, kind: str, user, version: int | None = None) -> LifecycleEvent:
    fields = {"document": item} if isinstance(item, Document) else {"rechtstatsache": item}
    event = LifecycleEvent.objects.create(
        fachgebiet=item.fachgebiet, kind=kind, version=version, created_by=user, **fields
    )
    announce(event)
    return event


def version_published(document: Document, *, number: int, user) -> LifecycleEvent | None:
    """A new version of a published document; the first version is news of the publication itself."""
    if number < 2 or not document.is_published:
        return None
    return _event(document, kind=LifecycleEvent.Kind.NEW_VERSION, user=user, version=number)


def document_superseded(document: Document, *, user) -> LifecycleEvent | None:
    if not document.is_published:
        return None
    return _event(document, kind=LifecycleEvent.Kind.SUPERSEDED, user=user)


def legal_status_changed(record: Rechtstatsache, *, previous: str, user) -> LifecycleEvent | None:
    """A published decision became aufgehoben or überholt (other changes are no news)."""
    kind = KIND_OF_STATUS.get(record.legal_status)
    if kind is None or record.legal_status == previous or not record.is_published:
        return None
    return _event(record, kind=kind, user=user)
