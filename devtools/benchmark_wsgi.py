"""WSGI entry of `manage.py benchmark_pages` only: the portal, plus a bare Django page as the floor.

The floor is what Django alone costs for a logged-in request — Django's default middleware
(`startproject`), database session, `@login_required`, a few bytes of response — served by the
same gunicorn workers as the portal, so that every page can be given as a share of it. It is not
part of the portal: production starts `sikoportal.wsgi`, whose URLs do not contain it, and this
module refuses to load unless the settings are the benchmark's (`devtools.benchmark_settings`
sets SIKO_BENCHMARK_PAGES, which no other settings module and no environment variable can set).
"""

import os

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.test.utils import override_settings
from django.urls import include, path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devtools.benchmark_settings")
portal = get_wsgi_application()
if not getattr(settings, "SIKO_BENCHMARK_PAGES", False):
    raise ImproperlyConfigured("devtools.benchmark_wsgi läuft nur mit devtools.benchmark_settings.")

FLOOR_PATH = "/_benchmark/leer/"
# Django's own default, as `django-admin startproject` writes it.
FLOOR_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


@login_required
def floor_page(request):
    return HttpResponse(f"<!doctype html><title>Leer</title><p>{request.user.email}</p>")


# The portal's URLs behind it only so that names (the login page) can be reversed; the floor's
# handler is given nothing but FLOOR_PATH (see `application`).
urlpatterns = [path(FLOOR_PATH.lstrip("/"), floor_page), path("", include(settings.ROOT_URLCONF))]


class FloorHandler(WSGIHandler):
    """A second Django handler with only Django's default middleware and only the floor's URL."""

    def load_middleware(self, is_async: bool = False) -> None:
        with override_settings(MIDDLEWARE=FLOOR_MIDDLEWARE):
            super().load_middleware(is_async)

    def get_response(self, request):
        request.urlconf = __name__
        return super().get_response(request)


floor = FloorHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == FLOOR_PATH:
        return floor(environ, start_response)
    return portal(environ, start_response)
