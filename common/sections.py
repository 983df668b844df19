"""Sections one app's page shows on behalf of another app, without importing it.

An app lower in the dependency order (partner, fachgebiete) cannot know who adds what to its
pages. The top layer lists the contributors in a setting – dotted paths to callables
`section(request, *objects) -> str` returning rendered HTML ("" for nothing) – and the page's
template tag renders them in that order: SIKO_PROFILE_SECTIONS ("Mein Profil"),
SIKO_PARTNER_SECTIONS (an authority's page), SIKO_FACHGEBIET_SECTIONS (a Fachgebiet's overview).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.html import format_html_join
from django.utils.module_loading import import_string


def render_sections(setting: str, request, *objects) -> str:
    parts = [import_string(path)(request, *objects) for path in getattr(settings, setting, [])]
    # render_to_string returns safe strings; anything else is escaped.
    return format_html_join("", "{}", ((part,) for part in parts if part))
