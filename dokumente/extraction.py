"""Reading the text inside stored files, for the search (run in the background: see `tasks.py`).

The upload checks (`validators.py`) already made sure that a file's content matches its
extension, so `extract()` dispatches on the extension alone. It never raises: whatever goes
wrong becomes a `Result` with status FAILED and a German message for the editors, because a
file whose text cannot be read must still be stored, downloadable and findable by its title
and description.

Defences against hostile files: XML is parsed without entity resolution, network access or
lxml's "huge tree" mode; no ZIP member is decompressed beyond `MAX_MEMBER_BYTES` and no file
beyond `MAX_TOTAL_BYTES` in all (zipfile itself never returns more than the size a member
declares, so checking the directory first refuses most bombs without unpacking anything);
and the stored text is capped at `settings.SIKO_SEARCH_TEXT_MAX_CHARS`. Reading stops as soon
as enough text for the cap is collected. A PDF is read page by page for at most
`settings.SIKO_EXTRACTION_SECONDS`; what was read by then is kept, and the editors are told. A
single pathological page can still take long: pypdf has no time limit of its own (it does limit
decompression).
"""

from __future__ import annotations

import codecs
import logging
import posixpath
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from time import monotonic
from typing import IO

from django.conf import settings
from django.utils import timezone
from lxml import etree

from .models import StoredFile, TextStatus
from .signals import text_extracted

logger = logging.getLogger(__name__)

# A single part of an office document (one worksheet, the text of an ODF document) rarely
# unpacks to more than a few MB; all parts of one file together stay far below the total.
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024

MESSAGE_PDF_ENCRYPTED = "Die PDF-Datei ist verschlüsselt; ihr Text kann nicht durchsucht werden."
MESSAGE_PDF_DAMAGED = "Die PDF-Datei ist beschädigt; ihr Text kann nicht durchsucht werden."
MESSAGE_PDF_SOME_PAGES = "Der Text einzelner Seiten der PDF-Datei konnte nicht ausgelesen werden."
MESSAGE_PDF_SLOW = (
    "Das Auslesen der PDF-Datei dauerte zu lange und wurde nach Seite {read} von {total} beendet; "
    "durchsucht wird der Text bis dorthin."
)
MESSAGE_DAMAGED = "Die Datei ist beschädigt; ihr Text kann nicht durchsucht werden."
MESSAGE_NO_TEXT = (
    "Die Datei enthält keinen erkennbaren Text (z. B. ein eingescanntes Bild). "
    "Sie ist nur über Titel und Beschreibung auffindbar."
)
MESSAGE_IMAGE = "Bilder werden nicht nach Text durchsucht. Die Datei ist nur über Titel und Beschreibung auffindbar."
MESSAGE_OTHER_KIND = "Dateien dieses Typs werden nicht nach Text durchsucht."
MESSAGE_TOO_LARGE = (
    "Die Datei ist entpackt zu groß, um ihren Text auszulesen. Sie ist nur über Titel und Beschreibung auffindbar."
)
MESSAGE_MISSING = "Die Datei fehlt im Speicher; ihr Text kann nicht ausgelesen werden."
MESSAGE_UNREADABLE = "Der Text der Datei konnte nicht ausgelesen werden."


def max_chars() -> int:
    return settings.SIKO_SEARCH_TEXT_MAX_CHARS


def truncated_message(limit: int) -> str:
    return f"Der Text ist sehr lang; durchsucht werden nur die ersten {limit:,} Zeichen.".replace(",", ".")


@dataclass(frozen=True)
class Result:
    status: TextStatus
    text: str = ""
    error: str = ""


class _TextBuffer:
    """Collects text until there is more than the cap could keep (so huge files are not read to the end).

    Raw text may shrink a lot when whitespace is collapsed, hence the generous margin.
    """

    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.budget = 2 * limit + 1024
        self.overflowed = False

    @property
    def full(self) -> bool:
        return self.size >= self.budget

    def add(self, text: str | None) -> None:
        if not text or self.full:
            return
        text = text[: self.budget - self.size]
        self.parts.append(text)
        self.size += len(text)
        self.overflowed = self.full

    def add_lines(self, lines: Iterable[str]) -> None:
        for line in lines:
            if self.full:
                return
            self.add(line + "\n")

    @property
    def text(self) -> str:
        return "".join(self.parts)


