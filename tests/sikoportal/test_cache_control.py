"""No closed page stays in a cache: every response to a session says `private, no-store`.

Walks every classified route (the matrix of test_route_access) as member Max and as Gina of the
Geschäftsstelle — whatever the answer (page, redirect, 403, 404); anonymous visitors of the
public pages get them without it (nothing personal in them; the back/forward cache keeps
working).
"""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from common.caching import PRIVATE_NO_STORE, PrivateNoStoreMiddleware

from . import test_route_access as route_matrix
from .route_types import Access
from .test_route_access import ROUTES, _url

# The route matrix's fixtures: the same objects, users and logins, built once for this module too.
matrix, world, as_role = route_matrix.matrix, route_matrix.world, route_matrix.as_role


@pytest.fixture
def people(matrix) -> dict:
    """The world's person of each role (the role fixtures would build a second Stadt Essen)."""
    return matrix[1]


pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("role", ["member", "office"])
def test_every_route_answers_a_logged_in_user_with_no_store(role, world, as_role):
    client = as_role(role)
    cacheable = []
    for name, route in sorted(ROUTES.items()):
        response = client.get(_url(name, route, world))
        if not {"private", "no-store"} <= directives(response):
            cacheable.append((name, response.status_code, response.get("Cache-Control")))
    assert cacheable == []


def test_an_applicants_session_is_not_cached_either(client, people):
    from ..conftest import PASSWORD

    applicant = people["applicant"]
    response = client.post(reverse("account_login"), {"login": applicant.email, "password": PASSWORD})
    assert {"private", "no-store"} <= directives(client.get(response["Location"]))


def test_public_pages_for_visitors_are_left_as_the_view_made_them(world, settings):
    """A first visit (no session cookie): the header is what the view set (allauth's never_cache
    pages keep theirs), the portal forces nothing."""
    public = [(name, route) for name, route in sorted(ROUTES.items()) if route.access == Access.PUBLIC]

    def headers() -> dict[str, str | None]:
        return {name: Client().get(_url(name, route, world)).get("Cache-Control") for name, route in public}

    with_middleware = headers()
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "common.caching.PrivateNoStoreMiddleware"]
    assert with_middleware == headers()
    assert with_middleware["impressum"] is None and with_middleware["newsletter:subscribe"] is None


@pytest.mark.parametrize(
    ("own", "expected"),
    [
        (None, {"private", "no-store"}),
        ("no-store", {"private", "no-store"}),
        (
            "no-cache, no-store, must-revalidate, max-age=0",
            {"private", "no-cache", "no-store", "must-revalidate", "max-age=0"},
        ),
        ("public, max-age=3600", {"private", "no-store", "max-age=3600"}),
    ],
)
def test_a_views_own_header_is_kept_and_made_private(people, own, expected):
    from django.contrib.sessions.backends.db import SessionStore

    member = people["member"]
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.session["_auth_user_id"] = str(member.pk)

    def view(request):
        response = HttpResponse("x")
        if own:
            response["Cache-Control"] = own
        return response

    response = PrivateNoStoreMiddleware(view)(request)
    assert directives(response) == expected


def test_downloads_use_the_same_header():
    from dokumente import downloads

    assert downloads.PRIVATE_NO_STORE is PRIVATE_NO_STORE
