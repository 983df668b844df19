"""Reading the text inside stored files, for the search (run in the background: see `tasks.py`).

The upload checks (`validators.py`) already made sure that a file's content matches its
extension, so `extract()` dispatches on the extension alone. It never raises: whatever goes
wrong becomes a `Result` with status FAILED and a German message for the editors, because a
file whose text cannot be read must still be stored, downloadable and findable by its title
and description.

Defences against hostile files: XML is parsed without entity resolution, network access or
lxml's "huge tree" mode; no ZIP member is decompressed beyond `office_text.MAX_MEMBER_BYTES` and
no file beyond `office_text.MAX_TOTAL_BYTES` in all (zipfile itself never returns more than the
size a member declares, so checking the directory first refuses most bombs without unpacking
anything); and the stored text is capped at `settings.SIKO_SEARCH_TEXT_MAX_CHARS`. Reading stops as soon
as enough text for the cap is collected. A PDF is read page by page for at most
`settings.SIKO_EXTRACTION_SECONDS`; what was read by then is kept, and the editors are told. A
single pathological page can still take long: pypdf has no time limit of its own (it does limit
decompression).
"""

from __future__ import annotations

import codecs
import logging
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from time import monotonic
from typing import IO

from django.conf import settings
from django.utils import timezone
from lxml import etree

from . import office_text
from .extracted_text import (
    MESSAGE_DAMAGED,
    MESSAGE_IMAGE,
    MESSAGE_MISSING,
    MESSAGE_OTHER_KIND,
    MESSAGE_PDF_DAMAGED,
    MESSAGE_PDF_ENCRYPTED,
    MESSAGE_PDF_SLOW,
    MESSAGE_PDF_SOME_PAGES,
    MESSAGE_TOO_LARGE,
    MESSAGE_UNREADABLE,
    Result,
    TextBuffer,
    finish,
    max_chars,
)
from .models import StoredFile, TextStatus
from .signals import text_extracted

logger = logging.getLogger(__name__)

# --- PDF ----------------------------------------------------------------------------------


def _pdf(handle: IO[bytes], buffer: TextBuffer) -> Result:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    damaged = (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, zlib.error, RecursionError)
    try:
        reader = PdfReader(handle, strict=False)
        if reader.is_encrypted:
            # Many "protected" PDFs only restrict printing or copying and open with an empty password.
            try:
                opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
            except (DependencyError, NotImplementedError, *damaged):
                opened = False
            if not opened:
                return Result(TextStatus.FAILED, "", MESSAGE_PDF_ENCRYPTED)
        pages = reader.pages
        page_count = len(pages)
    except FileNotDecryptedError:
        return Result(TextStatus.FAILED, "", MESSAGE_PDF_ENCRYPTED)
    except damaged as error:
        logger.warning("PDF nicht lesbar (%s: %s)", type(error).__name__, error)
        return Result(TextStatus.FAILED, "", MESSAGE_PDF_DAMAGED)

    failed_pages, stopped_after = 0, None
    deadline = monotonic() + settings.SIKO_EXTRACTION_SECONDS
    for number in range(page_count):
        if buffer.full:
            break
        if number and monotonic() > deadline:
            stopped_after = number
            break
        try:
            buffer.add(pages[number].extract_text())
        except damaged as error:
            failed_pages += 1
            logger.warning("PDF-Seite %s nicht lesbar (%s: %s)", number + 1, type(error).__name__, error)
        buffer.add("\n\n")
    if failed_pages and failed_pages == page_count:
        return Result(TextStatus.FAILED, "", MESSAGE_PDF_DAMAGED)
    if stopped_after is not None:
        return finish(buffer, error=MESSAGE_PDF_SLOW.format(read=stopped_after, total=page_count))
    return finish(buffer, error=MESSAGE_PDF_SOME_PAGES if failed_pages else "")


# --- Plain text and images ----------------------------------------------------------------


def _plain_text(handle: IO[bytes], buffer: TextBuffer) -> Result:
    """UTF-8 (with or without byte order mark), else Windows-1252, as the upload check decided.
    Reads no more bytes than the cap can use (4 per character at most)."""
    data = handle.read(buffer.budget * 4)
    more = bool(handle.read(1))
    try:
        # Not final if the file goes on: the cut may split a character.
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=not more)
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    buffer.add(text)
    buffer.overflowed = buffer.overflowed or more
    return finish(buffer)


