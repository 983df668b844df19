"""What every page of a Fachgebiet (or rubric) needs: the area itself and its navigation."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from .access import can_edit
from .models import SECTION_MODELS, Fachgebiet, FachgebietVisit


def area_or_404(slug: str, kind: str, section: str | None = None) -> Fachgebiet:
    area = get_object_or_404(Fachgebiet, slug=slug, kind=kind)
    if section is not None and (section not in SECTION_MODELS or (section == "rechtstatsachen" and area.is_rubrik)):
        raise Http404("Diesen Bereich gibt es hier nicht.")
    return area


def area_context(request, area: Fachgebiet, current: str = "") -> dict:
    sections = [
        ("informationen", "Informationen", "article_list"),
        ("muster", "Muster & Arbeitshilfen", "document_list"),
    ]
    if area.has_rechtstatsachen:
        sections.append(("rechtstatsachen", "Rechtstatsachen", "rechtstatsache_list"))
    return {
        "area": area,
        "fachgebiet": area,
        "current": current,
        "sections": [{"key": key, "label": label, "url": area.url(name)} for key, label, name in sections],
        "overview_url": area.url("overview"),
        "submit_urls": [
            {"key": key, "label": label, "url": area.url("submit", section=key)} for key, label, _ in sections
        ],
        "review_url": area.url("review_queue"),
        "is_editor": can_edit(request.user, area),
    }


def last_visit(user, area: Fachgebiet):
    return FachgebietVisit.objects.filter(user=user, fachgebiet=area).values_list("seen_at", flat=True).first()
