"""A content version on a model: a random value that changes with every change of what pages built
from that object show, part of the keys under which those pages' parts are cached (the lists and
overview of a Fachgebiet, the overview of an Arbeitskreis).

Read with the object itself, so it costs no query. Random rather than a counter, so that a rebuilt
database or a test's new rows never meet an old cache entry. Every save of the object writes a new
version too: an instance loaded before a change of content must not write the older version back
(and with it bring back an outdated cache entry). A reader that still holds the old version at
most stores newer content under an old key, never older content under the new one.
"""

from __future__ import annotations

import uuid

from django.db import models


def new_content_version() -> str:
    """A fresh, never repeated content version."""
    return uuid.uuid4().hex


class ContentVersioned(models.Model):
    # Changes with every change of the object's content; part of the cache keys of its pages.
    content_version = models.CharField(max_length=32, default=new_content_version, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.content_version = new_content_version()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "content_version"}
        super().save(*args, **kwargs)

    @classmethod
    def bump(cls, pks=None) -> None:
        """A new content version for these objects (a queryset or id list; None: all of them)."""
        objects = cls.objects.all() if pks is None else cls.objects.filter(pk__in=pks)
        objects.update(content_version=new_content_version())
