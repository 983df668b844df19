"""Upload checks: a file is accepted only if its name, its extension and its content agree, a PDF
has no active content (dokumente.pdfcheck) and the virus scanner finds nothing (dokumente.virusscan).

Only the first bytes are read to recognise a type; ZIP-based office formats are inspected
without extracting them (dokumente.zipcheck). Text files are decoded in chunks.
The cheap checks run first, so that the scanner only sees files that are otherwise acceptable.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from . import virusscan
from .pdfcheck import check_pdf
from .refusals import error
from .zipcheck import ODF, inspect_zip


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    extensions: tuple[str, ...]  # the first one is used for stored file names
    content_type: str

    @property
    def extension(self) -> str:
        return self.extensions[0]


_OOXML = "application/vnd.openxmlformats-officedocument"
KINDS: dict[str, FileKind] = {
    kind.key: kind
    for kind in (
        FileKind("pdf", "PDF", ("pdf",), "application/pdf"),
        FileKind("docx", "Word-Dokument", ("docx",), f"{_OOXML}.wordprocessingml.document"),
        FileKind("xlsx", "Excel-Tabelle", ("xlsx",), f"{_OOXML}.spreadsheetml.sheet"),
        FileKind("pptx", "PowerPoint-Präsentation", ("pptx",), f"{_OOXML}.presentationml.presentation"),
        FileKind("odt", "OpenDocument-Text", ("odt",), f"{ODF}.text"),
        FileKind("ods", "OpenDocument-Tabelle", ("ods",), f"{ODF}.spreadsheet"),
        FileKind("odp", "OpenDocument-Präsentation", ("odp",), f"{ODF}.presentation"),
        FileKind("txt", "Textdatei", ("txt",), "text/plain; charset=utf-8"),
        FileKind("csv", "CSV-Datei", ("csv",), "text/csv; charset=utf-8"),
        FileKind("png", "PNG-Bild", ("png",), "image/png"),
        FileKind("jpeg", "JPEG-Bild", ("jpg", "jpeg"), "image/jpeg"),
    )
}
KIND_BY_EXTENSION = {extension: kind for kind in KINDS.values() for extension in kind.extensions}
ALLOWED_EXTENSIONS = tuple(f".{extension}" for kind in KINDS.values() for extension in kind.extensions)
ALLOWED_LABEL = "PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, TXT, CSV, PNG und JPEG"

MAX_NAME_LENGTH = 200
_MACRO_EXTENSIONS = {"docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "pptm", "potm", "ppsm", "ppam", "sldm"}
_HTML_EXTENSIONS = {"html", "htm", "xhtml", "shtml", "mht", "mhtml", "hta"}
_SVG_EXTENSIONS = {"svg", "svgz"}
_XML_EXTENSIONS = {"xml", "xsl", "xslt", "xsd", "rss", "atom"}
_EXECUTABLE_EXTENSIONS = {
    "exe", "dll", "com", "scr", "cpl", "pif", "msi", "msp", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js",
    "jse", "mjs", "wsf", "wsh", "jar", "class", "sh", "bash", "zsh", "csh", "ksh", "py", "pyc", "pl", "php",
    "rb", "app", "apk", "deb", "rpm", "dmg", "pkg", "elf", "bin", "run", "so", "lnk", "reg", "inf", "gadget",
    "appimage", "msix", "appx",
}  # fmt: skip
_ARCHIVE_EXTENSIONS = {
    "zip", "7z", "rar", "tar", "gz", "tgz", "bz2", "tbz", "tbz2", "xz", "txz", "zst", "lz", "lzma", "lz4",
    "cab", "arj", "iso", "img", "z", "ace", "war", "ear",
}  # fmt: skip

_EXECUTABLE_MAGIC = (
    (b"MZ", "Windows-Programm"),
    (b"\x7fELF", "Linux-Programm"),
    (b"#!", "Skript"),
    (b"\xca\xfe\xba\xbe", "Programm"),
    (b"\xfe\xed\xfa\xce", "macOS-Programm"),
    (b"\xfe\xed\xfa\xcf", "macOS-Programm"),
    (b"\xce\xfa\xed\xfe", "macOS-Programm"),
    (b"\xcf\xfa\xed\xfe", "macOS-Programm"),
)
_ARCHIVE_MAGIC = (
    (b"7z\xbc\xaf\x27\x1c", "7z-Archiv"),
    (b"Rar!\x1a\x07", "RAR-Archiv"),
    (b"\x1f\x8b", "gzip-Archiv"),
    (b"BZh", "bzip2-Archiv"),
    (b"\xfd7zXZ\x00", "xz-Archiv"),
    (b"\x28\xb5\x2f\xfd", "zstd-Archiv"),
    (b"MSCF", "CAB-Archiv"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "altes oder verschlüsseltes Office-Format"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Markup at the start of a text file (after a byte order mark and white space).
_MARKUP_START = re.compile(
    rb"^<\s*(!doctype\s+html|html|head|body|script|iframe|svg|\?xml|!--|[a-z][\w:-]*[\s>/])", re.IGNORECASE
)


def max_label() -> str:
    """The upload limit as users read it, e.g. "20 MB"."""
    megabytes = settings.SIKO_UPLOAD_MAX_BYTES / (1024 * 1024)
    return f"{megabytes:g}".replace(".", ",") + " MB"


def check_filename(name: str) -> str:
    """The lower-case extension of an acceptable file name; raises ValidationError otherwise."""
    if not name or not name.strip():
        raise error("Die Datei hat keinen Namen. Bitte geben Sie der Datei einen Namen.", "filename_missing")
    if "/" in name or "\\" in name or name in {".", ".."} or name.startswith(".."):
        raise error(
            "Der Dateiname darf keine Pfadangaben (/, \\ oder ..) enthalten. Bitte benennen Sie die Datei um.",
            "filename_path",
        )
    if any(unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} for char in name):
        raise error(
            "Der Dateiname enthält Steuerzeichen oder unsichtbare Zeichen. Bitte benennen Sie die Datei um.",
            "filename_control",
        )
    if len(name) > MAX_NAME_LENGTH:
        raise error(
            f"Der Dateiname ist zu lang ({len(name)} Zeichen). Erlaubt sind höchstens {MAX_NAME_LENGTH} Zeichen.",
            "filename_too_long",
        )
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem.strip() or not extension.strip():
        raise error(
            f"Die Datei „{name}“ hat keine Dateiendung. Erlaubt sind {ALLOWED_LABEL}.",
            "extension_missing",
        )
    extension = extension.lower()
    if extension in _MACRO_EXTENSIONS:
        raise error(
            f"Dateien mit Makros (.{extension}) werden aus Sicherheitsgründen nicht angenommen. "
            "Bitte speichern Sie das Dokument ohne Makros, z. B. als .docx, .xlsx oder .pptx.",
            "macro",
        )
    if extension in _HTML_EXTENSIONS:
        raise error(
            "HTML-Dateien werden aus Sicherheitsgründen nicht angenommen. Bitte laden Sie z. B. ein PDF hoch.",
            "html",
        )
    if extension in _SVG_EXTENSIONS:
        raise error(
            "SVG-Grafiken werden aus Sicherheitsgründen nicht angenommen. "
            "Bitte laden Sie ein PNG- oder JPEG-Bild hoch.",
            "svg",
        )
    if extension in _XML_EXTENSIONS:
        raise error("XML-Dateien werden nicht angenommen. Erlaubt sind {allowed}.", "xml", allowed=ALLOWED_LABEL)
    if extension in _EXECUTABLE_EXTENSIONS:
        raise error(
            f"Programme und Skripte (.{extension}) werden aus Sicherheitsgründen nicht angenommen.", "executable"
        )
    if extension in _ARCHIVE_EXTENSIONS:
        raise error(
            f"Archive (.{extension}) werden nicht angenommen. Bitte laden Sie die enthaltenen Dokumente einzeln hoch.",
            "archive",
        )
    if extension not in KIND_BY_EXTENSION:
        raise error(
            f"Dateien mit der Endung .{extension} werden nicht angenommen. Erlaubt sind {ALLOWED_LABEL}.",
            "type_not_allowed",
        )
    return extension


def _size_of(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        position = upload.tell()
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(position)
    return size


def _read_head(upload, length: int = 8192) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _mismatch(name: str, extension: str, detected: str) -> ValidationError:
    expected = KIND_BY_EXTENSION[extension].label
    return error(
        f"Der Inhalt der Datei „{name}“ passt nicht zur Endung .{extension}: erwartet {expected}, "
        f"erkannt {detected}. Bitte prüfen Sie die Datei.",
        "mismatch",
    )


_DETECTED_LABELS = {
    "zip": "ZIP-Archiv",
    "odf-other": "anderes OpenDocument-Format",
    "ooxml-other": "anderes Office-Format",
    "unknown": "unbekanntes Format",
}


def _check_text(upload, name: str) -> str:
    """The encoding of a plain-text file (utf-8 or windows-1252); raises ValidationError otherwise."""
    head = _read_head(upload, 1024).removeprefix(codecs.BOM_UTF8).lstrip()
    if _MARKUP_START.match(head):
        raise error(
            f"Die Datei „{name}“ enthält HTML-, SVG- oder XML-Auszeichnung und wird aus Sicherheitsgründen "
            "nicht als Textdatei angenommen.",
            "html",
        )
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        upload.seek(0)
        try:
            for chunk in iter(lambda: upload.read(64 * 1024), b""):
                if b"\x00" in chunk:
                    raise error(
                        f"Die Datei „{name}“ enthält Binärdaten und ist keine Textdatei.",
                        "text_binary",
                    )
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        finally:
            upload.seek(0)
        return "utf-8" if encoding == "utf-8" else "windows-1252"
    raise error(
        f"Die Datei „{name}“ ist keine lesbare Textdatei (erwartet wird UTF-8 oder Windows-1252).",
        "text_encoding",
    )


def _detect(head: bytes) -> str | None:
    """The kind key for a recognised binary format, "zip" for ZIP containers, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    return None


