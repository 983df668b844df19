from django.conf import settings

from .navigation import admin_navigation, main_navigation


def portal(request) -> dict:
    return {
        "main_navigation": main_navigation(request),
        "admin_navigation": admin_navigation(request),
        "demo_mode": settings.SIKO_DEMO_MODE,
    }
