"""The glossary: everyone admitted reads it; the Geschäftsstelle and every Redaktion maintain it."""

from __future__ import annotations

from functools import wraps
from string import ascii_uppercase

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from .access import is_editor_anywhere
from .glossary_forms import GlossaryFilterForm, GlossaryTermForm
from .models import GlossaryTerm
from .models.glossary import OTHER_LETTER


def can_edit_glossary(user) -> bool:
    """The glossary serves every Fachgebiet, so any Redaktion (and the Geschäftsstelle) may maintain it."""
    return is_editor_anywhere(user)


def glossary_editor_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_edit_glossary(request.user):
            raise PermissionDenied("Das Glossar pflegen die Geschäftsstelle und die Redaktionen der Fachgebiete.")
        return view(request, *args, **kwargs)

    return wrapper


def _letter_navigation(present: set[str], current: str) -> list[dict]:
    letters = [(OTHER_LETTER, "0–9")] + [(letter, letter) for letter in ascii_uppercase]
    return [
        {"code": code, "label": label, "has_terms": code in present, "current": code == current}
        for code, label in letters
    ]


def glossary_list(request):
    terms = GlossaryTerm.objects.prefetch_related("fachgebiete")
    form = GlossaryFilterForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    letter = request.GET.get("buchstabe", "").upper()
    if letter not in {OTHER_LETTER, *ascii_uppercase}:
        letter = ""
    if query:
        terms = terms.search(query)
    elif letter:
        terms = terms.filter(letter=letter)
    present = set(GlossaryTerm.objects.order_by().values_list("letter", flat=True).distinct())
    page = Paginator(terms, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "fachgebiete/glossary/list.html",
        {
            "page": page,
            "total": page.paginator.count,
            "form": form,
            "query": query,
            "letter": letter,
            "letter_label": "0–9" if letter == OTHER_LETTER else letter,
            "letters": _letter_navigation(present, letter),
            "can_edit": can_edit_glossary(request.user),
        },
    )


def glossary_detail(request, slug: str):
    term = get_object_or_404(GlossaryTerm, slug=slug)
    return render(
        request,
        "fachgebiete/glossary/detail.html",
        {
            "term": term,
            "fachgebiete": term.fachgebiete.all(),
            "see_also": term.see_also.order_by("sort_key"),
            "can_edit": can_edit_glossary(request.user),
        },
    )


@glossary_editor_required
@require_http_methods(["GET", "POST"])
def glossary_create(request):
    form = GlossaryTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        term = form.save()
        messages.success(request, f"Der Begriff „{term.term}“ wurde in das Glossar aufgenommen.")
        return redirect(term)
    return render(request, "fachgebiete/glossary/form.html", {"form": form, "term": None})


@glossary_editor_required
@require_http_methods(["GET", "POST"])
def glossary_edit(request, slug: str):
    term = get_object_or_404(GlossaryTerm, slug=slug)
    form = GlossaryTermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Der Begriff „{term.term}“ wurde gespeichert.")
        return redirect(term)
    return render(request, "fachgebiete/glossary/form.html", {"form": form, "term": term})


@glossary_editor_required
@require_http_methods(["GET", "POST"])
def glossary_delete(request, slug: str):
    term = get_object_or_404(GlossaryTerm, slug=slug)
    if request.method == "POST":
        term.delete()
        messages.success(request, f"Der Begriff „{term.term}“ wurde aus dem Glossar gelöscht.")
        return redirect("fachgebiete:glossary")
    return render(request, "fachgebiete/glossary/delete.html", {"term": term})
