"""Real PDF and DOCX files for demo data and tests.

The PDF is written by hand (no PDF library is a dependency): standard Helvetica with
WinAnsiEncoding, so German umlauts and ß are stored as single cp1252 bytes that every reader,
including pypdf's text extraction, maps back to Unicode.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Collection
from datetime import UTC, datetime

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 72
BODY_SIZE, BODY_LEADING = 11, 15
TITLE_SIZE, TITLE_LEADING = 16, 22

# Advance widths of Helvetica (per 1000 units of the font size), from the standard AFM metrics.
_ASCII_WIDTHS = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # space … /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0 … ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @ … O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # P … _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # ` … o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  # p … ~
]  # fmt: skip
_WIDTHS = {chr(32 + index): width for index, width in enumerate(_ASCII_WIDTHS)}
_WIDTHS.update({"Ä": 667, "Ö": 778, "Ü": 722, "ä": 556, "ö": 556, "ü": 556, "ß": 611, "é": 556, "§": 556})
_WIDTHS.update({"–": 556, "—": 1000, "„": 333, "“": 333, "”": 333, "‚": 222, "‘": 222, "’": 222, "€": 556})


def _text_width(text: str, size: float) -> float:
    return sum(_WIDTHS.get(char, 556) for char in text) * size / 1000


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces; a single over-long word is split hard."""
    lines: list[str] = []
    for raw_line in text.splitlines() or [""]:
        line = ""
        for word in raw_line.split():
            candidate = f"{line} {word}" if line else word
            if _text_width(candidate, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while _text_width(word, size) > width:
                cut = len(word)
                while cut > 1 and _text_width(word[:cut], size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _pdf_string(text: str) -> bytes:
    """A literal string in WinAnsiEncoding (characters outside cp1252 become '?')."""
    encoded = text.encode("cp1252", errors="replace")
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf_text_string(text: str) -> bytes:
    """A text string for metadata: UTF-16BE with byte order mark, as a hex string."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _layout(title: str, paragraphs: list[str]) -> list[list[tuple[str, str]]]:
    """Pages of (font, line) pairs; font is "F2" (bold title), "F1" (body) or "" (blank line)."""
    usable_width = PAGE_WIDTH - 2 * MARGIN
    lines: list[tuple[str, str]] = [("F2", line) for line in _wrap(title, TITLE_SIZE, usable_width)]
    for paragraph in paragraphs:
        lines.append(("", ""))
        lines.extend(("F1", line) for line in _wrap(paragraph, BODY_SIZE, usable_width))
    pages: list[list[tuple[str, str]]] = [[]]
    used = 0
    for font, line in lines:
        leading = TITLE_LEADING if font == "F2" else BODY_LEADING
        if used + leading > PAGE_HEIGHT - 2 * MARGIN:
            pages.append([])
            used = 0
            if font == "":
                continue  # no blank line at the top of a page
        pages[-1].append((font, line))
        used += leading
    return pages


def _content_stream(lines: list[tuple[str, str]]) -> bytes:
    parts = [b"BT", f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
    current_font = None
    for font, line in lines:
        leading = TITLE_LEADING if font == "F2" else BODY_LEADING
        parts.append(f"0 -{leading} Td".encode())
        if not font:
            continue
        if font != current_font:
            parts.append(f"/{font} {TITLE_SIZE if font == 'F2' else BODY_SIZE} Tf".encode())
            current_font = font
        parts.append(_pdf_string(line) + b" Tj")
    parts.append(b"ET")
    return b"\n".join(parts) + b"\n"


def pdf_bytes(title: str, paragraphs: list[str]) -> bytes:
    """A valid PDF 1.4 file: the title in bold, then each paragraph, wrapped, over as many pages as needed."""
    pages = _layout(title, paragraphs)
    # Object numbers: 1 catalog, 2 page tree, 3 body font, 4 title font, 5 info, then page + content pairs.
    first_page = 6
    page_ids = [first_page + 2 * index for index in range(len(pages))]
    created = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % pid for pid in page_ids) + b"] /Count %d >>" % len(pages),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        5: b"<< /Title "
        + _pdf_text_string(title)
        + b" /Producer (SiKo Ruhr Portal) /CreationDate ("
        + created.encode()
        + b") >>",
    }
    for page_id, lines in zip(page_ids, pages, strict=True):
        stream = _content_stream(lines)
        objects[page_id] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (
            PAGE_WIDTH,
            PAGE_HEIGHT,
        ) + b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream"

    return pdf_file(objects, info=5)


def pdf_file(objects: dict[int, bytes], *, info: int | None = None, compressed: Collection[int] = ()) -> bytes:
    """A PDF 1.4 file from numbered objects (1 must be the catalog; `info` the document info, if any),
    with a correct cross-reference table.

    `compressed` names objects to put into one Flate-compressed object stream (PDF 1.5), as most
    PDF producers do today; the file then gets a cross-reference stream instead of a table.
    """
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n" if compressed else b"%PDF-1.4\n")
    out.write(b"%\xe2\xe3\xcf\xd3\n")  # binary comment: marks the file as binary for transfer tools
    plain = {number: data for number, data in objects.items() if number not in compressed}
    in_stream = sorted(number for number in objects if number in compressed)
    stream_id = max(objects) + 1
    if in_stream:
        header = b" ".join(b"%d %d" % pair for pair in _positions(in_stream, objects))
        body = zlib.compress(header + b"\n" + b"\n".join(objects[number] for number in in_stream))
        plain[stream_id] = (
            b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(in_stream), len(header) + 1, len(body))
            + body
            + b"\nendstream"
        )
    offsets = {}
    for number in sorted(plain):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + plain[number] + b"\nendobj\n")
    xref_at = out.tell()
    info_ref = b" /Info %d 0 R" % info if info is not None else b""
    if not in_stream:
        size = max(objects) + 1
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for number in range(1, size):
            out.write(b"%010d 00000 n \n" % offsets[number])
        out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, info_ref, xref_at))
        return out.getvalue()
    # Cross-reference stream: per object 1 byte type, 4 bytes offset or stream number, 2 bytes index.
    xref_id = stream_id + 1
    offsets[xref_id] = xref_at
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    for number in range(1, xref_id + 1):
        if number in offsets:
            rows.append(struct.pack(">BIH", 1, offsets[number], 0))
        else:
            rows.append(struct.pack(">BIH", 2, stream_id, in_stream.index(number)))
    table = b"".join(rows)
    out.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R%s /Length %d >>\nstream\n"
        % (xref_id, xref_id + 1, info_ref, len(table))
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    )
    return out.getvalue()


def _positions(numbers: list[int], objects: dict[int, bytes]) -> list[tuple[int, int]]:
    """(object number, offset after the header) for each object of an object stream."""
    pairs, offset = [], 0
    for number in numbers:
        pairs.append((number, offset))
        offset += len(objects[number]) + 1  # the newline between objects
    return pairs


def docx_bytes(title: str, paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A Word document: the title as heading, the paragraphs, and optionally a table (first row = header)."""
    from docx import Document  # imported here: only demo data and tests need python-docx

    document = Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        columns = max(len(row) for row in table)
        grid = document.add_table(rows=len(table), cols=columns)
        grid.style = "Table Grid"
        for row_index, row in enumerate(table):
            for column, text in enumerate(row):
                cell = grid.cell(row_index, column)
                cell.text = text
                if row_index == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(title: str, rows: list[list[str]]) -> bytes:
    """An Excel workbook with one sheet named after `title` (cut to Excel's 31 characters); the
    first row is the header. Cells are inline strings, so no shared-strings part is needed."""
    from html import escape  # its entities (&amp; &lt; &gt; &quot; &#x27;) are valid XML as well

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    ooxml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheet_name = "".join(char for char in title if char not in "[]:*?/\\")[:31] or "Tabelle"

    def column(index: int) -> str:
        name = ""
        index += 1
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        return name

    header = ' s="1"'
    body = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{column(c)}{r}" t="inlineStr"{header if r == 1 else ""}>'
            f'<is><t xml:space="preserve">{escape(text, quote=False)}</t></is></c>'
            for c, text in enumerate(row)
        )
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{package}/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ooxml}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ooxml}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{ooxml}.styles+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{package}/relationships"><Relationship Id="rId1" '
        f'Type="{relations}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{relations}"><sheets>'
        f'<sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{relations}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{relations}/styles" Target="styles.xml"/></Relationships>',
        # Style 1: bold, for the header row.
        "xl/styles.xml": f'<styleSheet xmlns="{main}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/>'
        '</font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill>'
        '<patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/>'
        '<xf fontId="1" applyFont="1"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), head + xml)
    return out.getvalue()
