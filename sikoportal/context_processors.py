from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import admin_navigation, main_navigation


def portal(request) -> dict:
    # Lazy: fragments rendered with the request (profile sections, mails) never show the
    # navigation and must not pay for its permission queries.
    return {
        "main_navigation": SimpleLazyObject(lambda: main_navigation(request)),
        "admin_navigation": SimpleLazyObject(lambda: admin_navigation(request)),
        "demo_mode": settings.SIKO_DEMO_MODE,
    }
