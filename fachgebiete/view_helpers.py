"""What every page of a Fachgebiet (or rubric) needs: the area itself and its navigation."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from .access import can_edit_here
from .models import SECTION_MODELS, Fachgebiet, FachgebietVisit
from .models.content import Contribution


def section_models(fachgebiet: Fachgebiet) -> list[type[Contribution]]:
    """The sections of this area in navigation order; rubrics have no Rechtstatsachen."""
    return [
        model for key, model in SECTION_MODELS.items() if key != "rechtstatsachen" or fachgebiet.has_rechtstatsachen
    ]


def fachgebiet_or_404(slug: str, kind: str, section: str | None = None) -> Fachgebiet:
    fachgebiet = get_object_or_404(Fachgebiet, slug=slug, kind=kind)
    if section is not None and section not in {model.section for model in section_models(fachgebiet)}:
        raise Http404("Diesen Bereich gibt es hier nicht.")
    return fachgebiet


def fachgebiet_context(request, fachgebiet: Fachgebiet, current: str = "") -> dict:
    models = section_models(fachgebiet)
    return {
        "fachgebiet": fachgebiet,
        "current": current,
        "sections": [
            {"key": m.section, "label": m.section_label, "url": fachgebiet.url(f"{m.prefix}_list")} for m in models
        ],
        "overview_url": fachgebiet.url("overview"),
        "submit_urls": [
            {"key": m.section, "label": m.section_label, "url": fachgebiet.url("submit", section=m.section)}
            for m in models
        ],
        "review_url": fachgebiet.url("review_queue"),
        "is_editor": can_edit_here(request, fachgebiet),
    }


def last_visit(user, fachgebiet: Fachgebiet):
    return FachgebietVisit.objects.filter(user=user, fachgebiet=fachgebiet).values_list("seen_at", flat=True).first()