# The verdict is kept on the upload object itself, with the name it was given for.
_PASSED = "_siko_upload_passed"


def validate_upload(upload) -> FileKind:
    """Check an uploaded file (name, extension, size, content, active PDF content, viruses) and
    return its kind. Every file the portal stores passes here (FileStore.store calls it again).

    The same upload object with the same name is checked once: the form field and then
    FileStore.store both ask, and a second clamd scan of up to SIKO_UPLOAD_MAX_MB would only
    double the wait, inside the transaction that stores the file.

    Raises ValidationError with a German message (and a distinct `code`) for every refusal.
    """
    passed = getattr(upload, _PASSED, None)
    if passed is not None and passed[0] == upload.name:
        return passed[1]
    kind = _check_kind(upload)
    name = upload.name
    if kind.key == "pdf":
        check_pdf(upload, name)
    virusscan.check_upload(upload, name)
    setattr(upload, _PASSED, (name, kind))
    return kind


def _check_kind(upload) -> FileKind:
    name = getattr(upload, "name", "") or ""
    extension = check_filename(name)
    size = _size_of(upload)
    if size == 0:
        raise error(f"Die Datei „{name}“ ist leer.", "empty")
    limit = settings.SIKO_UPLOAD_MAX_BYTES
    if size > limit:
        raise error(
            f"Die Datei „{name}“ ist zu groß ({filesizeformat(size)}). Erlaubt sind höchstens {max_label()} je Datei.",
            "too_large",
        )

    head = _read_head(upload)
    for magic, label in _EXECUTABLE_MAGIC:
        if head.startswith(magic):
            raise error(
                f"Die Datei „{name}“ ist ein {label}. Programme und Skripte werden aus Sicherheitsgründen "
                "nicht angenommen.",
                "executable",
            )
    for magic, label in _ARCHIVE_MAGIC:
        if head.startswith(magic):
            raise _mismatch(name, extension, label)
    if len(head) > 262 and head[257:262] == b"ustar":
        raise _mismatch(name, extension, "tar-Archiv")

    expected = KIND_BY_EXTENSION[extension]
    detected = _detect(head)
    if detected == "zip":
        detected = inspect_zip(upload, name, size)
    if detected is None and expected.key in {"txt", "csv"}:
        encoding = _check_text(upload, name)
        if encoding != "utf-8":
            return replace(expected, content_type=expected.content_type.replace("utf-8", encoding))
        return expected
    if detected != expected.key:
        label = KINDS[detected].label if detected in KINDS else _DETECTED_LABELS.get(detected or "unknown")
        if detected is None and _MARKUP_START.match(head.removeprefix(codecs.BOM_UTF8).lstrip()):
            label = "HTML/XML"
        raise _mismatch(name, extension, label)
    return expected