# --- Normalising --------------------------------------------------------------------------

_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n\n", "\u2028": "\n", "\u2029": "\n\n"})
# Control characters (C0 except tab and line feed, DEL, C1), lone surrogates (PostgreSQL refuses
# them), soft hyphens, zero-width characters and byte order marks.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_WORD = re.compile(r"\w")


def normalise(text: str) -> str:
    """One space between words, line breaks kept, at most one blank line between paragraphs.

    NFKC turns ligatures (ﬁ) and decomposed umlauts (u + ¨, common in PDFs) into the letters
    people type, and no-break spaces into spaces.
    """
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _finish(buffer: _TextBuffer, *, error: str = "") -> Result:
    """Normalise and cap the collected text; a file without any word character has no text."""
    limit = max_chars()
    text = normalise(buffer.text)
    if not _WORD.search(text):
        return Result(TextStatus.NO_TEXT, "", error or MESSAGE_NO_TEXT)
    if buffer.overflowed or len(text) > limit:
        text = text[:limit]
        cut = max(text.rfind(" "), text.rfind("\n"))
        if cut > limit - 200:  # do not end in the middle of a word
            text = text[:cut]
        error = error or truncated_message(limit)
    return Result(TextStatus.DONE, text.rstrip(), error)


# --- PDF ----------------------------------------------------------------------------------


def _pdf(handle: IO[bytes], buffer: _TextBuffer) -> Result:
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
        return _finish(buffer, error=MESSAGE_PDF_SLOW.format(read=stopped_after, total=page_count))
    return _finish(buffer, error=MESSAGE_PDF_SOME_PAGES if failed_pages else "")


# --- ZIP containers (OOXML and OpenDocument) ---------------------------------------------


class _TooLarge(Exception):
    pass


class _LimitedReader:
    """A ZIP member as lxml reads it, refusing to deliver more than `limit` bytes."""

    def __init__(self, handle: IO[bytes], limit: int, budget: Counter) -> None:
        self.handle = handle
        self.limit = limit
        self.budget = budget

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size if size is not None and size >= 0 else self.limit + 1)
        self.budget["read"] += len(data)
        self.limit -= len(data)
        if self.limit < 0 or self.budget["read"] > MAX_TOTAL_BYTES:
            raise _TooLarge
        return data


