"""PDFs with active content are refused: JavaScript, program launch, form submission, data import,
and automatic actions (catalog /OpenAction, /AA additional actions) other than a jump inside the
document.

Refused rather than neutralised: rewriting a PDF breaks its digital signatures (court decisions,
signed notices), and a stripper that misses one spot leaves a file that looks cleaned but is
not. Whoever has such a file can save it again without scripts ("Drucken als PDF").

Two passes, because each sees what the other cannot:
- pypdf reads every object of the cross-reference table, compressed object streams included;
- a scan of the raw bytes for the action names (with #xx escapes decoded) covers what pypdf skips
  or cannot read: objects missing from a damaged cross-reference table and the unencrypted
  dictionaries of a password-protected file.
A file whose object streams cannot be read (password or damage) cannot be checked and is refused.
"""

from __future__ import annotations

import logging
import re
import time

from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

# Action types that run code, start programs or send or load data; names as they appear in the file.
_ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "Programmstart (Launch)",
    "/SubmitForm": "Formularversand (SubmitForm)",
    "/ImportData": "Datenimport (ImportData)",
    "/RichMediaExecute": "Multimedia-Befehl (RichMediaExecute)",
}
# The only action a PDF may run by itself (on opening, on a page, on a field): a jump inside it.
_SAFE_AUTOMATIC = {"/GoTo"}
_RAW_NAMES = {"JS", *(name.lstrip("/") for name in _ACTIVE_ACTIONS)}
_RAW_NAME = re.compile(rb"/([A-Za-z#][A-Za-z0-9#]{0,40})")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_CHUNK = 1024 * 1024
# A PDF of millions of tiny objects would keep a web worker busy for minutes: beyond this many
# seconds of reading objects the file counts as not checkable and is refused.
CHECK_SECONDS = 20
_OVERLAP = 64  # a name split between two chunks is found in the next one


class _Active(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def _refuse(name: str, what: str) -> ValidationError:
    return ValidationError(
        f"Die PDF-Datei „{name}“ enthält aktive Inhalte ({what}) und wird aus Sicherheitsgründen nicht "
        "angenommen. Bitte speichern Sie das Dokument ohne Skripte und automatische Aktionen, z. B. mit "
        "„Drucken als PDF“, und laden Sie es erneut hoch.",
        code="pdf_active",
    )


def _too_complex(name: str) -> ValidationError:
    return ValidationError(
        f"Die PDF-Datei „{name}“ ist zu umfangreich aufgebaut, um sie in angemessener Zeit auf aktive Inhalte "
        "zu prüfen. Bitte speichern Sie sie neu (z. B. mit „Drucken als PDF“) oder teilen Sie sie auf.",
        code="pdf_unchecked",
    )


def _unreadable(name: str) -> ValidationError:
    return ValidationError(
        f"Die PDF-Datei „{name}“ ist verschlüsselt oder beschädigt und kann nicht auf aktive Inhalte "
        "(JavaScript, automatische Aktionen) geprüft werden. Bitte laden Sie sie ohne Passwortschutz hoch.",
        code="pdf_unchecked",
    )


def _raw_scan(upload) -> tuple[str | None, bool]:
    """(description of an active name found in the bytes or None, whether the file has object streams)."""
    upload.seek(0)
    tail = b""
    object_streams = False
    try:
        for chunk in iter(lambda: upload.read(_CHUNK), b""):
            data = tail + chunk
            object_streams = object_streams or b"/ObjStm" in data
            for match in _RAW_NAME.finditer(data):
                raw = match.group(1)
                if b"#" in raw:
                    raw = _HEX_ESCAPE.sub(lambda escape: bytes([int(escape.group(1), 16)]), raw)
                decoded = raw.decode("latin-1")
                if decoded in _RAW_NAMES:
                    return _ACTIVE_ACTIONS.get(f"/{decoded}", "JavaScript"), object_streams
            tail = data[-_OVERLAP:]
    finally:
        upload.seek(0)
    return None, object_streams


def _check_automatic(action, seen: set[int]) -> None:
    """An automatic action (and the chain of its /Next actions) may only jump inside the document."""
    action = action.get_object() if action is not None else None
    if not hasattr(action, "get") or id(action) in seen:
        return  # a destination array (open at page x) or nothing
    seen.add(id(action))
    kind = action.get("/S")
    if kind is not None and kind not in _SAFE_AUTOMATIC:
        raise _Active(_ACTIVE_ACTIONS.get(kind, f"automatisch ausgeführte Aktion {str(kind).lstrip('/')}"))
    follow = action.get("/Next")
    follow = follow.get_object() if follow is not None else None
    for item in follow if isinstance(follow, list) else [follow]:
        _check_automatic(item, seen)


def _check_dictionary(dictionary) -> None:
    if "/JS" in dictionary or "/JavaScript" in dictionary:
        raise _Active("JavaScript")
    kind = dictionary.get("/S")
    if kind in _ACTIVE_ACTIONS:
        raise _Active(_ACTIVE_ACTIONS[kind])
    if "/OpenAction" in dictionary:
        _check_automatic(dictionary["/OpenAction"], set())
    if "/AA" in dictionary:
        triggers = dictionary["/AA"].get_object()
        for trigger in triggers.values() if hasattr(triggers, "values") else []:
            _check_automatic(trigger, set())


def _walk(value, depth: int = 0) -> None:
    """Every dictionary written directly inside one object (indirect ones are visited on their own)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    if depth > 100:
        raise _Active("ungewöhnlich tief verschachtelte Struktur")
    if isinstance(value, DictionaryObject):
        _check_dictionary(value)
        children = value.values()
    elif isinstance(value, ArrayObject):
        children = value
    else:
        return
    for child in children:
        _walk(child, depth + 1)


def check_pdf(upload, name: str) -> None:
    """Raise ValidationError if the PDF contains active content or cannot be checked for it."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError
    from pypdf.generic import IndirectObject, NullObject

    found, object_streams = _raw_scan(upload)
    if found:
        raise _refuse(name, found)
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            # Strings and streams are unreadable without the password; the raw scan saw the
            # dictionaries – unless they sit in (encrypted) object streams.
            if object_streams:
                raise _unreadable(name)
            return
        numbers = {(number, generation) for generation, table in reader.xref.items() for number in table}
        numbers |= {(number, 0) for number in reader.xref_objStm}
        deadline = time.monotonic() + CHECK_SECONDS
        for number, generation in sorted(numbers):
            if time.monotonic() > deadline:
                raise _too_complex(name)
            try:
                value = reader.get_object(IndirectObject(number, generation, reader))
            except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError, AttributeError):
                if number in reader.xref_objStm:
                    raise _unreadable(name) from None
                continue  # an unreadable plain object: its bytes went through the raw scan
            if number in reader.xref_objStm and isinstance(value, (NullObject, type(None))):
                raise _unreadable(name)  # pypdf skipped a damaged object stream
            _walk(value)
        _walk(reader.trailer)
    except _Active as active:
        raise _refuse(name, active.what) from None
    except ValidationError:
        raise
    except Exception:
        # pypdf could not read the file's structure at all (damaged). Its plain objects went
        # through the raw scan; hidden object streams cannot be checked.
        logger.info("PDF „%s“ für die Prüfung auf aktive Inhalte nicht lesbar", name, exc_info=True)
        if object_streams:
            raise _unreadable(name) from None
    finally:
        upload.seek(0)
