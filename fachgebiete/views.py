"""Reading a Fachgebiet: the list of areas, an area's overview, its three sections and downloads."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.module_loading import import_string

from benachrichtigungen.models import Subscription
from common.rubrics import fachgebiet_rows
from dokumente.downloads import file_response

from .access import editor_somewhere, may_change_contribution
from .counting import count_subquery
from .filters import ArticleFilter, DocumentFilter, RechtstatsacheFilter
from .fragments import cached_latest, cached_section
from .models import (
    Article,
    ArticleAttachment,
    Document,
    DocumentVersion,
    Fachgebiet,
    FachgebietVisit,
    Rechtstatsache,
)
from .reviews import review_due_items
from .view_helpers import fachgebiet_context, fachgebiet_or_404, last_visit, section_models

OVERVIEW_ITEMS = 5


def _published_count(model, *, since=None) -> Coalesce:
    items = model.objects.published().filter(fachgebiet=OuterRef("pk"))
    if since is not None:
        items = items.filter(published_at__gt=since)
    return count_subquery(items, "fachgebiet")


def index(request):
    seen = FachgebietVisit.objects.filter(user=request.user, fachgebiet=OuterRef("pk")).values("seen_at")[:1]
    fachgebiete = (
        Fachgebiet.objects.annotate(last_seen=Subquery(seen))
        .annotate(
            article_count=_published_count(Article),
            document_count=_published_count(Document),
            rechtstatsache_count=_published_count(Rechtstatsache),
            new_count=_published_count(Article, since=OuterRef("last_seen"))
            + _published_count(Document, since=OuterRef("last_seen"))
            + _published_count(Rechtstatsache, since=OuterRef("last_seen")),
        )
        .order_by("position", "name")
    )
    fachgebiete = list(fachgebiete)
    return render(
        request,
        "fachgebiete/index.html",
        {
            "fachgebiete": [a for a in fachgebiete if not a.is_rubrik],
            "rubriken": [a for a in fachgebiete if a.is_rubrik],
        },
    )


def overview(request, slug: str, kind: str):
    fachgebiet = fachgebiet_or_404(slug, kind)
    seen = last_visit(request.user, fachgebiet)
    models = section_models(fachgebiet)
    latest = cached_latest(fachgebiet, models, OVERVIEW_ITEMS, request)  # before the context: reads the generation
    context = fachgebiet_context(request, fachgebiet, "overview")
    new_counts = {}
    if seen is not None:  # one query for every section: what was published since the last visit
        counts = {f"new_{model.section}": _published_count(model, since=seen) for model in models}
        new_counts = Fachgebiet.objects.filter(pk=fachgebiet.pk).values(**counts).get()
    sections = []
    for section in context["sections"]:
        items, total = latest[section["key"]]
        _mark_new(items, fachgebiet, seen)
        new_count = new_counts.get(f"new_{section['key']}", 0)
        sections.append({**section, "items": items, "total": total, "new_count": new_count})
    _record_visit(request.user, fachgebiet, seen)
    review_due = review_due_items(fachgebiet=fachgebiet) if context["is_editor"] else []
    return render(
        request,
        "fachgebiete/overview.html",
        {
            **context,
            "review_due": review_due,
            "overview_sections": sections,
            "last_seen": seen,
            "follow": Subscription.objects.of(fachgebiet).filter(user=request.user).first(),
            "rubric_panel": rubric_panel(request, fachgebiet),
        },
    )


def rubric_panel(request, fachgebiet: Fachgebiet) -> str:
    """What another app shows first on a rubric's page (common.rubrics.Rubric.panel)."""
    rubric = (
        next((row for row in fachgebiet_rows() if row.slug == fachgebiet.slug), None) if fachgebiet.is_rubrik else None
    )
    return import_string(rubric.panel)(request) if rubric is not None and rubric.panel else ""


