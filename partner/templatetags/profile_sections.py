"""`{% profile_sections %}`: further sections of "Mein Profil", contributed by other apps.

partner imports no other app of ours, so it cannot know who adds what to the profile.
The top layer lists the contributors in `settings.SIKO_PROFILE_SECTIONS`: dotted paths
to callables `section(request) -> str` that return rendered HTML (or "" for nothing).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.module_loading import import_string

register = template.Library()


@register.simple_tag(takes_context=True)
def profile_sections(context) -> str:
    request = context["request"]
    parts = [import_string(path)(request) for path in getattr(settings, "SIKO_PROFILE_SECTIONS", [])]
    # render_to_string returns safe strings; anything else is escaped.
    return format_html_join("", "{}", ((part,) for part in parts if part))
