"""The Fachgebiete's list pages and overview, cached for every reader of the same content.

The filter form and the rows of the three lists are common.fragments' (`cached_section`), per
Fachgebiet, section and `content_version`; the overview's newest items of each section with their
count are kept here (`cached_latest`). All of it is derived from *published* items only and from
the query parameters, never from the reader: no drafts, no Redaktion links, no CSRF token (a GET
form). So the key needs no permission set – every admitted reader of the list sees the same filter
and the same rows.

The one per-person part of a row, the "neu" badge (published after this reader's last visit), is
not in the cache as such: the rows are rendered once with every badge shown and stored cut at the
badges, with each row's publication time; each request puts back only the badges for this reader
(`Listing.html`). The row templates (fachgebiete/rows/) show the badge exactly once per row;
storing refuses rows that do not.

Invalidation: `Fachgebiet.content_version` is part of every key and changes with every change of
the area's content – any save or delete of an article, attachment, document, document version or
Rechtstatsache (publish, edit, withdraw, new version, überholt, delete) and of any authority (its
name is shown in the filter and in the rows) – through `bump()`, the one helper for it. The version
is read with the area itself (no extra query); a reader that still holds the old version at most
stores newer content under an old key, never older content under the new one.
"""

from __future__ import annotations

import functools

from django.core.cache import cache
from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from common import generations, rights
from common.fragments import CACHED_PAGES, TIMEOUT, Listing, cached_list, digest
from partner.models import Partner

from .models import Article, ArticleAttachment, Document, DocumentVersion, Fachgebiet, Rechtstatsache

__all__ = ["CACHED_PAGES", "Listing", "bump", "cached_latest", "cached_section"]  # the tests name CACHED_PAGES here

ROW_TEMPLATES = {
    "informationen": "fachgebiete/rows/article.html",
    "muster": "fachgebiete/rows/document.html",
    "rechtstatsachen": "fachgebiete/rows/rechtstatsache.html",
}
# What the row templates show for an item published since the reader's last visit.
NEW_BADGE = ' <span class="kern-badge kern-badge--info"><span class="kern-label">neu</span></span>'


def bump(fachgebiete=None) -> None:
    """A new content version for these Fachgebiete (a queryset or id list; None: all of them)."""
    Fachgebiet.bump(fachgebiete)


def cached_section(request, fachgebiet: Fachgebiet, section: str, filter_class, queryset, rows=None):
    """(the rendered filter form, the `Listing` of the requested page) from common.fragments, per
    Fachgebiet, content version and section; the rows' key holds the day too (a row's "Gültigkeit
    abgelaufen" depends on today, not on a change of content). `rows`: what the shown rows need
    besides their own fields, added to the page in one go."""

    def prepare(items) -> None:
        for item in items:
            item.fachgebiet = fachgebiet
        if rows is not None:
            rows(items)

    prefix = f"siko:fg-filter:{fachgebiet.pk}:{fachgebiet.content_version}:{section}"
    today = timezone.localdate().isoformat()
    template = ROW_TEMPLATES[section]
    return cached_list(request, prefix, filter_class, queryset, template, rows=prepare, badge=NEW_BADGE, extra=(today,))


@functools.cache
def _fields_digest(model) -> str:
    """The model's columns: instances kept by an older deployment with other columns are not read."""
    return digest([field.attname for field in model._meta.concrete_fields])[:8]


def cached_latest(fachgebiet: Fachgebiet, models: list, limit: int, request=None) -> dict[str, tuple[list, int]]:
    """Per section of the area's overview: (its `limit` newest published items, how many are
    published) – the same for every reader, so kept per content version like the lists. Marking
    what is new for this reader is the caller's (the items come fresh from the cache each time).
    With the request: read together with the rights generation (one cache read for both)."""
    key_digest = digest([(model.section, _fields_digest(model)) for model in models])[:16]
    key = f"siko:fg-overview:{fachgebiet.pk}:{fachgebiet.content_version}:{limit}:{key_digest}"
    latest = generations.read(request, [rights.GENERATION_KEY], [key])[1].get(key)
    if latest is None:
        latest = {}
        for model in models:
            published = model.objects.published().filter(fachgebiet=fachgebiet)
            # Not COUNT(id): answered from the list index (fachgebiet, status, published_at) alone.
            total = published.aggregate(total=Count("*"))["total"]
            latest[model.section] = (list(published.order_by("-published_at", "-pk")[:limit]), total)
        cache.set(key, latest, TIMEOUT)
    return latest


def _content_saved(sender, instance, **kwargs) -> None:
    bump([instance.fachgebiet_id])


def _attachment_saved(sender, instance, **kwargs) -> None:
    bump(Article.objects.filter(pk=instance.article_id).values("fachgebiet_id"))


def _version_saved(sender, instance, **kwargs) -> None:
    bump(Document.objects.filter(pk=instance.document_id).values("fachgebiet_id"))


def _partner_saved(sender, instance, **kwargs) -> None:
    bump()


def connect() -> None:
    """Called from FachgebieteConfig.ready()."""
    receivers = [
        (Article, _content_saved),
        (Document, _content_saved),
        (Rechtstatsache, _content_saved),
        (ArticleAttachment, _attachment_saved),
        (DocumentVersion, _version_saved),
        (Partner, _partner_saved),
    ]
    for model, receiver in receivers:
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(receiver, sender=model, dispatch_uid=f"siko-fg-content-{name}-{model.__name__}")
