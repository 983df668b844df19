"""Serving stored files: always as a download, never rendered by the browser.

Cache-Control is "private, no-store": the files come from closed areas and are opened on shared
office computers; no browser or proxy cache should keep a copy. The cost (a repeated download
is fetched again) is small for documents.

Behind nginx (SENDFILE_BACKEND = "django_sendfile.backends.nginx") nginx passes only some of
our headers on with the file it serves for X-Accel-Redirect (Content-Type,
Content-Disposition, Cache-Control, Expires, Set-Cookie, Accept-Ranges); the internal location
must add `X-Content-Type-Options: nosniff` and the Content-Security-Policy itself
(see the README, "Betrieb").
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.http import Http404, HttpResponse
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


def file_response(request, stored: StoredFile, *, area: str, target: str, version: int | None = None) -> HttpResponse:
    """Permission already checked by the caller. attachment; umlaut-safe filename*=; correct
    Content-Type; nosniff; Cache-Control private; X-Accel-Redirect when the nginx backend is set.

    Every download is recorded in the audit log (who, which file, which version, when), and
    only once the file is there to serve: a file missing from storage is a 404, not a download.
    `area` ("<app>:<slug>") and `target` ("<app>.<model>:<pk>", the document or post) say where
    the file belongs, for the office's "who fetched this document" and the lead's area view.
    """
    try:
        path = Path(stored.file.path)
    except (ValueError, NotImplementedError):
        path = None
    if path is None or not path.is_file():
        logger.error("Datei fehlt im Speicher: StoredFile %s (%s)", stored.pk, stored.file.name)
        raise Http404("Die Datei ist nicht verfügbar.")
    try:
        response = sendfile(
            request,
            str(path),
            attachment=True,
            attachment_filename=download_name(stored),
            mimetype=stored.content_type,
        )
    except Http404:
        # The file exists, so SENDFILE_ROOT does not contain MEDIA_ROOT: a configuration error.
        logger.error("Datei %s liegt nicht unter SENDFILE_ROOT; bitte die Einstellungen prüfen", stored.file.name)
        raise
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PRIVATE_NO_STORE
    response["Content-Security-Policy"] = FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    audit_record(
        kind=AuditEvent.Kind.DOWNLOAD,
        actor=request_user(request),
        detail={"file": stored.pk, "name": stored.original_name[:200], "version": version},
        area=area,
        target=target,
    )
    return response
