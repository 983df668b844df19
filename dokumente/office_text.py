"""The text of office documents: XLSX, PPTX and OpenDocument read from their ZIP container part
by part, DOCX through python-docx. No ZIP member is decompressed beyond `MAX_MEMBER_BYTES` and no
file beyond `MAX_TOTAL_BYTES` in all; XML is parsed without entities, network or huge trees."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from typing import IO

from lxml import etree

from .extracted_text import Result, TextBuffer, finish

# A single part of an office document (one worksheet, the text of an ODF document) rarely
# unpacks to more than a few MB; all parts of one file together stay far below the total.
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024

# --- ZIP containers (OOXML and OpenDocument) ---------------------------------------------


class TooLarge(Exception):
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
            raise TooLarge
        return data


def _check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse before unpacking anything: the declared sizes are what zipfile will deliver at most."""
    infos = archive.infolist()
    if any(info.file_size > MAX_MEMBER_BYTES for info in infos if info.filename.endswith(".xml")):
        raise TooLarge
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise TooLarge


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


def _xlsx(archive: zipfile.ZipFile, buffer: TextBuffer, budget: Counter) -> None:
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


def _pptx(archive: zipfile.ZipFile, buffer: TextBuffer, budget: Counter) -> None:
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


def _odf(archive: zipfile.ZipFile, buffer: TextBuffer, budget: Counter) -> None:
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


def _docx(handle: IO[bytes], buffer: TextBuffer) -> Result:
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
    return finish(buffer)


_SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
)


def _zipped(read: Callable[[zipfile.ZipFile, TextBuffer, Counter], None]):
    def extract_zip(handle: IO[bytes], buffer: TextBuffer) -> Result:
        with zipfile.ZipFile(handle) as archive:
            _check_sizes(archive)
            read(archive, buffer, Counter())
        return finish(buffer)

    return extract_zip


READERS: dict[str, Callable[[IO[bytes], TextBuffer], Result]] = {
    "docx": _docx,
    "xlsx": _zipped(_xlsx),
    "pptx": _zipped(_pptx),
    "odt": _zipped(_odf),
    "ods": _zipped(_odf),
    "odp": _zipped(_odf),
}
