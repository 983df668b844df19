"""Every area route of this app (the area's own pages and its content) against all eight roles.

Outsiders — including the requester, the lead of another area and the Geschäftsstelle without
a grant — get 404 (the area's existence stays hidden); a member below the needed role gets
403; a deactivated account is sent to the login; everyone at or above the role gets the page
(200), the download, or the form's answer to an empty POST. The people and the world's objects
are built once for the module (`module_fixtures`); every case runs in its own savepoint.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from facharbeitskreise.access import Role

from . import routes, routes_inhalt

MODULES = [routes, routes_inhalt]
ROLES = ["outsider", "requester", "ak_member", "ak_contributor", "ak_lead", "other_lead", "office", "deactivated"]
HIDDEN = {"outsider", "requester", "other_lead", "office"}
RANK = {"ak_member": Role.MITGLIED, "ak_contributor": Role.MITWIRKEND, "ak_lead": Role.LEITUNG}

MATRIX = [(name, module.ROUTES[name], need) for module in MODULES for name, need in module.NEEDS.items()]


@pytest.fixture(scope="module")
def matrix(module_fixtures):
    """The world's objects (URL arguments) and the eight people, once for the module."""
    world = {}
    for module in MODULES:
        world |= module.build_world(module_fixtures)
    people = {role: module_fixtures.getfixturevalue(role) for role in ROLES}
    settings = module_fixtures.getfixturevalue("settings")
    return world, people, settings.MEDIA_ROOT


@pytest.fixture
def world(matrix, settings):
    world, people, media = matrix
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = media  # the world's files
    return world, people


def _expected(role: str, need: str) -> str:
    if role == "deactivated":
        return "login"
    if role in HIDDEN:
        return "404"
    return "ok" if RANK[role].covers(need) else "403"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "route", "need"), MATRIX, ids=[m[0] for m in MATRIX])
def test_arbeitskreis_route(name, route, need, role, world, login):
    world, people = world
    client = login(people[role])
    url = reverse(name, kwargs={key: value.format(**world) for key, value in route.kwargs})
    expected = _expected(role, need)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        status = response.status_code
        if expected == "login":
            assert status == 302 and response["Location"].startswith(reverse("account_login")), (name, role, method)
        elif expected == "404":
            assert status == 404, (name, role, method, status)
        elif expected == "403":
            assert status == 403, (name, role, method, status)
        else:
            assert status == route.answer(method), (name, role, method, status)
            assert not (status == 302 and response["Location"].startswith(reverse("account_login")))


def test_every_arbeitskreis_route_has_a_role():
    """Every closed-area route of the app is in the matrix above."""
    from tests.sikoportal.route_types import Access

    closed = {name for module in MODULES for name, route in module.ROUTES.items() if route.access == Access.OBJECT}
    assert closed == {name for name, _, _ in MATRIX}
