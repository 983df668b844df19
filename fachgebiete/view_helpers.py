"""What every page of a Fachgebiet (or rubric) needs: the area itself and its navigation."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from .access import can_edit_here
from .models import SECTION_MODELS, Fachgebiet, FachgebietVisit
from .models.content import Contribution


def section_models(area: Fachgebiet) -> list[type[Contribution]]:
    """The sections of this area in navigation order; rubrics have no Rechtstatsachen."""
    return [model for key, model in SECTION_MODELS.items() if key != "rechtstatsachen" or area.has_rechtstatsachen]


def area_or_404(slug: str, kind: str, section: str | None = None) -> Fachgebiet:
    area = get_object_or_404(Fachgebiet, slug=slug, kind=kind)
    if section is not None and section not in {model.section for model in section_models(area)}:
        raise Http404("Diesen Bereich gibt es hier nicht.")
    return area


def area_context(request, area: Fachgebiet, current: str = "") -> dict:
    models = section_models(area)
    return {
        "area": area,
        "fachgebiet": area,
        "current": current,
        "sections": [{"key": m.section, "label": m.section_label, "url": area.url(f"{m.prefix}_list")} for m in models],
        "overview_url": area.url("overview"),
        "submit_urls": [
            {"key": m.section, "label": m.section_label, "url": area.url("submit", section=m.section)} for m in models
        ],
        "review_url": area.url("review_queue"),
        "is_editor": can_edit_here(request, area),
    }


def last_visit(user, area: Fachgebiet):
    return FachgebietVisit.objects.filter(user=user, fachgebiet=area).values_list("seen_at", flat=True).first()
