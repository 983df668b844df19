"""The filter form of the list pages, cached for every reader of the same content.

What is cached: per Fachgebiet, section and `content_version` the choice lists of the filter
(years, courts) and per filter input the rendered filter form (with the authorities' names).
Both are derived from *published* items only and from the query parameters, never from the
reader: no drafts, no Redaktion links, no "neu" markers, no CSRF token (a GET form). So the key
needs no permission set – every admitted reader of the list sees the same filter – and the rows
of the list (with their per-person "neu" markers) are not cached at all.

Invalidation: `Fachgebiet.content_version` is part of every key and changes with every change of
the area's content – any save or delete of an article, attachment, document, document version or
Rechtstatsache (publish, edit, withdraw, new version, überholt, delete) and of any authority (its
name is shown in the filter) – through `bump()`, the one helper for it. The version is read with
the area itself (no extra query); a reader that still holds the old version at most stores newer
content under an old key, never older content under the new one.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import mark_safe

from partner.models import Partner

from .models import Article, ArticleAttachment, Document, DocumentVersion, Fachgebiet, Rechtstatsache
from .models.base import new_content_version

# A day: entries of an old version are never read again and expire on their own.
TIMEOUT = 24 * 60 * 60
IGNORED_PARAMETERS = {"seite"}  # the page number does not change the filter form


def bump(fachgebiete=None) -> None:
    """A new content version for these Fachgebiete (a queryset or id list; None: all of them)."""
    areas = Fachgebiet.objects.all() if fachgebiete is None else Fachgebiet.objects.filter(pk__in=fachgebiete)
    areas.update(content_version=new_content_version())


def _keys(area: Fachgebiet, section: str, data) -> tuple[str, str]:
    parameters = sorted(
        (key, value) for key, values in data.lists() if key not in IGNORED_PARAMETERS for value in values
    )
    digest = hashlib.sha256(repr(parameters).encode()).hexdigest()
    prefix = f"siko:fg-filter:{area.pk}:{area.content_version}:{section}"
    return f"{prefix}:choices", f"{prefix}:form:{digest}"


def cached_filter(request, area: Fachgebiet, section: str, filter_class, queryset):
    """(the filter for this request, its rendered form); one cache read when both are cached."""
    choices_key, form_key = _keys(area, section, request.GET)
    cached = cache.get_many([choices_key, form_key])
    section_filter = filter_class(request.GET, queryset=queryset, request=request, choices=cached.get(choices_key))
    form_html = cached.get(form_key)
    if form_html is None:
        form_html = section_filter.form.render()
        fresh = {form_key: str(form_html)}
        if choices_key not in cached:
            fresh[choices_key] = section_filter.choices
        cache.set_many(fresh, TIMEOUT)
    return section_filter, mark_safe(form_html)  # noqa: S308 - the form's own rendering  # nosec B308, B703


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
