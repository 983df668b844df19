"""Error pages: the portal's own German pages, with its security headers, for every request.

An unknown Host header is refused before the auth middleware runs, so the 400 page renders
without user and session; it used to touch request.user and end as a headerless 500. The CSRF
failure page is ours, not Django's English one, and tells nothing about the check.
"""

from __future__ import annotations

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from newsletter.models import Subscriber
from sikoportal import views

PORTAL_HOST = "portal.example.test"


def assert_security_headers(response) -> None:
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


# --- Unknown Host header ------------------------------------------------------------------


@pytest.mark.parametrize(
    "production",
    [
        {},
        # Production redirects http to https: SecurityMiddleware itself asks for the host.
        {"SECURE_SSL_REDIRECT": True, "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")},
    ],
    ids=["https", "http-redirect"],
)
@pytest.mark.parametrize("path", ["/", "/konto/login/", "/newsletter/", "/gibt-es-nicht/"])
def test_unknown_host_gets_the_portal_400_page(client, db, production, path):
    with override_settings(DEBUG=False, ALLOWED_HOSTS=[PORTAL_HOST], **production):
        response = client.get(path, HTTP_HOST="boese.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert '<h1 class="kern-heading-large">Ungültige Anfrage</h1>' in page
    assert "SiKo Ruhr Portal" in page and 'lang="de"' in page
    assert "boese.example" not in page
    assert_security_headers(response)


def test_unknown_host_with_a_session_cookie_gets_the_400_page(client, member):
    client.force_login(member)
    with override_settings(DEBUG=False, ALLOWED_HOSTS=[PORTAL_HOST]):
        response = client.get("/", HTTP_HOST="boese.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ungültige Anfrage" in page and member.email not in page
    assert_security_headers(response)


def test_known_host_still_works(client, member):
    client.force_login(member)
    with override_settings(DEBUG=False, ALLOWED_HOSTS=[PORTAL_HOST]):
        assert client.get("/", HTTP_HOST=PORTAL_HOST).status_code == 200


# --- Every error page renders without user and session ------------------------------------


def _bare_request():
    """What an error handler may get: no user, no session, no messages."""
    return RequestFactory().get("/irgendwo/")


@pytest.mark.parametrize(
    ("handler", "args", "status", "heading"),
    [
        (views.bad_request, (SuspiciousOperation("x"),), 400, "Ungültige Anfrage"),
        (views.permission_denied, (PermissionDenied(),), 403, "Keine Berechtigung"),
        (views.page_not_found, (Http404("intern"),), 404, "Seite nicht gefunden"),
        (views.server_error, (), 500, "Ein Fehler ist aufgetreten"),
        (views.csrf_failure, (), 403, "Sitzung abgelaufen"),
    ],
)
def test_error_pages_render_without_user_and_session(db, handler, args, status, heading):
    response = handler(_bare_request(), *args)
    assert response.status_code == status
    page = response.content.decode()
    assert heading in page and 'lang="de"' in page
    assert "Hauptnavigation" not in page and "Abmelden" not in page
    assert "intern" not in page  # the Http404's text is for the log, not the visitor
    if handler is not views.csrf_failure:  # its response passes the middleware
        assert_security_headers(response)


def test_error_pages_render_with_a_session_but_no_user(db):
    request = _bare_request()
    SessionMiddleware(lambda r: None).process_request(request)
    assert views.page_not_found(request, Http404()).status_code == 404


def test_404_for_a_member_keeps_the_portal_navigation(client, member):
    client.force_login(member)
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Seite nicht gefunden" in page and "Hauptnavigation" in page and "Abmelden" in page
    assert_security_headers(response)


# --- CSRF failure ----------------------------------------------------------------------


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def _assert_csrf_page(response) -> str:
    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == "403_csrf.html"
    page = response.content.decode()
    assert "Sitzung abgelaufen oder Seite zu lange geöffnet" in page
    assert "laden Sie die Seite neu" in page
    # Nothing about the check itself: not Django's page, no reason, no token.
    for leak in ("CSRF", "csrf", "Referer", "Forbidden", "DEBUG"):
        assert leak not in page.replace('name="csrfmiddlewaretoken"', ""), leak
    assert_security_headers(response)
    return page


def test_csrf_failure_for_an_anonymous_visitor(csrf_client, db):
    response = csrf_client.post(reverse("account_login"), {"login": "x@essen.de", "password": "x"})
    page = _assert_csrf_page(response)
    assert reverse("account_login") in page and "Hauptnavigation" not in page
    assert "Cookies" in page  # no CSRF cookie was sent: the advice says so


def test_csrf_failure_with_a_wrong_token_does_not_blame_cookies(csrf_client, db):
    csrf_client.get(reverse("account_login"))  # sets the cookie
    response = csrf_client.post(reverse("account_login"), {"csrfmiddlewaretoken": "x" * 64, "login": "x@essen.de"})
    page = _assert_csrf_page(response)
    assert "Cookies" not in page


def test_csrf_failure_for_a_member_keeps_the_layout_and_changes_nothing(csrf_client, member):
    csrf_client.force_login(member)
    response = csrf_client.post(reverse("newsletter:member_subscription"), {"aktion": "abonnieren"})
    page = _assert_csrf_page(response)
    assert "Hauptnavigation" in page and member.get_full_name() in page
    assert not Subscriber.objects.filter(user=member).exists()


def test_csrf_failure_for_the_office(csrf_client, office):
    csrf_client.force_login(office)
    response = csrf_client.post(reverse("newsletter:office_subscriber_add"), {"email": "neu@bochum.de"})
    _assert_csrf_page(response)
    assert not Subscriber.objects.exists()