def _image(handle: IO[bytes], buffer: TextBuffer) -> Result:
    return Result(TextStatus.NO_TEXT, "", MESSAGE_IMAGE)


_EXTRACTORS: dict[str, Callable[[IO[bytes], TextBuffer], Result]] = {
    "pdf": _pdf,
    **office_text.READERS,
    "txt": _plain_text,
    "csv": _plain_text,
    "png": _image,
    "jpg": _image,
    "jpeg": _image,
}


def extract(stored: StoredFile) -> Result:
    """The text of a stored file and how far it could be read. Never raises."""
    extractor = _EXTRACTORS.get(stored.extension)
    if extractor is None:
        return Result(TextStatus.NO_TEXT, "", MESSAGE_OTHER_KIND)
    if not stored.file.name:
        return Result(TextStatus.FAILED, "", MESSAGE_MISSING)
    try:
        handle = stored.file.storage.open(stored.file.name, "rb")
    except FileNotFoundError:
        logger.error("Datei fehlt im Speicher: StoredFile %s (%s)", stored.pk, stored.file.name)
        return Result(TextStatus.FAILED, "", MESSAGE_MISSING)
    except Exception:
        logger.exception("Datei %s (StoredFile %s) konnte nicht geöffnet werden", stored.file.name, stored.pk)
        return Result(TextStatus.FAILED, "", MESSAGE_UNREADABLE)
    try:
        with handle:
            return extractor(handle, TextBuffer(max_chars()))
    except office_text.TooLarge:
        return Result(TextStatus.FAILED, "", MESSAGE_TOO_LARGE)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, etree.XMLSyntaxError, EOFError, zlib.error) as error:
        logger.warning("Datei %s (StoredFile %s) ist beschädigt: %s", stored.file.name, stored.pk, error)
        return Result(TextStatus.FAILED, "", MESSAGE_DAMAGED)
    except Exception:
        logger.exception("Text der Datei %s (StoredFile %s) nicht lesbar", stored.file.name, stored.pk)
        return Result(TextStatus.FAILED, "", MESSAGE_UNREADABLE)


# --- Saving -------------------------------------------------------------------------------


def extract_and_save(file_id: int) -> StoredFile | None:
    """Read one file's text and store it; None if the row is gone (deleted before or while reading).

    The (possibly slow) reading happens outside any transaction; the update touches only the
    text fields, so a concurrent change of other fields is not overwritten. Listeners of
    `text_extracted` (the search index) then pick the new text up; their failure is logged and
    does not undo the saved text (`manage.py search_reindex` rebuilds the index).
    """
    stored = StoredFile.objects.filter(pk=file_id).first()
    if stored is None:
        return None
    result = extract(stored)
    fields = {
        "text": result.text,
        "text_status": result.status,
        "text_error": result.error[: StoredFile._meta.get_field("text_error").max_length],
        "text_extracted_at": timezone.now(),
    }
    for name, value in fields.items():
        setattr(stored, name, value)
    if not StoredFile.objects.filter(pk=file_id).update(**fields):
        return None
    for receiver, response in text_extracted.send_robust(sender=StoredFile, file_ids=[stored.pk]):
        if isinstance(response, Exception):
            logger.error(
                "Empfänger %r von text_extracted schlug fehl (StoredFile %s)",
                receiver,
                stored.pk,
                exc_info=response,
            )
    return stored


def extract_files(file_ids: Iterable[int]) -> Counter:
    """Extract each file in turn; counts per resulting status (the values of TextStatus), "missing" for gone rows."""
    counts: Counter = Counter()
    for file_id in file_ids:
        stored = extract_and_save(file_id)
        counts[stored.text_status if stored else "missing"] += 1
    return counts


def pending_ids(*, include_failed: bool = False, everything: bool = False, limit: int | None = None) -> list[int]:
    files = StoredFile.objects.all()
    if not everything:
        statuses = [TextStatus.PENDING, TextStatus.FAILED] if include_failed else [TextStatus.PENDING]
        files = files.filter(text_status__in=statuses)
    ids = files.order_by("pk").values_list("pk", flat=True)
    return list(ids[:limit] if limit is not None else ids)


def extract_pending(*, limit: int | None = None, include_failed: bool = False) -> int:
    """Extract every file still waiting (e.g. its task was never enqueued), and with
    include_failed the failed ones again; returns how many were processed."""
    return sum(extract_files(pending_ids(include_failed=include_failed, limit=limit)).values())
