"""Members contribute: submit an item, see the state of their submissions, revise a returned one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dokumente.models import StoredFile
from dokumente.services import files_atomic, version_add

from . import lifecycle, services
from .access import can_edit_here, may_change_contribution
from .forms import FORMS
from .models import SECTION_MODELS, Article, Document, Rechtstatsache, Status
from .view_helpers import fachgebiet_context, fachgebiet_or_404

_SUBMIT_TITLES = {
    "informationen": "Information einreichen",
    "muster": "Muster oder Arbeitshilfe einreichen",
    "rechtstatsachen": "Rechtstatsache einreichen",
}


def _store_files(item, form, *, user, files) -> None:
    """The files a form brought: attachment, first document version or the decision's file."""
    if isinstance(item, Article) and form.cleaned_data.get("attachment"):
        services.attachment_add(article=item, upload=form.cleaned_data["attachment"], user=user, files=files)
    elif isinstance(item, Document) and form.cleaned_data.get("file"):
        version_add(item, upload=form.cleaned_data["file"], user=user, note=form.cleaned_data["note"], files=files)


@require_http_methods(["GET", "POST"])
def submit(request, slug: str, kind: str, section: str):
    fachgebiet = fachgebiet_or_404(slug, kind, section)
    editor = can_edit_here(request, fachgebiet)
    form = FORMS[section](request.POST or None, request.FILES or None, user=request.user, fachgebiet=fachgebiet)
    if editor:
        form.fields["publish_now"] = forms.BooleanField(
            label="Sofort veröffentlichen",
            required=False,
            help_text="Sie gehören zur Redaktion dieses Bereichs und können den Beitrag ohne Prüfung veröffentlichen.",
        )
    if request.method == "POST" and form.is_valid():
        with files_atomic() as files:
            item = form.save(commit=False)
            item.fachgebiet = fachgebiet
            if isinstance(item, Rechtstatsache) and form.cleaned_data.get("upload"):
                item.file = files.store(form.cleaned_data["upload"], user=request.user)
            if editor and form.cleaned_data.get("publish_now"):
                services.contribution_publish_direct(item, user=request.user)
                done = "Der Beitrag ist veröffentlicht."
            else:
                services.contribution_submit(item, user=request.user)
                done = "Vielen Dank! Ihr Beitrag wurde eingereicht und wird von der Redaktion geprüft."
            _store_files(item, form, user=request.user, files=files)
        messages.success(request, done)
        return redirect(item.get_absolute_url())
    return render(
        request,
        "fachgebiete/contribution_form.html",
        {
            **fachgebiet_context(request, fachgebiet, "submit"),
            "form": form,
            "heading": _SUBMIT_TITLES[section],
            "item": None,
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request, slug: str, kind: str, section: str, pk: int):
    """The Redaktion edits any item; an author revises a returned one and sends it in again."""
    fachgebiet = fachgebiet_or_404(slug, kind, section)
    model = SECTION_MODELS[section]
    if can_edit_here(request, fachgebiet):
        item = get_object_or_404(model, pk=pk, fachgebiet=fachgebiet)
    else:
        # Decide before looking the item up: a member learns nothing about which numbers exist.
        item = model.objects.filter(pk=pk, fachgebiet=fachgebiet, author=request.user).first()
    if item is not None:
        item.fachgebiet = fachgebiet
    if item is None or not may_change_contribution(request, item):
        raise PermissionDenied("Diesen Beitrag kann nur die Redaktion ändern.")
    resubmit = item.is_revisable_by(request.user)
    previous_status = getattr(item, "legal_status", None)
    form = FORMS[section](
        request.POST or None, request.FILES or None, instance=item, user=request.user, fachgebiet=fachgebiet
    )
    if request.method == "POST" and form.is_valid():
        with files_atomic() as files:
            item = form.save(commit=False)
            replaced_file_id = None
            if isinstance(item, Rechtstatsache) and form.cleaned_data.get("upload"):
                replaced_file_id = item.file_id
                item.file = files.store(form.cleaned_data["upload"], user=request.user)
            item.save()
            if replaced_file_id is not None:
                # The replaced decision file belongs to nothing any more; it goes after commit.
                StoredFile.objects.filter(pk=replaced_file_id).delete()
            _store_files(item, form, user=request.user, files=files)
            if isinstance(item, Rechtstatsache):
                lifecycle.legal_status_changed(item, previous=previous_status, user=request.user)
            if resubmit:
                services.contribution_submit(item, user=request.user)
        if resubmit:
            messages.success(request, "Ihre Überarbeitung wurde gespeichert und erneut zur Prüfung eingereicht.")
        else:
            messages.success(request, "Die Änderungen wurden gespeichert.")
        return redirect(item.get_absolute_url())
    return render(
        request,
        "fachgebiete/contribution_form.html",
        {
            **fachgebiet_context(request, fachgebiet, item.section),
            "form": form,
            "item": item,
            "resubmit": resubmit,
            "heading": f"„{item.title}“ {'überarbeiten' if resubmit else 'bearbeiten'}",
        },
    )


def my_contributions(request):
    """Three queries whatever the number of contributions: one per section."""
    items = []
    for model in SECTION_MODELS.values():
        items += list(model.objects.filter(author=request.user).select_related("fachgebiet"))
    items.sort(key=lambda item: item.submitted_at or item.created_at, reverse=True)
    returned = [item for item in items if item.status == Status.RETURNED]
    return render(
        request,
        "fachgebiete/my_contributions.html",
        {"items": items, "returned": returned, "Status": Status},
    )
