"""Uploads on a storage without local paths (tests/object_storage.py: Django's InMemoryStorage and
an S3 bucket on a real moto server): storing, downloading, reading the text, refusing malware and
finding orphans all go through Django's storage API, never through a path on disk."""

from __future__ import annotations

import io
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory

from dokumente.downloads import file_response
from dokumente.extraction import extract_and_save
from dokumente.models import StoredFile, TextStatus
from dokumente.services import files_atomic
from partner.models import AuditEvent
from suche.index import suspended

from . import refused_samples, samples
from .conftest import make_upload

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.dokumente.urls")]
# Made once: the generated PDF carries its creation time.
PDF, TXT = samples.pdf(), samples.txt_cp1252()


@pytest.fixture(autouse=True)
def _no_search_index():
    with suspended():
        yield


def store(name: str, data: bytes, user=None) -> StoredFile:
    with files_atomic() as files:
        return files.store(make_upload(name, data), user=user)


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_upload_lands_in_the_storage_not_on_disk(object_storage, member, tmp_path, settings):
    stored = store("Prüfbericht Übersicht.pdf", PDF, user=member)

    assert object_storage() == [stored.file.name]
    assert stored.file.name.startswith("dokumente/")
    with default_storage.open(stored.file.name, "rb") as handle:
        assert handle.read() == PDF


@pytest.mark.parametrize("backend", ["django_sendfile.backends.simple", "django_sendfile.backends.nginx"])
def test_a_download_streams_from_the_storage_with_every_header(object_storage, client, member, settings, backend):
    """Streamed through the app (presigning off): the nginx backend's X-Accel-Redirect would point
    nginx at a path that does not exist, so it is never used for such a storage."""
    settings.SIKO_STORAGE_PRESIGNED_SECONDS = 0
    settings.SENDFILE_BACKEND = backend
    stored = store("Prüfbericht Übersicht.pdf", PDF, user=member)
    client.force_login(member)

    response = client.get(f"/test-datei/{stored.pk}/")

    assert response.status_code == 200
    assert "X-Accel-Redirect" not in response
    assert streamed(response) == PDF
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Prufbericht Ubersicht.pdf\"; filename*=UTF-8''Pr%C3%BCfbericht%20%C3%9Cbersicht.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DOWNLOAD, detail__file=stored.pk).count() == 1


def test_a_text_file_keeps_its_charset(object_storage, client, member, settings):
    settings.SIKO_STORAGE_PRESIGNED_SECONDS = 0
    stored = store("Prüfliste.txt", TXT, user=member)
    client.force_login(member)

    response = client.get(f"/test-datei/{stored.pk}/")

    assert response["Content-Type"] == "text/plain; charset=windows-1252"
    assert streamed(response) == TXT


def test_a_file_missing_from_the_storage_is_404_and_not_recorded(object_storage, member, caplog):
    stored = store("Bericht.pdf", PDF, user=member)
    default_storage.delete(stored.file.name)

    with pytest.raises(Http404):
        file_response(RequestFactory().get("/"), stored, bereich="", target="")

    assert "Datei fehlt im Speicher" in caplog.text
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.DOWNLOAD).exists()


def test_the_text_is_read_through_the_storage(object_storage, member):
    stored = store("Prüfbericht.pdf", PDF, user=member)

    extract_and_save(stored.pk)

    stored.refresh_from_db()
    assert stored.text_status == TextStatus.DONE, stored.text_error
    assert "Glücksspielstaatsvertrag" in stored.text


def test_malware_leaves_no_row_and_no_object(object_storage, member):
    with pytest.raises(ValidationError), files_atomic() as files:
        files.store(make_upload("Bericht.pdf", PDF), user=member)
        files.store(make_upload("Hinweis.txt", refused_samples.eicar()), user=member)

    assert not StoredFile.objects.exists()
    assert object_storage() == []


def test_orphans_are_found_and_deleted_through_the_storage(object_storage, member):
    kept = store("Bericht.pdf", PDF, user=member)
    orphan = default_storage.save("dokumente/2024/01/verwaist.pdf", ContentFile(PDF))
    outside = default_storage.save("anderes/bleibt.txt", ContentFile(b"nicht unter dokumente/"))
    output = io.StringIO()

    call_command("dokumente_orphans", "--delete", stdout=output)  # the default 24 hours: too young
    assert "0 verwaiste Datei(en)." in output.getvalue()
    call_command("dokumente_orphans", "--delete", "--min-age-hours", "0", stdout=output)

    assert f"gelöscht: {orphan}" in output.getvalue()
    assert "1 verwaiste Datei(en)." in output.getvalue()
    assert object_storage() == sorted([kept.file.name, outside])


# --- S3: the presigned redirect ------------------------------------------------------------------


# InMemoryStorage can sign no URL: these run on the S3 server only.
only_s3 = pytest.mark.parametrize("object_storage", ["s3"], indirect=True)


@only_s3
def test_s3_download_redirects_to_a_short_lived_presigned_url(object_storage, client, member, settings):
    settings.SIKO_STORAGE_PRESIGNED_SECONDS = 45
    stored = store("Prüfbericht Übersicht.pdf", PDF, user=member)
    client.force_login(member)

    response = client.get(f"/test-datei/{stored.pk}/")

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    url = response["Location"]
    assert "X-Amz-Expires=45" in urlsplit(url).query
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DOWNLOAD, detail__file=stored.pk).count() == 1
    # The object store itself answers the browser, with the portal's headers.
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - the test's own S3 server
        assert answer.read() == PDF
        assert answer.headers["Content-Disposition"] == (
            "attachment; filename=\"Prufbericht Ubersicht.pdf\"; filename*=UTF-8''Pr%C3%BCfbericht%20%C3%9Cbersicht.pdf"
        )
        assert answer.headers["Content-Type"] == "application/pdf"
        assert answer.headers["Cache-Control"] == "private, no-store"


@only_s3
def test_s3_objects_are_private_without_a_signature(object_storage, member):
    stored = store("Bericht.pdf", PDF, user=member)
    plain = default_storage.url(stored.file.name).split("?")[0]

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(plain, timeout=10)  # noqa: S310 - the test's own S3 server
    assert refused.value.code == 403


@only_s3
def test_a_second_upload_of_the_same_name_never_overwrites(object_storage, member):
    first = default_storage.save("dokumente/2024/01/gleich.pdf", ContentFile(b"eins"))
    second = default_storage.save("dokumente/2024/01/gleich.pdf", ContentFile(b"zwei"))

    assert first != second
    assert default_storage.open(first).read() == b"eins"


def test_file_response_needs_no_request_path(object_storage, member, settings):
    """The helper the apps call, directly: no local path is asked for on any storage."""
    settings.SIKO_STORAGE_PRESIGNED_SECONDS = 0
    stored = store("Bericht.pdf", PDF, user=member)

    response = file_response(RequestFactory().get("/"), stored, bereich="", target="")

    assert streamed(response) == PDF
