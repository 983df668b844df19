"""The follows' section of "Mein Profil" (see partner's `{% profile_sections %}`)."""

from __future__ import annotations

from django.template.loader import render_to_string

from .notifications import follows_of


def follow_section(request) -> str:
    if not request.user.is_authenticated:
        return ""
    follows = list(follows_of(request.user))
    return render_to_string("fachgebiete/follow_profile_section.html", {"follows": follows}, request=request)
