"""The Redaktion's pages: review queues, decisions, versions and the "überholt" mark.

Every view asks `can_edit` before it looks anything up, so a member gets 403 whatever
the number in the address.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dokumente.services import files_atomic, version_add

from . import lifecycle, services
from .access import can_edit_here, editable_fachgebiete, is_editor_anywhere
from .forms import AttachmentForm, ReviewForm, SupersedeForm, VersionForm
from .models import SECTION_MODELS, Article, ArticleAttachment, Document, Status
from .reviews import review_due_items
from .view_helpers import fachgebiet_context, fachgebiet_or_404, section_models

_ACTION_DONE = {
    "publish": "Der Beitrag ist veröffentlicht.",
    "return": "Der Beitrag wurde zur Überarbeitung zurückgegeben.",
    "reject": "Der Beitrag wurde abgelehnt.",
    "unpublish": "Der Beitrag wurde zurückgezogen und ist für Mitglieder nicht mehr sichtbar.",
    "republish": "Der Beitrag ist wieder veröffentlicht.",
}
_MAILED = {"publish", "return", "reject"}


def _editor_fachgebiet(request, slug: str, kind: str, section: str | None = None):
    fachgebiet = fachgebiet_or_404(slug, kind, section)
    if not can_edit_here(request, fachgebiet):
        raise PermissionDenied("Diese Seite ist der Redaktion des Fachgebiets vorbehalten.")
    return fachgebiet


def _items(querysets_by_model) -> list:
    items = []
    for queryset in querysets_by_model:
        items += list(queryset.select_related("fachgebiet", "author"))
    return items


def review_queue(request, slug: str, kind: str):
    fachgebiet = _editor_fachgebiet(request, slug, kind)
    by_status = {Status.SUBMITTED: [], Status.RETURNED: [], Status.WITHDRAWN: []}
    for item in _items(
        m.objects.filter(fachgebiet=fachgebiet, status__in=list(by_status)) for m in section_models(fachgebiet)
    ):
        by_status[item.status].append(item)
    by_status[Status.SUBMITTED].sort(key=lambda item: item.submitted_at or item.created_at)
    return render(
        request,
        "fachgebiete/review_queue.html",
        {
            **fachgebiet_context(request, fachgebiet, "review"),
            "waiting": by_status[Status.SUBMITTED],
            "returned": by_status[Status.RETURNED],
            "withdrawn": by_status[Status.WITHDRAWN],
        },
    )


def review_overview(request):
    """All submissions waiting in the Fachgebiete the user edits, and the Muster and Rechtstatsachen
    due for their Wiedervorlage there; a fixed number of queries."""
    if not is_editor_anywhere(request.user):
        raise PermissionDenied("Diese Seite ist der Redaktion vorbehalten.")
    waiting = _items(m.objects.reviewable_by(request.user).awaiting_review() for m in SECTION_MODELS.values())
    waiting.sort(key=lambda item: item.submitted_at or item.created_at)
    due = review_due_items(user=request.user)
    fachgebiete = list(editable_fachgebiete(request.user).order_by("position", "name"))
    return render(
        request, "fachgebiete/review_overview.html", {"waiting": waiting, "due": due, "fachgebiete": fachgebiete}
    )


@require_http_methods(["GET", "POST"])
def review(request, slug: str, kind: str, section: str, pk: int):
    fachgebiet = _editor_fachgebiet(request, slug, kind, section)
    item = get_object_or_404(
        SECTION_MODELS[section].objects.select_related("author", "reviewed_by"), pk=pk, fachgebiet=fachgebiet
    )
    item.fachgebiet = fachgebiet
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "")
        if action not in services.ACTIONS:
            form.add_error(None, "Bitte wählen Sie eine Entscheidung.")
        else:
            try:
                services.ACTIONS[action](item, user=request.user, comment=form.cleaned_data["comment"])
            except services.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                done = _ACTION_DONE[action]
                if action in _MAILED and item.author_id and item.author_id != request.user.pk:
                    done += " Die einreichende Person wird per E-Mail benachrichtigt."
                messages.success(request, done)
                return redirect(fachgebiet.url("review_queue") if action != "unpublish" else item.get_absolute_url())
    return render(
        request,
        "fachgebiete/review.html",
        {
            **fachgebiet_context(request, fachgebiet, "review"),
            "item": item,
            "form": form,
            "actions": services.allowed_actions(item),
        },
    )


@require_http_methods(["GET", "POST"])
def document_version_add(request, slug: str, kind: str, pk: int):
    fachgebiet = _editor_fachgebiet(request, slug, kind)
    document = get_object_or_404(Document, pk=pk, fachgebiet=fachgebiet)
    document.fachgebiet = fachgebiet
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with files_atomic() as files:
            version = version_add(
                document,
                upload=form.cleaned_data["file"],
                user=request.user,
                note=form.cleaned_data["note"],
                files=files,
            )
            told = lifecycle.version_published(document, number=version.number, user=request.user)
        done = f"Version {version.number} ist jetzt die aktuelle Fassung."
        if told is not None:
            done += " Wer dem Fachgebiet folgt oder eine frühere Fassung heruntergeladen hat, wird benachrichtigt."
        messages.success(request, done)
        return redirect(document.get_absolute_url())
    return render(
        request,
        "fachgebiete/version_form.html",
        {**fachgebiet_context(request, fachgebiet, "muster"), "item": document, "form": form},
    )


@require_http_methods(["GET", "POST"])
def document_supersede(request, slug: str, kind: str, pk: int):
    """Mark a document "überholt" (it stays findable), or take the mark back."""
    fachgebiet = _editor_fachgebiet(request, slug, kind)
    document = get_object_or_404(Document, pk=pk, fachgebiet=fachgebiet)
    document.fachgebiet = fachgebiet
    form = SupersedeForm(None if document.is_superseded else (request.POST or None), document=document)
    if request.method == "POST":
        if document.is_superseded:
            services.document_reinstate(document=document, user=request.user)
            messages.success(request, "Das Dokument gilt wieder als aktuell.")
            return redirect(document.get_absolute_url())
        if form.is_valid():
            try:
                services.document_supersede(
                    document=document,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    successor=form.cleaned_data["successor"],
                )
            except services.WorkflowError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    "Das Dokument ist als überholt markiert und bleibt auffindbar. Wer dem Fachgebiet folgt "
                    "oder es heruntergeladen hat, wird benachrichtigt.",
                )
                return redirect(document.get_absolute_url())
    return render(
        request,
        "fachgebiete/supersede_form.html",
        {**fachgebiet_context(request, fachgebiet, "muster"), "item": document, "form": form},
    )


@require_http_methods(["GET", "POST"])
def attachment_add(request, slug: str, kind: str, pk: int):
    """One more attachment to an article; earlier ones stay."""
    fachgebiet = _editor_fachgebiet(request, slug, kind)
    article = get_object_or_404(Article, pk=pk, fachgebiet=fachgebiet)
    article.fachgebiet = fachgebiet
    # Bound on every POST: a form sent without a file must say so, not show up empty again.
    form = AttachmentForm(request.POST, request.FILES) if request.method == "POST" else AttachmentForm()
    if form.is_bound and form.is_valid():
        with files_atomic() as files:
            attachment = services.attachment_add(
                article=article, upload=form.cleaned_data["file"], user=request.user, files=files
            )
        messages.success(request, f"Der Anhang „{attachment.file.original_name}“ wurde hinzugefügt.")
        return redirect(article.get_absolute_url())
    attachments = list(article.attachments.select_related("file").defer("file__text"))
    return render(
        request,
        "fachgebiete/attachment_form.html",
        {
            **fachgebiet_context(request, fachgebiet, "informationen"),
            "item": article,
            "form": form,
            "attachments": attachments,
        },
    )


@require_http_methods(["GET", "POST"])
def attachment_delete(request, slug: str, kind: str, pk: int, attachment_pk: int):
    """Remove an attachment after confirmation; its file leaves storage once the deletion is committed."""
    fachgebiet = _editor_fachgebiet(request, slug, kind)
    article = get_object_or_404(Article, pk=pk, fachgebiet=fachgebiet)
    article.fachgebiet = fachgebiet
    attachment = get_object_or_404(
        ArticleAttachment.objects.select_related("file").defer("file__text"), pk=attachment_pk, article=article
    )
    attachment.article = article
    if request.method == "POST":
        name = attachment.file.original_name
        with transaction.atomic():
            attachment.delete()
        messages.success(request, f"Der Anhang „{name}“ wurde entfernt.")
        return redirect(article.get_absolute_url())
    return render(
        request,
        "fachgebiete/attachment_delete.html",
        {**fachgebiet_context(request, fachgebiet, "informationen"), "item": article, "attachment": attachment},
    )
