"""The newsletter's section of "Mein Profil" (see partner's `{% profile_sections %}`)."""

from __future__ import annotations

from django.template.loader import render_to_string

from .models import Subscriber


def subscription_section(request) -> str:
    if not request.user.is_authenticated:
        return ""
    subscription = Subscriber.objects.filter(user=request.user).first()
    return render_to_string(
        "newsletter/subscription_box.html",
        {"subscription": subscription, "next": request.path, "heading_level": 2},
        request=request,
    )
