"""`{% fachgebiet_sections fachgebiet %}`: sections other apps add to a Fachgebiet's overview
(settings.SIKO_FACHGEBIET_SECTIONS, callables `section(request, fachgebiet)`; see common.sections).
fachgebiete imports none of the apps built on it, so it cannot know who adds what."""

from __future__ import annotations

from django import template

from common.sections import render_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def fachgebiet_sections(context, fachgebiet) -> str:
    return render_sections("SIKO_FACHGEBIET_SECTIONS", context["request"], fachgebiet)