def _check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse before unpacking anything: the declared sizes are what zipfile will deliver at most."""
    infos = archive.infolist()
    if any(info.file_size > MAX_MEMBER_BYTES for info in infos if info.filename.endswith(".xml")):
        raise _TooLarge
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise _TooLarge


def _iterparse(archive: zipfile.ZipFile, name: str, budget: Counter, tags, events=("end",)):
    """(event, element) of a ZIP member, parsed incrementally with a hardened parser."""
    if name not in archive.NameToInfo:
        raise zipfile.BadZipFile(f"{name} fehlt")
    with archive.open(name) as member:
        source = _LimitedReader(member, MAX_MEMBER_BYTES, budget)
        yield from etree.iterparse(
            source,
            events=events,
            tag=tags,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text_without(element, skip: set[str]) -> str:
    """The text of every <t> below `element`, except in subtrees whose local name is in `skip`."""
    parts = []

    def walk(node) -> None:
        for child in node:
            local = _local(child)
            if local == "t":
                parts.append(child.text or "")
            elif local and local not in skip:
                walk(child)

    walk(element)
    return "".join(parts)


def _drop_done(element) -> None:
    """Free what iterparse has built so far: the element's content and its finished predecessors."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _natural_key(name: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _zip_path(base: str, target: str) -> str:
    """A relationship target as ZIP member name (targets are relative to their part's folder)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base, target))


def _relationships(archive: zipfile.ZipFile, rels_name: str, budget: Counter) -> dict[str, str]:
    if rels_name not in archive.NameToInfo:
        return {}
    return {
        element.get("Id"): element.get("Target", "")
        for _event, element in _iterparse(archive, rels_name, budget, "{*}Relationship")
        if element.get("TargetMode") != "External"
    }


def _xlsx(archive: zipfile.ZipFile, buffer: _TextBuffer, budget: Counter) -> None:
    """Sheet names, the shared strings (most cell text) and inline/formula strings of every sheet."""
    for _event, sheet in _iterparse(archive, "xl/workbook.xml", budget, "{*}sheet"):
        buffer.add_lines([sheet.get("name", "")])
    if "xl/sharedStrings.xml" in archive.NameToInfo:
        for _event, item in _iterparse(archive, "xl/sharedStrings.xml", budget, "{*}si"):
            if buffer.full:
                return
            buffer.add_lines([_text_without(item, {"rPh"})])  # rPh: phonetic hints (Japanese)
            _drop_done(item)
    sheets = sorted(
        (name for name in archive.NameToInfo if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name)), key=_natural_key
    )
    for name in sheets:
        for _event, element in _iterparse(archive, name, budget, ("{*}c", "{*}row")):
            if buffer.full:
                return
            if _local(element) == "c":
                kind = element.get("t")
                if kind == "inlineStr":
                    buffer.add_lines([_text_without(element, {"rPh"})])
                elif kind == "str":  # the cached result of a formula that yields text
                    value = next((child.text for child in element if _local(child) == "v"), "")
                    buffer.add_lines([value or ""])
            else:
                _drop_done(element)


def _pptx_slides(archive: zipfile.ZipFile, budget: Counter) -> list[str]:
    """Slides in presentation order (sldIdLst), then any slide part the list does not name."""
    rels = _relationships(archive, "ppt/_rels/presentation.xml.rels", budget)
    ordered = []
    for _event, slide_id in _iterparse(archive, "ppt/presentation.xml", budget, "{*}sldId"):
        # r:id (namespaced) names the relationship; the plain id attribute is a number.
        relation = next(
            (value for key, value in slide_id.attrib.items() if key.startswith("{") and key.endswith("}id")), None
        )
        if relation in rels:
            ordered.append(_zip_path("ppt", rels[relation]))
    listed = set(ordered)
    rest = sorted(
        (name for name in archive.NameToInfo if re.fullmatch(r"ppt/slides/[^/]+\.xml", name) and name not in listed),
        key=_natural_key,
    )
    return [name for name in ordered if name in archive.NameToInfo] + rest


def _pptx(archive: zipfile.ZipFile, buffer: _TextBuffer, budget: Counter) -> None:
    for name in _pptx_slides(archive, budget):
        for _event, paragraph in _iterparse(archive, name, budget, "{*}p"):
            if buffer.full:
                return
            parts = []
            for node in paragraph.iter():
                if _local(node) == "t" and node.text:
                    parts.append(node.text)
                elif _local(node) == "br":
                    parts.append("\n")
            buffer.add_lines(["".join(parts)])
            _drop_done(paragraph)
        buffer.add("\n")


_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODF_PARAGRAPHS = {f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"}


def _odf_paragraph(element) -> str:
    """Text of a paragraph: spans and links inline, <text:s/> a space, tabs and line breaks kept;
    nested paragraphs (notes, frames) were read on their own already."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == f"{{{_ODF_TEXT}}}s":
            parts.append(" ")
        elif tag == f"{{{_ODF_TEXT}}}tab":
            parts.append("\t")
        elif tag == f"{{{_ODF_TEXT}}}line-break":
            parts.append("\n")
        elif tag and tag not in _ODF_PARAGRAPHS and tag != f"{{{_ODF_OFFICE}}}annotation":
            parts.append(_odf_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _odf(archive: zipfile.ZipFile, buffer: _TextBuffer, budget: Counter) -> None:
    """Text, spreadsheets and presentations alike: every paragraph of content.xml, sheet names too.
    Comments and the deleted text kept for tracked changes are not part of the document's text."""
    skipped = {f"{{{_ODF_OFFICE}}}annotation", f"{{{_ODF_TEXT}}}tracked-changes"}
    tags = (*_ODF_PARAGRAPHS, *skipped, f"{{{_ODF_TABLE}}}table", f"{{{_ODF_TABLE}}}table-row")
    depth = 0  # inside a skipped element
    for event, element in _iterparse(archive, "content.xml", budget, tags, events=("start", "end")):
        if buffer.full:
            return
        if element.tag in skipped:
            depth += 1 if event == "start" else -1
            continue
        local = _local(element)
        if event == "start":
            if local == "table" and element.get(f"{{{_ODF_TABLE}}}name") and not depth:
                buffer.add_lines([element.get(f"{{{_ODF_TABLE}}}name")])
            continue
        if local in {"p", "h"}:
            if not depth:
                buffer.add_lines([_odf_paragraph(element)])
            element.clear(keep_tail=True)  # not _drop_done: a paragraph may sit inside another one
        elif local == "table-row":
            _drop_done(element)


# --- DOCX (python-docx opens the package; the text is taken from its XML) -----------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_W_WRAPPERS = {f"{{{_W}}}{name}" for name in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo")}


def _docx_inline(element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == f"{{{_W}}}t":
            parts.append(child.text or "")
        elif tag in {f"{{{_W}}}tab", f"{{{_W}}}ptab"}:
            parts.append("\t")
        elif tag in {f"{{{_W}}}br", f"{{{_W}}}cr"}:
            parts.append("\n")
        elif tag == f"{{{_W}}}noBreakHyphen":
            parts.append("-")
        elif tag == f"{{{_W}}}txbxContent":  # a text box: its own paragraphs
            parts.append("\n" + "\n".join(_docx_blocks(child)) + "\n")
        elif tag and tag != _MC_FALLBACK:  # Fallback repeats the Choice for old readers
            _docx_inline(child, parts)


def _docx_children(element, tag: str) -> Iterator:
    """Children with this tag, looking through content controls and similar wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _W_WRAPPERS:
            yield from _docx_children(child, tag)


def _docx_blocks(container) -> Iterator[str]:
    """Paragraphs and tables in document order. A table row becomes one line, its cells separated
    by tabs; nested tables come out inside their cell. Merged cells are a single <w:tc> in the XML
    (continuations are empty), so merged text appears once – python-docx's `row.cells` would repeat it."""
    for child in container:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == f"{{{_W}}}p":
            parts: list[str] = []
            _docx_inline(child, parts)
            yield "".join(parts)
        elif tag == f"{{{_W}}}tbl":
            for row in _docx_children(child, f"{{{_W}}}tr"):
                cells = ["\n".join(_docx_blocks(cell)).strip() for cell in _docx_children(row, f"{{{_W}}}tc")]
                yield "\t".join(cell for cell in cells if cell)
        elif tag in _W_WRAPPERS or tag in {f"{{{_W}}}footnote", f"{{{_W}}}endnote", f"{{{_W}}}body"}:
            yield from _docx_blocks(child)


def _docx(handle: IO[bytes], buffer: _TextBuffer) -> Result:
    """Body, then headers, footers, footnotes and endnotes (each part once, however many sections use it)."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    with zipfile.ZipFile(handle) as archive:
        _check_sizes(archive)  # python-docx loads every part into memory
    handle.seek(0)
    document = docx.Document(handle)
    buffer.add_lines(_docx_blocks(document.element.body))
    wanted = {RT.HEADER, RT.FOOTER, RT.FOOTNOTES, RT.ENDNOTES}
    for relationship in document.part.rels.values():
        if buffer.full:
            break
        if relationship.is_external or relationship.reltype not in wanted:
            continue
        part = relationship.target_part
        root = getattr(part, "element", None)  # parts python-docx has no class for are plain bytes
        if root is None:
            root = etree.fromstring(part.blob, _SAFE_PARSER)
        buffer.add_lines(_docx_blocks(root))
    return _finish(buffer)


_SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
)


def _zipped(read: Callable[[zipfile.ZipFile, _TextBuffer, Counter], None]):
    def extract_zip(handle: IO[bytes], buffer: _TextBuffer) -> Result:
        with zipfile.ZipFile(handle) as archive:
            _check_sizes(archive)
            read(archive, buffer, Counter())
        return _finish(buffer)

    return extract_zip


# --- Plain text and images ----------------------------------------------------------------


def _plain_text(handle: IO[bytes], buffer: _TextBuffer) -> Result:
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
    return _finish(buffer)


def _image(handle: IO[bytes], buffer: _TextBuffer) -> Result:
    return Result(TextStatus.NO_TEXT, "", MESSAGE_IMAGE)


_EXTRACTORS: dict[str, Callable[[IO[bytes], _TextBuffer], Result]] = {
    "pdf": _pdf,
    "docx": _docx,
    "xlsx": _zipped(_xlsx),
    "pptx": _zipped(_pptx),
    "odt": _zipped(_odf),
    "ods": _zipped(_odf),
    "odp": _zipped(_odf),
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
            return extractor(handle, _TextBuffer(max_chars()))
    except _TooLarge:
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