def _record_visit(user, fachgebiet: Fachgebiet, seen) -> None:
    """One UPDATE on every later visit; update_or_create would lock and read the row first."""
    now = timezone.now()
    if seen is None or not FachgebietVisit.objects.filter(user=user, fachgebiet=fachgebiet).update(seen_at=now):
        FachgebietVisit.objects.update_or_create(user=user, fachgebiet=fachgebiet, defaults={"seen_at": now})


def _mark_new(page, fachgebiet: Fachgebiet, seen) -> None:
    for item in page:
        item.fachgebiet = fachgebiet
        item.is_new = seen is not None and item.published_at is not None and item.published_at > seen


def _section_list(request, fachgebiet, *, template: str, current: str, queryset, filter_class, rows=None):
    """`rows`: what the shown rows need besides their own fields, added to the page in one go. The
    filter form and the rows come from fachgebiete.fragments (the same for every reader); only the
    "neu" badges are this reader's."""
    filter_form, listing = cached_section(request, fachgebiet, current, filter_class, queryset, rows)
    return render(
        request,
        template,
        {
            **fachgebiet_context(request, fachgebiet, current),
            "filter_form": filter_form,
            "page": listing.page(),
            "rows": listing.html(last_visit(request.user, fachgebiet)),
            "total": listing.total,
            "filtered": any(value for key, value in request.GET.items() if key != "seite"),
        },
    )


def article_list(request, slug: str, kind: str):
    fachgebiet = fachgebiet_or_404(slug, kind)
    articles = (
        Article.objects.published()
        .filter(fachgebiet=fachgebiet)
        .select_related("partner")
        .defer("body")
        .annotate(attachment_count=count_subquery(ArticleAttachment.objects.filter(article=OuterRef("pk")), "article"))
        .order_by("-published_at", "-pk")
    )
    return _section_list(
        request,
        fachgebiet,
        template="fachgebiete/article_list.html",
        current="informationen",
        queryset=articles,
        filter_class=ArticleFilter,
    )


def document_list(request, slug: str, kind: str):
    fachgebiet = fachgebiet_or_404(slug, kind)
    documents = (
        Document.objects.published()
        .filter(fachgebiet=fachgebiet)
        .select_related("partner", "successor__fachgebiet")
        .order_by("title", "pk")
    )
    return _section_list(
        request,
        fachgebiet,
        template="fachgebiete/document_list.html",
        current="muster",
        queryset=documents,
        filter_class=DocumentFilter,
        rows=_current_versions,
    )


def _current_versions(documents) -> None:
    """Each shown document's current version (highest number) with its file, one query. Not
    prefetch_related("versions"): that builds a related manager and queryset per row and brings
    every older version along."""
    current = {}
    versions = DocumentVersion.objects.filter(document__in=[document.pk for document in documents])
    for version in versions.select_related("file").defer("file__text").order_by("document_id", "number"):
        current[version.document_id] = version
    for document in documents:
        version = current.get(document.pk)
        if version is not None:
            version.document = document
        document.__dict__["current_version"] = version


def rechtstatsache_list(request, slug: str, kind: str):
    fachgebiet = fachgebiet_or_404(slug, kind, "rechtstatsachen")
    records = (
        Rechtstatsache.objects.published()
        .filter(fachgebiet=fachgebiet)
        .select_related("file", "follow_up__fachgebiet")
        .defer("file__text")
        .order_by("-decision_date", "-pk")
    )
    return _section_list(
        request,
        fachgebiet,
        template="fachgebiete/rechtstatsache_list.html",
        current="rechtstatsachen",
        queryset=records,
        filter_class=RechtstatsacheFilter,
    )


def _visible(request, model, fachgebiet: Fachgebiet, pk: int, *related):
    """A non-published item exists only for its author and the Redaktion: 404 for everyone else.
    A person in no Redaktion at all (kept in her session, fachgebiete.access) is not asked the grants."""
    visible = model.objects.visible_to(request.user, editor_somewhere=editor_somewhere(request))
    item = get_object_or_404(
        visible.select_related(*related),
        pk=pk,
        fachgebiet=fachgebiet,
    )
    item.fachgebiet = fachgebiet
    return item


