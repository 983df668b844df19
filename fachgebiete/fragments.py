"""The Fachgebiete's list pages and overview, cached for every reader of the same content.

The filter form and the rows of the three lists are common.fragments' (`cached_section`), per
Fachgebiet, section and `content_version`; the overview's newest items of each section with their
count are kept here (`cached_latest`), and for the start page's "Neu im Portal" the area's newest
items over all sections (`cached_newest`). All of it is derived from *published* items only and from
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

import dataclasses
import functools
from collections import defaultdict
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from common import rights
from common.fragments import CACHED_PAGES, TIMEOUT, Listing, cached_list, digest
from partner.models import Partner

from .models import SECTION_MODELS, Article, ArticleAttachment, Document, DocumentVersion, Fachgebiet, Rechtstatsache

__all__ = [
    "CACHED_PAGES",
    "Listing",
    "NewItem",
    "bump",
    "cached_latest",
    "cached_newest",
    "cached_section",
    "kept_for_content",
]  # the tests name CACHED_PAGES here

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
    latest = rights.cache_entry(request, key)
    if latest is None:
        latest = {}
        for model in models:
            published = model.objects.published().filter(fachgebiet=fachgebiet)
            # Not COUNT(id): answered from the list index (fachgebiet, status, published_at) alone.
            total = published.aggregate(total=Count("*"))["total"]
            latest[model.section] = (list(published.order_by("-published_at", "-pk")[:limit]), total)
        cache.set(key, latest, TIMEOUT)
    return latest


@dataclasses.dataclass(frozen=True)
class NewItem:
    """A published item as the start page's "Neu im Portal" shows it (plain values, cheap to keep)."""

    published_at: datetime
    section_index: int  # position of its section in SECTION_MODELS: ties are shown in that order
    pk: int
    title: str
    url: str
    type_label: str
    fachgebiet_name: str

    def order(self) -> tuple:
        """Sort key, newest first when reversed: time, then section order, then newest id."""
        return self.published_at, -self.section_index, self.pk


_NEW_ITEM_DIGEST = digest([field.name for field in dataclasses.fields(NewItem)])[:8]


def cached_newest(fachgebiete: list[Fachgebiet], limit: int) -> dict[int, list[NewItem]]:
    """Per Fachgebiet (as read by the caller, with its `content_version`): its `limit` newest
    published items over all sections, newest first – the same for every reader, so kept per
    content version like the lists. One cache read for all of them; whatever is missing is read
    with one query per section for all missing areas together (a row number per area), so a
    change of content costs no query per Fachgebiet."""
    keys = {
        fachgebiet.pk: f"siko:fg-newest:{fachgebiet.pk}:{fachgebiet.content_version}:{limit}:{_NEW_ITEM_DIGEST}"
        for fachgebiet in fachgebiete
    }
    found = cache.get_many(list(keys.values()))
    newest = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = {fachgebiet.pk: fachgebiet for fachgebiet in fachgebiete if fachgebiet.pk not in newest}
    if not missing:
        return newest
    read: dict[int, list[NewItem]] = defaultdict(list)
    for index, model in enumerate(SECTION_MODELS.values()):
        rank = Window(RowNumber(), partition_by=F("fachgebiet_id"), order_by=(F("published_at").desc(), F("pk").desc()))
        items = (
            model.objects.published()
            .filter(fachgebiet__in=list(missing))
            .only(*model.title_fields, "status", "published_at", "fachgebiet_id")
            .annotate(rank=rank)
            .filter(rank__lte=limit)
        )
        for item in items:
            fachgebiet = item.fachgebiet = missing[item.fachgebiet_id]
            read[fachgebiet.pk].append(
                NewItem(
                    published_at=item.published_at,
                    section_index=index,
                    pk=item.pk,
                    title=str(item.title),
                    url=item.get_absolute_url(),
                    type_label=str(model._meta.verbose_name),
                    fachgebiet_name=fachgebiet.name,
                )
            )
    fresh = {}
    for pk in missing:
        newest[pk] = fresh[keys[pk]] = sorted(read[pk], key=NewItem.order, reverse=True)[:limit]
    cache.set_many(fresh, TIMEOUT)
    return newest


def kept_for_content(name: str, fachgebiete: list[Fachgebiet], models: list, compute):
    """`compute()` kept under `name` and the content versions of *all* `fachgebiete` (as read by
    the caller): any change of any area's content (`bump`, or saving a Fachgebiet) makes a new key.
    For a person's own items, `name` holds her user id: what is kept is never read for another."""
    versions = digest([(fachgebiet.pk, fachgebiet.content_version) for fachgebiet in fachgebiete])[:16]
    columns = digest([_fields_digest(model) for model in models])[:8]
    key = f"siko:fg-all:{name}:{versions}:{columns}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


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
