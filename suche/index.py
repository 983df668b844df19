"""Keeps the search index in step with the apps' records.

Entries are written in the same transaction as the change that causes them (signal
handlers), so a rolled-back change leaves no entry behind and a committed one is findable
at once. Text read from files arrives later (background extraction) and re-indexes the
objects that contain those files. `reindex()` rebuilds everything (`manage.py search_reindex`).
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, TextField, Value
from django.db.models.functions import Replace
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from . import text as search_text
from .entry import Entry
from .models import SearchEntry, SearchLexeme, SearchWord
from .sources import Source, all_sources

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
_state = threading.local()


def spelled(column: str):
    """The column in the search's one spelling (`search_text.fold`: "ü" → "ue" …) for the vector, as
    SQL; to_tsvector lowercases. The query's words are folded the same way in Python."""
    expression = F(column)
    for original, replacement in search_text.SPELLINGS.items():
        expression = Replace(expression, Value(original), Value(replacement), output_field=TextField())
    return expression


def _weighted(weight: str, *columns: str) -> SearchVector:
    return SearchVector(*(spelled(column) for column in columns), weight=weight, config="german")


# Weighted German vector: title and identifiers (A), description and the words to find it by (B),
# text (C), contents of files (D).
VECTOR = (
    _weighted("A", "title", "text_a")
    + _weighted("B", "text_b", "words")
    + _weighted("C", "text_c")
    + _weighted("D", "text_d")
)
# What the ranking reads (see SearchEntry.head): the A and B parts of the vector.
HEAD = _weighted("A", "title", "text_a") + _weighted("B", "text_b", "words")


# PostgreSQL: the lexemes of some entries' vectors into the lexicon (models.SearchLexeme).
_LEXEMES_SQL = (
    f"INSERT INTO {SearchLexeme._meta.db_table} (lexeme) SELECT DISTINCT unnest(tsvector_to_array(vector)) "  # noqa: S608 - fixed names  # nosec B608
    f"FROM {SearchEntry._meta.db_table} WHERE kind = %s AND object_id = ANY(%s) AND vector IS NOT NULL "
    "ON CONFLICT (lexeme) DO NOTHING"
)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def suspended() -> Iterator[None]:
    """Signals leave the index alone inside this block (bulk loads); call reindex() afterwards."""
    previous = getattr(_state, "suspended", False)
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous


def _active() -> bool:
    return not getattr(_state, "suspended", False)


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _row(source: Source, obj) -> SearchEntry:
    entry = source.entry(obj)
    if not isinstance(entry, Entry):
        raise TypeError(f"Suchquelle {source.kind!r}: entry() liefert {type(entry).__name__}, erwartet Entry.")
    limit = settings.SIKO_SEARCH_TEXT_MAX_CHARS
    # Composed (NFC): an umlaut from a file's text is one character, as the spelling replacements expect.
    # A model's text field may hold None: it counts as empty.
    texts = {
        name: unicodedata.normalize("NFC", (getattr(entry, name) or "")[:limit])
        for name in ("a", "b", "c", "d", "words")
    }
    date = entry.date
    row = SearchEntry(
        kind=source.kind,
        object_id=obj.pk,
        title=unicodedata.normalize("NFC", entry.title or "")[:300],
        url=entry.url[:500],
        context=(entry.context or "")[:300],
        text_a=texts["a"],
        text_b=texts["b"],
        text_c=texts["c"],
        text_d=texts["d"],
        words=texts["words"],
        keys=search_text.framed_keys(entry.keys or []),
        rubric=entry.rubric,
        fachgebiet_id=entry.fachgebiet_id,
        arbeitskreis_id=entry.arbeitskreis_id,
        partner_id=entry.partner_id,
        date=date,
        year=date.year if date else None,
        indexed_at=timezone.now(),
    )
    if not is_postgresql():
        row.folded = search_text.fold("\n".join([row.title, *texts.values()]))
    return row


_UPDATE_FIELDS = [
    "title",
    "url",
    "context",
    "text_a",
    "text_b",
    "text_c",
    "text_d",
    "words",
    "keys",
    "rubric",
    "fachgebiet",
    "arbeitskreis",
    "partner",
    "date",
    "year",
    "folded",
    "indexed_at",
]