def _detail(request, fachgebiet, item, template: str, current: str, **extra):
    context = fachgebiet_context(request, fachgebiet, current)
    context.update(
        {
            "item": item,
            "revisable": item.is_revisable_by(request.user),
            "can_change": may_change_contribution(request, item),
            # The download log is the Geschäftsstelle's: asked only of someone who may edit anywhere.
            "sees_audit_log": editor_somewhere(request) and request.user.has_perm("partner.review_application"),
            **extra,
        }
    )
    return render(request, template, context)


def article_detail(request, slug: str, kind: str, pk: int):
    fachgebiet = fachgebiet_or_404(slug, kind)
    article = _visible(request, Article, fachgebiet, pk, "partner")
    attachments = list(article.attachments.select_related("file").defer("file__text"))
    for attachment in attachments:
        attachment.article = article
    return _detail(
        request, fachgebiet, article, "fachgebiete/article_detail.html", "informationen", attachments=attachments
    )


def document_detail(request, slug: str, kind: str, pk: int):
    fachgebiet = fachgebiet_or_404(slug, kind)
    # Who marked it superseded is shown to the Redaktion only: read then, not joined for every reader;
    # the successor (another document with its area) only for a superseded one, the only one that names it.
    document = _visible(request, Document, fachgebiet, pk, "partner")
    if document.is_superseded and document.successor_id is not None:
        document.successor = Document.objects.select_related("fachgebiet").get(pk=document.successor_id)
    versions = list(document.versions.select_related("file", "created_by").defer("file__text"))
    for version in versions:
        version.document = document
    document.__dict__["current_version"] = versions[0] if versions else None
    return _detail(request, fachgebiet, document, "fachgebiete/document_detail.html", "muster", versions=versions)


def rechtstatsache_detail(request, slug: str, kind: str, pk: int):
    fachgebiet = fachgebiet_or_404(slug, kind, "rechtstatsachen")
    record = _visible(request, Rechtstatsache, fachgebiet, pk, "file", "follow_up__fachgebiet")
    return _detail(request, fachgebiet, record, "fachgebiete/rechtstatsache_detail.html", "rechtstatsachen")


# --- Downloads: the same visibility rule as the detail pages -----------------------------------


def _download(request, fachgebiet, stored, owner, version: int | None = None):
    return file_response(
        request,
        stored,
        bereich=fachgebiet.audit_bereich,
        target=f"{owner._meta.label_lower}:{owner.pk}",
        version=version,
    )


def document_download(request, slug: str, kind: str, pk: int):
    fachgebiet = fachgebiet_or_404(slug, kind)
    document = _visible(request, Document, fachgebiet, pk)
    version = document.versions.select_related("file").defer("file__text").order_by("-number").first()
    if version is None:
        raise Http404("Zu diesem Dokument gibt es noch keine Datei.")
    return _download(request, fachgebiet, version.file, document, version.number)


def document_version_download(request, slug: str, kind: str, pk: int, number: int):
    fachgebiet = fachgebiet_or_404(slug, kind)
    document = _visible(request, Document, fachgebiet, pk)
    version = get_object_or_404(document.versions.select_related("file").defer("file__text"), number=number)
    return _download(request, fachgebiet, version.file, document, version.number)


def attachment_download(request, slug: str, kind: str, pk: int, attachment_pk: int):
    fachgebiet = fachgebiet_or_404(slug, kind)
    article = _visible(request, Article, fachgebiet, pk)
    attachment = get_object_or_404(
        ArticleAttachment.objects.select_related("file").defer("file__text"), pk=attachment_pk, article=article
    )
    return _download(request, fachgebiet, attachment.file, article)


def rechtstatsache_download(request, slug: str, kind: str, pk: int):
    fachgebiet = fachgebiet_or_404(slug, kind, "rechtstatsachen")
    record = _visible(request, Rechtstatsache, fachgebiet, pk, "file")
    if record.file is None:
        raise Http404("Zu dieser Rechtstatsache gibt es keine Datei.")
    return _download(request, fachgebiet, record.file, record)
