"""Real sample files for the upload tests: one per accepted kind. Files whose text is hard to read
are in hard_samples.py, refused files in refused_samples.py, PDFs with active content in
pdf_samples.py.

Office packages are minimal but real ZIP containers with the parts a reader looks for first;
PDF and DOCX come from devtools.generate; PNG is built with zlib; the JPEG is a 16×16 baseline
JFIF image (CPython's imghdr test image).
"""

from __future__ import annotations

import base64
import io
import struct
import zipfile
import zlib

from devtools.generate import docx_bytes, pdf_bytes

_JPEG_B64 = (
    "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8Q"
    "EBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ"
    "EBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQID"
    "BAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/"
    "2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx"
    "4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+"
    "Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolv"
    "w4KOp1KM6iCNvngZHwetf//Z"
)

_OOXML_TYPES = "application/vnd.openxmlformats-officedocument"


def _zip(entries: list[tuple[str, bytes | str]], *, store_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            compress = zipfile.ZIP_STORED if store_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 5, 1, 12, 0, 0)), data, compress_type=compress)
    return out.getvalue()


def _content_types(main_part: str, main_type: str, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="{main_part}" ContentType="{main_type}"/>{extra}</Types>'
    )


def _root_rels(main_part: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'officeDocument" Target="{main_part.lstrip("/")}"/></Relationships>'
    )


def pdf() -> bytes:
    return pdf_bytes("Prüfbericht Spielhallen", ["Der Glücksspielstaatsvertrag gilt für alle Spielhallen in Essen."])


def docx() -> bytes:
    return docx_bytes(
        "Muster Anhörung", ["Sehr geehrte Damen und Herren, …"], [["Frist", "Maßnahme"], ["14 Tage", "Prüfung"]]
    )


def xlsx() -> bytes:
    sheet_type = f"{_OOXML_TYPES}.spreadsheetml.worksheet+xml"
    return _zip(
        [
            (
                "[Content_Types].xml",
                _content_types(
                    "/xl/workbook.xml",
                    f"{_OOXML_TYPES}.spreadsheetml.sheet.main+xml",
                    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sheet_type}"/>',
                ),
            ),
            ("_rels/.rels", _root_rels("/xl/workbook.xml")),
            (
                "xl/workbook.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="Kontrollen" sheetId="1" r:id="rId1"/></sheets></workbook>',
            ),
            (
                "xl/_rels/workbook.xml.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            ),
            (
                "xl/worksheets/sheet1.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                '<row r="1"><c r="A1" t="inlineStr"><is><t>Größe der Spielhalle</t></is></c></row>'
                "</sheetData></worksheet>",
            ),
        ]
    )


def _slide(*paragraphs: str) -> str:
    runs = "".join(f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p>" for text in paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>'
        f"<p:sp><p:txBody><a:bodyPr/>{runs}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
    )


def pptx() -> bytes:
    """Two slides; the presentation lists slide2.xml first, so that is the first slide shown."""
    slide_type = f"{_OOXML_TYPES}.presentationml.slide+xml"
    relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
    return _zip(
        [
            (
                "[Content_Types].xml",
                _content_types(
                    "/ppt/presentation.xml",
                    f"{_OOXML_TYPES}.presentationml.presentation.main+xml",
                    f'<Override PartName="/ppt/slides/slide1.xml" ContentType="{slide_type}"/>'
                    f'<Override PartName="/ppt/slides/slide2.xml" ContentType="{slide_type}"/>',
                ),
            ),
            ("_rels/.rels", _root_rels("/ppt/presentation.xml")),
            (
                "ppt/presentation.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/></p:sldIdLst>'
                '<p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>',
            ),
            (
                "ppt/_rels/presentation.xml.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId2" Type="{relationship}" Target="slides/slide1.xml"/>'
                f'<Relationship Id="rId3" Type="{relationship}" Target="slides/slide2.xml"/></Relationships>',
            ),
            ("ppt/slides/slide1.xml", _slide("Maßnahmen gegen Spielsucht", "Beratungsstellen im Ruhrgebiet")),
            ("ppt/slides/slide2.xml", _slide("Vortrag Prävention", "Jugendschutz in Spielhallen")),
        ]
    )


def _odf(kind: str, body: str) -> bytes:
    mimetype = f"application/vnd.oasis.opendocument.{kind}"
    return _zip(
        [
            ("mimetype", mimetype),
            (
                "META-INF/manifest.xml",
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>",
            ),
            (
                "content.xml",
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">'
                f"<office:body>{body}</office:body></office:document-content>",
            ),
        ],
        store_first=True,
    )


def odt() -> bytes:
    return _odf("text", "<office:text><text:p>Übersicht der Maßnahmen</text:p></office:text>")


def ods() -> bytes:
    return _odf(
        "spreadsheet",
        '<office:spreadsheet><table:table table:name="Tabelle1"><table:table-row><table:table-cell>'
        "<text:p>Größe</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>",
    )


def odp() -> bytes:
    return _odf(
        "presentation",
        '<office:presentation><draw:page draw:name="Folie 1"><draw:frame><draw:text-box>'
        "<text:p>Prävention</text:p></draw:text-box></draw:frame></draw:page></office:presentation>",
    )


def txt() -> bytes:
    return "Hinweise zur Glücksspielaufsicht\nÄnderungen: Öffnungszeiten, Maßnahmen, Übergänge\n".encode()


def txt_cp1252() -> bytes:
    return "Prüfliste für Spielhallen: Größe, Öffnungszeiten\r\n".encode("cp1252")


def csv() -> bytes:
    return "Stadt;Kontrollen;Maßnahme\nEssen;12;Schließung\nMülheim an der Ruhr;4;Bußgeld\n".encode()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png() -> bytes:
    """A 2×2 RGB image."""
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes([0, 90, 160] * 2) for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows))
        + _png_chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return base64.b64decode("".join(_JPEG_B64))