def _write(source: Source, objects: list) -> None:
    rows = [_row(source, obj) for obj in objects]
    if not rows:
        return
    SearchEntry.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=_UPDATE_FIELDS
    )
    if is_postgresql():
        ids = [row.object_id for row in rows]
        SearchEntry.objects.filter(kind=source.kind, object_id__in=ids).update(vector=VECTOR, head=HEAD)
        with connection.cursor() as cursor:  # the new vectors' words, for prefixes of query words
            cursor.execute(_LEXEMES_SQL, [source.kind, ids])
        words = search_text.vocabulary(
            *(getattr(row, name) for row in rows for name in ("title", "text_a", "text_b", "text_c", "text_d", "words"))
        )
        SearchWord.objects.bulk_create(
            [SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True, batch_size=1000
        )


def index_objects(source: Source, objects: Iterable) -> None:
    """(Re-)index these objects of the source; those no longer indexable lose their entry."""
    pks = [obj.pk if hasattr(obj, "pk") else obj for obj in objects]
    for chunk in _chunks(pks, BATCH_SIZE):
        fresh = list(source.indexable().filter(pk__in=chunk))
        gone = set(chunk) - {obj.pk for obj in fresh}
        with transaction.atomic():
            if gone:
                remove(source.kind, gone)
            _write(source, fresh)


def remove(kind: str, object_ids: Iterable[int]) -> None:
    SearchEntry.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()


def reindex(kinds: Iterable[str] | None = None, *, batch_size: int = BATCH_SIZE, progress=None) -> int:
    """Rebuild the entries of these sources (all if None); returns the number of entries written."""
    sources = all_sources()
    selected = [sources[kind] for kind in kinds] if kinds else list(sources.values())
    written = 0
    for source in selected:
        last_pk = None
        while True:
            batch = source.indexable().order_by("pk")
            if last_pk is not None:
                batch = batch.filter(pk__gt=last_pk)
            objects = list(batch[:batch_size])
            if not objects:
                break
            with transaction.atomic():
                _write(source, objects)
            written += len(objects)
            last_pk = objects[-1].pk
            if progress:
                progress(source, written)
        stale = SearchEntry.objects.filter(kind=source.kind).exclude(object_id__in=source.indexable().values("pk"))
        stale.delete()
    known = [source.kind for source in sources.values()]
    if not kinds:
        SearchEntry.objects.exclude(kind__in=known).delete()
    return written


# --- Signals ----------------------------------------------------------------------------


def _on_save(source: Source):
    # Saves that change only such fields (a login's last_login) leave the entry as it is.
    unindexed = frozenset(getattr(source, "unindexed_fields", ()))

    def handler(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
        if raw or not _active():
            return
        if update_fields and set(update_fields) <= unindexed:
            return
        index_objects(source, [instance.pk])

    return handler


def _on_delete(source: Source):
    def handler(sender, instance, **kwargs) -> None:
        if _active():
            remove(source.kind, [instance.pk])

    return handler


def _on_dependent(source: Source, related):
    def handler(sender, instance, raw=False, **kwargs) -> None:
        if raw or not _active():
            return
        objects = related(instance)
        pks = list(objects.values_list("pk", flat=True)) if hasattr(objects, "values_list") else [o.pk for o in objects]
        if pks:
            index_objects(source, pks)

    return handler


def files_extracted(sender, file_ids, **kwargs) -> None:
    """The text of these files was read: re-index every object that contains one of them."""
    if not _active():
        return
    for source in all_sources().values():
        pks = list(source.for_files(list(file_ids)).values_list("pk", flat=True))
        if pks:
            index_objects(source, pks)


def connect() -> None:
    """Wire the index to every source's model and dependents (from SikoportalConfig.ready)."""
    from dokumente.signals import text_extracted

    for source in all_sources().values():
        uid = f"search-{source.kind}"
        post_save.connect(_on_save(source), sender=source.model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_delete(source), sender=source.model, weak=False, dispatch_uid=f"{uid}-delete")
        for model, related in source.dependents().items():
            handler = _on_dependent(source, related)
            label = model._meta.label_lower
            post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-{label}-save")
            post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-{label}-delete")
    text_extracted.connect(files_extracted, dispatch_uid="search-files-extracted")
