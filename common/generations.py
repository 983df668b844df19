"""Generations: random values in the shared cache that name the current state of something many
kept answers depend on – the rights (common.rights), the list of authorities (partner.listing), what
reaches whom (zielgruppen.announcements: Lagebilder and events on the start page) or the areas' news
and meetings (facharbeitskreise.recent).

Whatever is kept under a generation carries it (in its cache key or beside it in a session); a
change sets a new generation (`bump`, or `changed` inside a transaction: now and again at the
commit, so that a page that read the old state meanwhile is not kept; `receiver` for signals), and
nothing kept under the old one is read again. Without a generation in the cache (lost, evicted) a new one is set, and
nothing kept counts.

Each generation is read once per request, however many answers ask for it, and `read` brings
several generations and other cache entries in *one* cache read (with the database cache of
production: one query).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache as shared_cache
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)

_REQUEST_ATTRIBUTE = "_siko_generations"


def read(request, keys, others=()) -> tuple[dict[str, str], dict]:
    """(generation per key, the cache entries of `others` that exist), in one cache read; with a
    request, generations already read for it are not read again."""
    known = request.__dict__.setdefault(_REQUEST_ATTRIBUTE, {}) if request is not None else {}
    missing = [key for key in keys if key not in known]
    wanted = [*missing, *others]
    found = shared_cache.get_many(wanted) if wanted else {}
    for key in missing:
        generation = found.pop(key, None)
        if generation is None:
            shared_cache.add(key, uuid.uuid4().hex, None)
            generation = shared_cache.get(key)
        known[key] = generation
    return {key: known[key] for key in keys}, found


def current(request, key: str) -> str:
    """The generation under `key`; with a request: read once for it."""
    return read(request, [key])[0][key]


def bump(key: str) -> None:
    """A new generation. In a savepoint of its own: a cache that is not there yet (`migrate` runs
    before `createcachetable`) must neither stop the caller nor spoil its transaction; the pages
    themselves need the cache anyway."""
    try:
        with transaction.atomic():
            shared_cache.set(key, uuid.uuid4().hex, None)
    except DatabaseError as error:  # the database cache's table does not exist (yet)
        logger.info("Generation %s nicht gesetzt: %s", key, str(error).splitlines()[0])
    except Exception:  # any other cache backend's error; nothing stored can outlive a working cache
        logger.warning("Generation %s nicht gesetzt (Cache nicht erreichbar)", key, exc_info=True)


def changed(key: str) -> None:
    """A change inside the current transaction (if any): a new generation now, for this
    transaction's own later pages, and again at the commit."""
    bump(key)
    transaction.on_commit(lambda: bump(key))


def receiver(key: str) -> Callable[..., None]:
    """A receiver for post_save, post_delete and m2m_changed that calls `changed(key)`; m2m_changed's
    pre_ actions are skipped (the post_ action follows). Signals hold their receivers weakly: keep
    the returned function referenced (a module-level name)."""

    def changed_by_signal(**kwargs) -> None:
        if kwargs.get("action", "post_").startswith("pre_"):
            return
        changed(key)

    return changed_by_signal
