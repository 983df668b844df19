import logging

import pytest
from django.http import Http404
from django.test import RequestFactory
from django_sendfile.utils import _get_sendfile

from dokumente.downloads import file_response
from dokumente.services import files_atomic

from . import samples
from .conftest import make_upload

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.dokumente.urls")]


@pytest.fixture(autouse=True)
def _no_search_index():
    """These tests run on a URL configuration of their own, where the portal's pages (the links
    of search entries) do not exist; the index is not what they test."""
    from suche.index import suspended

    with suspended():
        yield


@pytest.fixture(autouse=True)
def _fresh_sendfile_backend():
    # django-sendfile2 caches the backend module; overridden settings need a fresh lookup.
    _get_sendfile.cache_clear()
    yield
    _get_sendfile.cache_clear()


@pytest.fixture
def report(media_root, member):
    with files_atomic() as files:
        return files.store(make_upload("Prüfbericht Übersicht.pdf", samples.pdf()), user=member)


def download(client, user, stored):
    client.force_login(user)
    return client.get(f"/test-datei/{stored.pk}/")


def test_simple_backend_sends_file(client, member, report, media_root):
    response = download(client, member, report)

    assert response.status_code == 200
    assert response.content == (media_root / report.file.name).read_bytes()


def test_content_disposition_has_ascii_fallback_and_utf8_name(client, member, report):
    response = download(client, member, report)

    assert response["Content-Disposition"] == (
        "attachment; filename=\"Prufbericht Ubersicht.pdf\"; filename*=UTF-8''Pr%C3%BCfbericht%20%C3%9Cbersicht.pdf"
    )


def test_content_type_comes_from_detection(client, member, report):
    response = download(client, member, report)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(report.size)


def test_security_headers(client, member, report):
    response = download(client, member, report)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_text_file_keeps_charset(client, member, media_root):
    with files_atomic() as files:
        stored = files.store(make_upload("Prüfliste.txt", samples.txt_cp1252()), user=member)

    response = download(client, member, stored)

    assert response["Content-Type"] == "text/plain; charset=windows-1252"


def test_quote_in_name_does_not_break_header(client, member, media_root):
    with files_atomic() as files:
        stored = files.store(make_upload('Bericht "final".pdf', samples.pdf()), user=member)

    response = download(client, member, stored)

    assert response["Content-Disposition"] == "attachment; filename=\"Bericht 'final'.pdf\""


def test_nginx_backend_hands_over_to_nginx(client, member, report, settings):
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    settings.SENDFILE_URL = "/_geschuetzt"

    response = download(client, member, report)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_geschuetzt/{report.file.name}"
    assert response.content == b""
    assert "filename*=UTF-8''Pr%C3%BCfbericht" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_nginx_redirect_path_is_url_quoted(member, media_root, settings):
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    settings.SENDFILE_URL = "/_geschuetzt"
    with files_atomic() as files:
        stored = files.store(make_upload("Bericht.pdf", samples.pdf()), user=member)
    # Generated names are plain ASCII; a legacy name with a space must still reach nginx encoded.
    target = media_root / "dokumente" / "alt" / "mit leerzeichen.pdf"
    target.parent.mkdir(parents=True)
    target.write_bytes(samples.pdf())
    stored.file.name = "dokumente/alt/mit leerzeichen.pdf"

    response = file_response(RequestFactory().get("/"), stored, bereich="", target="")

    assert response["X-Accel-Redirect"] == "/_geschuetzt/dokumente/alt/mit%20leerzeichen.pdf"


def test_missing_file_is_404_and_logged(member, report, caplog):
    report.file.storage.delete(report.file.name)

    with caplog.at_level(logging.ERROR, logger="dokumente.downloads"), pytest.raises(Http404):
        file_response(RequestFactory().get("/"), report, bereich="", target="")

    assert "fehlt" in caplog.text
    assert str(report.pk) in caplog.text
