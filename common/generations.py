"""Generations: a random value in the shared cache that moves on whenever something changes that
answers kept elsewhere were derived from (issue 15). What is kept carries the generation it was
found under and counts only while that is still the current one; without a generation in the cache
nothing kept counts (a new one is made).

A change moves the generation on twice: at once (later reads in the same transaction) and again
at the commit, so that an answer computed meanwhile from the not yet committed state is not kept.
`common.rights` is one generation (rights questions kept in sessions); `zielgruppen.announcements`
another (what reaches whom: Lagebilder and events on the start page).
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache as shared_cache
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)


class Generation:
    def __init__(self, key: str, label: str) -> None:
        self.key, self.label = key, label
        self._request_attribute = f"_siko_generation_{key}"

    def current(self, request=None) -> str:
        """The current generation; a new one if the cache lost it (then nothing kept counts).
        With a request: read once for it."""
        if request is not None and self._request_attribute in request.__dict__:
            return request.__dict__[self._request_attribute]
        generation = shared_cache.get(self.key)
        if generation is None:
            shared_cache.add(self.key, uuid.uuid4().hex, None)
            generation = shared_cache.get(self.key)
        if request is not None:
            request.__dict__[self._request_attribute] = generation
        return generation

    def bump(self) -> None:
        """A new generation. In a savepoint of its own: a cache that is not there yet (`migrate` runs
        before `createcachetable`) must neither stop the caller nor spoil its transaction; the pages
        themselves need the cache anyway."""
        try:
            with transaction.atomic():
                shared_cache.set(self.key, uuid.uuid4().hex, None)
        except DatabaseError as error:  # the database cache's table does not exist (yet)
            logger.info("%s nicht gesetzt: %s", self.label, str(error).splitlines()[0])
        except Exception:  # any other cache backend's error; nothing stored can outlive a working cache
            logger.warning("%s nicht gesetzt (Cache nicht erreichbar)", self.label, exc_info=True)

    def changed(self, **kwargs) -> None:
        """Signal receiver: a new generation now and again at the commit (m2m_changed: after the change)."""
        if kwargs.get("action", "post_").startswith("pre_"):
            return
        self.bump()
        transaction.on_commit(self.bump)
