"""Sections other apps add to partner's pages (common.sections): `{% profile_sections %}` on
"Mein Profil" (settings.SIKO_PROFILE_SECTIONS, callables `section(request)`), `{% partner_sections
partner %}` on an authority's page (settings.SIKO_PARTNER_SECTIONS, `section(request, partner)`).

partner imports no other app of ours, so it cannot know who adds what to its pages.
"""

from __future__ import annotations

from django import template

from common.sections import render_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def profile_sections(context) -> str:
    return render_sections("SIKO_PROFILE_SECTIONS", context["request"])


@register.simple_tag(takes_context=True)
def partner_sections(context, partner) -> str:
    return render_sections("SIKO_PARTNER_SECTIONS", context["request"], partner)
