"""common.redirects: the one rule for a `next` target from the request — local paths only."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.http import urlencode

from common.redirects import local_path, redirect_back
from tests.conftest import PASSWORD

# Everything that is not a path on this site; several of these made redirect() try to reverse
# them as URL names (NoReverseMatch, 500) or would leave the portal.
UNSAFE = [
    "",
    "0",
    "abc",
    "home",
    "newsletter:archive",
    "../etc/passwd",
    "//boese.example/",
    "///boese.example/",
    "/\\boese.example/",
    "\\\\boese.example/",
    "https://boese.example/",
    "http://testserver/newsletter/",  # even our own host: only paths are followed
    "javascript:alert(1)",
    "\x00/newsletter/",
    " /newsletter/",
]


@pytest.mark.parametrize("target", UNSAFE)
def test_unsafe_targets_are_refused(target):
    assert local_path(target) is None


@pytest.mark.parametrize("target", ["/", "/newsletter/", "/fachgebiete/shisha/?seite=2#x", "/suche/?q=%C3%A4"])
def test_local_paths_are_followed(target):
    assert local_path(target) == target


@pytest.mark.parametrize("target", UNSAFE)
def test_redirect_back_falls_back_to_the_default(target):
    request = RequestFactory().post("/", {"next": target})
    assert redirect_back(request, "newsletter:archive")["Location"] == reverse("newsletter:archive")


def test_redirect_back_follows_a_local_path():
    request = RequestFactory().post("/", {"next": "/fachgebiete/"})
    assert redirect_back(request, "newsletter:archive")["Location"] == "/fachgebiete/"


def test_a_line_break_cannot_inject_a_header():
    request = RequestFactory().post("/", {"next": "/a\r\nSet-Cookie: x=1"})
    location = redirect_back(request, "newsletter:archive")["Location"]
    assert "\n" not in location and "\r" not in location


@pytest.mark.parametrize("target", ["0", "abc", "//boese.example/", "https://boese.example/"])
def test_login_ignores_an_unsafe_next(client, member, target):
    """allauth asks the adapter, which asks the same rule."""
    url = reverse("account_login") + "?" + urlencode({"next": target})
    response = client.post(url, {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_login_follows_a_local_next(client, member):
    url = reverse("account_login") + "?next=/fachgebiete/"
    response = client.post(url, {"login": member.email, "password": PASSWORD})
    assert response["Location"] == "/fachgebiete/"
