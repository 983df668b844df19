"""Every area route of this app (C1's and the content routes) against all eight roles.

Outsiders — including the requester, the lead of another area and the Geschäftsstelle without
a grant — get 404 (the area's existence stays hidden); a member below the needed role gets
403; a deactivated account is sent to the login; everyone at or above the role gets through.
"""

from __future__ import annotations

import importlib

import pytest
from django.urls import reverse

from facharbeitskreise.access import Role

from . import routes

ROLES = ["outsider", "requester", "ak_member", "ak_contributor", "ak_lead", "other_lead", "office", "deactivated"]
HIDDEN = {"outsider", "requester", "other_lead", "office"}
RANK = {"ak_member": Role.MITGLIED, "ak_contributor": Role.MITWIRKEND, "ak_lead": Role.LEITUNG}


def _modules():
    modules = [routes]
    try:
        modules.append(importlib.import_module("tests.facharbeitskreise.routes_inhalt"))
    except ModuleNotFoundError as error:
        if error.name != "tests.facharbeitskreise.routes_inhalt":
            raise
    return modules


MATRIX = [
    (name, module.ROUTES[name], need) for module in _modules() for name, need in getattr(module, "NEEDS", {}).items()
]


@pytest.fixture
def world(request, area, ak_lead):
    values = {}
    for module in _modules():
        values.update(module.build_world(request))
    return values


def _expected(role: str, need: str) -> str:
    if role == "deactivated":
        return "login"
    if role in HIDDEN:
        return "404"
    return "ok" if RANK[role].covers(need) else "403"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "route", "need"), MATRIX, ids=[m[0] for m in MATRIX])
def test_area_route(name, route, need, role, world, client, request):
    user = request.getfixturevalue(role)
    client.force_login(user)
    url = reverse(name, kwargs={key: value.format(**world) for key, value in route.kwargs})
    expected = _expected(role, need)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        status = response.status_code
        assert status < 500, (name, role, method, status)
        if expected == "login":
            assert status == 302 and response["Location"].startswith(reverse("account_login")), (name, role, method)
        elif expected == "404":
            assert status == 404, (name, role, method, status)
        elif expected == "403":
            assert status == 403, (name, role, method, status)
        else:
            assert status not in (403, 404), (name, role, method, status)
            assert not (status == 302 and response["Location"].startswith(reverse("account_login")))


def test_every_area_route_has_a_role():
    """Every closed-area route of the app is in the matrix above."""
    from tests.sikoportal.route_types import Access

    closed = {name for module in _modules() for name, route in module.ROUTES.items() if route.access == Access.OBJECT}
    assert closed == {name for name, _, _ in MATRIX}
