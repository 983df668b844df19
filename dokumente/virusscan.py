"""Virus scan of uploads with ClamAV's daemon (clamd), over its socket with the INSTREAM command.

A small client of our own instead of a PyPI package: the protocol is a few lines (length-prefixed
chunks, a zero-length chunk, one reply line), and the `clamd` package on PyPI is unmaintained.

Fail closed: if clamd is not configured, not reachable, answers too slowly or answers something
unexpected, the upload is refused and an ERROR is logged. There is no setting that skips the scan.
"""

from __future__ import annotations

import logging
import socket
import struct

from django.conf import settings
from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

_CHUNK = 64 * 1024
MESSAGE_UNAVAILABLE = (
    "Die Virenprüfung ist derzeit nicht erreichbar, deshalb wurde die Datei „{name}“ nicht gespeichert. "
    "Bitte versuchen Sie es später erneut; besteht das Problem weiter, wenden Sie sich an die Geschäftsstelle."
)
MESSAGE_INFECTED = (
    "Die Datei „{name}“ enthält Schadsoftware ({signature}) und wurde nicht gespeichert. "
    "Bitte prüfen Sie Ihren Rechner und wenden Sie sich an Ihre IT."
)

MESSAGE_LIMITS = (
    "Die Datei „{name}“ ist zu groß oder zu tief verschachtelt, um sie vollständig auf Viren zu prüfen, "
    "und wurde nicht gespeichert. Bitte laden Sie die Inhalte einzeln oder verkleinert hoch."
)
# clamd with `AlertExceedsMax yes` reports what it could not look into under this name.
_LIMITS_PREFIX = "Heuristics.Limits.Exceeded"


class ScannerUnavailable(Exception):
    """clamd could not give a verdict (not configured, down, too slow, unexpected answer)."""


def _connect(address: str, timeout: float) -> socket.socket:
    """`/path/to/clamd.sock` (Unix socket) or `tcp://host:port`."""
    if address.startswith("tcp://"):
        host, _, port = address.removeprefix("tcp://").rpartition(":")
        return socket.create_connection((host.strip("[]"), int(port)), timeout=timeout)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(address)
    except BaseException:
        sock.close()
        raise
    return sock


def _reply(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\0") and len(data) < 4096:
        part = sock.recv(4096)
        if not part:
            break
        data += part
    return data.rstrip(b"\0").decode("utf-8", "replace").strip()


def ping(*, timeout: float | None = None) -> bool:
    """Whether clamd answers at SIKO_CLAMD_SOCKET (start-up and readiness checks; uploads rely on
    scan_stream). `timeout` defaults to SIKO_CLAMD_TIMEOUT."""
    if not settings.SIKO_CLAMD_SOCKET:
        return False
    try:
        with _connect(settings.SIKO_CLAMD_SOCKET, timeout or settings.SIKO_CLAMD_TIMEOUT) as sock:
            sock.sendall(b"zPING\0")
            return _reply(sock) == "PONG"
    except (OSError, ValueError):
        return False


def scan_stream(upload) -> str | None:
    """The signature name if clamd finds something in the upload, None if it is clean.

    Raises ScannerUnavailable when there is no verdict. The timeout applies to every single
    socket operation (connect, each send, the reply), i.e. clamd must keep making progress.
    """
    address = settings.SIKO_CLAMD_SOCKET
    if not address:
        raise ScannerUnavailable("SIKO_CLAMD_SOCKET ist nicht gesetzt")
    try:
        with _connect(address, settings.SIKO_CLAMD_TIMEOUT) as sock:
            sock.sendall(b"zINSTREAM\0")
            upload.seek(0)
            try:
                for chunk in iter(lambda: upload.read(_CHUNK), b""):
                    sock.sendall(struct.pack("!L", len(chunk)) + chunk)
                sock.sendall(struct.pack("!L", 0))
            except BrokenPipeError:
                pass  # clamd stops reading when a limit is exceeded; its reply says which
            answer = _reply(sock)
    except (OSError, ValueError) as error:  # socket.timeout is an OSError
        raise ScannerUnavailable(f"{type(error).__name__}: {error}") from error
    finally:
        upload.seek(0)
    # Replies: "stream: OK", "stream: <signature> FOUND", "<reason> ERROR" (e.g. size limit exceeded).
    if answer.endswith(" FOUND"):
        return answer.removeprefix("stream:").removesuffix(" FOUND").strip() or "unbekannt"
    if answer == "stream: OK":
        return None
    raise ScannerUnavailable(f"unerwartete Antwort von clamd: {answer!r}")


def check_upload(upload, name: str) -> None:
    """Raise ValidationError if clamd finds malware or cannot give a verdict."""
    try:
        signature = scan_stream(upload)
    except ScannerUnavailable as error:
        logger.error(
            "Virenprüfung nicht möglich, Upload „%s“ abgelehnt (clamd %s): %s",
            name,
            settings.SIKO_CLAMD_SOCKET or "nicht konfiguriert",
            error,
        )
        raise ValidationError(MESSAGE_UNAVAILABLE.format(name=name), code="scan_unavailable") from None
    if signature and signature.startswith(_LIMITS_PREFIX):
        logger.warning("Upload „%s“ abgelehnt, clamd konnte ihn nicht vollständig prüfen: %s", name, signature)
        raise ValidationError(MESSAGE_LIMITS.format(name=name), code="scan_limits")
    if signature:
        logger.warning("Schadsoftware in Upload „%s“ erkannt: %s", name, signature)
        raise ValidationError(MESSAGE_INFECTED.format(name=name, signature=signature), code="infected")
