"""ZIP-based office formats (OOXML, OpenDocument) are inspected through the ZIP directory (entry
count and declared sizes) and two small parts ([Content_Types].xml or mimetype), never extracted:
zip bombs, encrypted and macro-carrying files are refused."""

from __future__ import annotations

import re
import zipfile

from django.core.exceptions import ValidationError

from .refusals import damaged, error, macro_error

ODF = "application/vnd.oasis.opendocument"
# ZIP containers: office documents have a few dozen to a few thousand entries and rarely unpack
# to more than a few hundred MB; anything beyond is treated as a zip bomb.
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_UNCOMPRESSED = 1024 * 1024 * 1024
_SMALL_PART = 1024 * 1024  # [Content_Types].xml and mimetype are tiny


def _zip_directory_entries(upload, size: int) -> int | None:
    """Entry count from the end-of-central-directory record, read before zipfile builds its list."""
    tail_length = min(size, 22 + 65535)
    upload.seek(size - tail_length)
    tail = upload.read(tail_length)
    upload.seek(0)
    position = tail.rfind(b"PK\x05\x06")
    if position < 0 or position + 22 > len(tail):
        return None
    return int.from_bytes(tail[position + 10 : position + 12], "little")


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > _SMALL_PART:
        raise zipfile.BadZipFile("part too large")
    with archive.open(info) as part:
        return part.read(_SMALL_PART + 1)[:_SMALL_PART]


_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"""(\w+)\s*=\s*["']([^"']*)["']""")
_OOXML_MAIN_PARTS = {
    "docx": ("/word/document.xml", b"wordprocessingml.document.main+xml"),
    "xlsx": ("/xl/workbook.xml", b"spreadsheetml.sheet.main+xml"),
    "pptx": ("/ppt/presentation.xml", b"presentationml.presentation.main+xml"),
}
_ODF_MIMETYPES = {f"{ODF}.text": "odt", f"{ODF}.spreadsheet": "ods", f"{ODF}.presentation": "odp"}
_ODF_LIBRARY_INDEXES = {"script-lc.xml", "script-lb.xml", "dialog-lc.xml", "dialog-lb.xml"}


def inspect_zip(upload, name: str, size: int) -> str:
    """The kind key of an OOXML/ODF document in a ZIP container, or "zip" for any other ZIP archive."""
    entries = _zip_directory_entries(upload, size)
    if entries is None:
        raise damaged(name)
    if entries >= MAX_ZIP_ENTRIES:
        raise error(
            f"Die Datei „{name}“ enthält ungewöhnlich viele Bestandteile und wird nicht angenommen.", "zip_bomb"
        )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) >= MAX_ZIP_ENTRIES or sum(info.file_size for info in infos) > MAX_ZIP_UNCOMPRESSED:
                raise error(
                    f"Die Datei „{name}“ würde entpackt ungewöhnlich groß und wird nicht angenommen.", "zip_bomb"
                )
            if any(info.flag_bits & 0x1 for info in infos):
                raise error(
                    f"Die Datei „{name}“ ist verschlüsselt oder passwortgeschützt und kann nicht geprüft werden. "
                    "Bitte laden Sie sie ohne Passwortschutz hoch.",
                    "encrypted",
                )
            by_name = {info.filename: info for info in infos}
            lower_names = {info.filename.lower() for info in infos}
            if any(entry.rsplit("/", 1)[-1] in {"vbaproject.bin", "vbaprojectsignature.bin"} for entry in lower_names):
                raise macro_error(name)
            if infos and infos[0].filename == "mimetype":
                mimetype = _read_part(archive, infos[0]).decode("ascii", errors="replace").strip()
                macros = [
                    entry
                    for entry in by_name
                    if (entry.startswith("Basic/") and entry.count("/") >= 2 and not entry.endswith("/"))
                    and entry.rsplit("/", 1)[-1] not in _ODF_LIBRARY_INDEXES
                    or (entry.startswith("Scripts/") and not entry.endswith("/"))
                ]
                if macros:
                    raise macro_error(name)
                return _ODF_MIMETYPES.get(mimetype, "odf-other")
            if "[Content_Types].xml" in by_name:
                content_types = _read_part(archive, by_name["[Content_Types].xml"])
                if b"macroenabled" in content_types.lower() or b"vbaproject" in content_types.lower():
                    raise macro_error(name)
                overrides = {}
                for match in _OVERRIDE.finditer(content_types):
                    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
                    overrides[attributes.get(b"PartName", b"").decode("utf-8", "replace")] = attributes.get(
                        b"ContentType", b""
                    )
                for key, (part, content_type) in _OOXML_MAIN_PARTS.items():
                    if part.lstrip("/") in by_name and overrides.get(part, b"").endswith(content_type):
                        return key
                return "ooxml-other"
            return "zip"
    except ValidationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError):
        raise damaged(name) from None
    finally:
        upload.seek(0)
