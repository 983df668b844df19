"""Who did it: an account that acted, or the text that says who acted when none did."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser

from common.actors import acting_user, actor_name, name_snapshot, request_user


def person(first: str = "Anna", last: str = "Meier") -> SimpleNamespace:
    full = f"{first} {last}".strip()
    return SimpleNamespace(is_authenticated=True, email="anna.meier@essen.de", get_full_name=lambda: full)


def test_only_an_authenticated_user_acts():
    anna = person()
    assert acting_user(anna) is anna
    assert acting_user(AnonymousUser()) is None
    assert acting_user(None) is None


def test_a_request_without_user_or_without_login_has_no_actor():
    anna = person()
    assert request_user(SimpleNamespace(user=anna)) is anna
    assert request_user(SimpleNamespace(user=AnonymousUser())) is None
    assert request_user(SimpleNamespace()) is None  # an error page before the auth middleware
    assert request_user(None) is None


def test_the_name_is_the_snapshot_or_the_fallback():
    assert name_snapshot(person()) == "Anna Meier (anna.meier@essen.de)"
    assert name_snapshot(person("", "")) == "anna.meier@essen.de"
    assert actor_name(person(), "Portal (automatisch)") == "Anna Meier (anna.meier@essen.de)"
    assert actor_name(None, "Portal (automatisch)") == "Portal (automatisch)"
