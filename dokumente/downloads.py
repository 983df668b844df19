"""Serving stored files: always as a download, never rendered by the browser.

Cache-Control is "private, no-store": the files come from closed areas and are opened on shared
office computers; no browser or proxy cache should keep a copy. The cost (a repeated download
is fetched again) is small for documents.

Behind nginx (SENDFILE_BACKEND = "django_sendfile.backends.nginx") nginx passes only some of
our headers on with the file it serves for X-Accel-Redirect (Content-Type,
Content-Disposition, Cache-Control, Expires, Set-Cookie, Accept-Ranges); the internal location
must add `X-Content-Type-Options: nosniff` and the Content-Security-Policy itself
(see the README, "Betrieb").

Files are reached through Django's storage API only. A storage with local paths (the
FileSystemStorage) keeps X-Accel-Redirect; any other storage (S3-compatible object storage via
django-storages, Django's InMemoryStorage in tests) either redirects to a short-lived presigned URL
that carries our Content-Disposition, Content-Type and Cache-Control (when the storage can sign
one and SIKO_STORAGE_PRESIGNED_SECONDS > 0), or streams the file through the app server from
`storage.open()`.
"""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django_sendfile import sendfile

from common.actors import request_user
from common.caching import PRIVATE_NO_STORE
from partner.audit import audit_record
from partner.models import AuditEvent

from .models import StoredFile

logger = logging.getLogger(__name__)

FILE_CSP = "default-src 'none'; sandbox"


def download_name(stored: StoredFile) -> str:
    """The user's file name, made safe for Content-Disposition (django-sendfile2 would keep a
    backslash-escaped quote inside filename*=)."""
    name = stored.original_name.replace('"', "'").replace("\\", "_")
    return "".join(char for char in name if char.isprintable()) or f"datei.{stored.extension}"


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback and the UTF-8 name (filename*=), exactly as
    django-sendfile2 writes it for X-Accel downloads, so every storage sends the same header."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    header = f'attachment; filename="{ascii_name}"'
    if ascii_name != filename:
        header += f"; filename*=UTF-8''{quote(filename)}"
    return header


def presigned_url(storage, name: str, *, filename: str, content_type: str) -> str | None:
    """A URL valid for SIKO_STORAGE_PRESIGNED_SECONDS at which the object store itself answers with
    our headers; None when the storage cannot sign one (anything but django-storages' S3Storage with
    query-string authentication and no public custom domain) or presigning is switched off."""
    seconds = settings.SIKO_STORAGE_PRESIGNED_SECONDS
    if seconds <= 0 or not getattr(storage, "querystring_auth", False) or getattr(storage, "custom_domain", None):
        return None
    parameters = {
        "ResponseContentDisposition": content_disposition(filename),
        "ResponseContentType": content_type,
        "ResponseCacheControl": PRIVATE_NO_STORE,
    }
    return storage.url(name, parameters=parameters, expire=seconds)


def _local_path(stored: StoredFile) -> Path | None:
    """The file's path when it lies on the local disk (a FileSystemStorage); None for any other
    storage. Not `.path` alone: object storages raise there, but InMemoryStorage answers with a
    path at which nothing exists."""
    if not isinstance(stored.file.storage, FileSystemStorage):  # default_storage's proxy answers too
        return None
    return Path(stored.file.path)


def _missing(stored: StoredFile):
    logger.error("Datei fehlt im Speicher: StoredFile %s (%s)", stored.pk, stored.file.name)
    return Http404("Die Datei ist nicht verfügbar.")


def _sendfile_response(request, stored: StoredFile, path: Path, filename: str) -> HttpResponse:
    """Local disk: django-sendfile2 (X-Accel-Redirect behind nginx, streamed in development)."""
    if not path.is_file():
        raise _missing(stored)
    try:
        return sendfile(
            request,
            str(path),
            attachment=True,
            attachment_filename=filename,
            mimetype=stored.content_type,
        )
    except Http404:
        # The file exists, so SENDFILE_ROOT does not contain MEDIA_ROOT: a configuration error.
        logger.error("Datei %s liegt nicht unter SENDFILE_ROOT; bitte die Einstellungen prüfen", stored.file.name)
        raise


def _storage_response(stored: StoredFile, filename: str) -> HttpResponse:
    """Any other storage: a redirect to a presigned URL, or the file streamed from storage.open()."""
    storage, name = stored.file.storage, stored.file.name
    if not storage.exists(name):
        raise _missing(stored)
    url = presigned_url(storage, name, filename=filename, content_type=stored.content_type)
    if url is not None:
        response = HttpResponseRedirect(url)
        # The object store's logs learn nothing of the portal page the user came from (its path
        # names the area): no Referer on the redirected request.
        response["Referrer-Policy"] = "no-referrer"
        return response
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        raise _missing(stored) from None
    response = FileResponse(handle, content_type=stored.content_type)
    response["Content-Disposition"] = content_disposition(filename)
    if not response.has_header("Content-Length"):
        response["Content-Length"] = str(stored.size)
    return response


def file_response(
    request, stored: StoredFile, *, bereich: str, target: str, version: int | None = None, prefix: str = ""
) -> HttpResponse:
    """Permission already checked by the caller. attachment; umlaut-safe filename*=; correct
    Content-Type; nosniff; Cache-Control private; X-Accel-Redirect when the nginx backend is set
    and the storage is local (see the module docstring for other storages).

    Every download is recorded in the audit log (who, which file, which version, when), and
    only once the file is there to serve: a file missing from storage is a 404, not a download.
    `bereich` ("<app>:<slug>") and `target` ("<app>.<model>:<pk>", the document or post) say where
    the file belongs, for the office's "who fetched this document" and the lead's area view.
    `prefix` goes before the file's name ("VS-NfD_lagebild.pdf": a handling note the file carries).
    """
    if not stored.file.name:
        raise _missing(stored)
    path = _local_path(stored)
    filename = download_name(stored)
    if prefix:
        filename = f"{prefix}_{filename}"
    response = (
        _sendfile_response(request, stored, path, filename) if path is not None else _storage_response(stored, filename)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PRIVATE_NO_STORE
    response["Content-Security-Policy"] = FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    audit_record(
        kind=AuditEvent.Kind.DOWNLOAD,
        actor=request_user(request),
        detail={"file": stored.pk, "name": stored.original_name[:200], "version": version},
        bereich=bereich,
        target=target,
    )
    return response
