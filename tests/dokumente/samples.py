"""Real sample files for the upload tests: one per accepted kind and one per rejected kind.

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

from devtools.generate import docx_bytes, pdf_bytes, pdf_file

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


# --- Files that pass the upload checks but whose text is hard or impossible to read ----------


def pdf_image_only() -> bytes:
    """A "scan": one page that shows a grey image and contains no text at all."""
    pixels = bytes([0, 128, 128, 255])
    content = b"q 400 0 0 400 100 300 cm /Im1 Do Q"
    return pdf_file(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            4: b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
            5: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        }
    )


def _encrypted(data: bytes, *, user_password: str, owner_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_encrypted() -> bytes:
    """Opens only with a password."""
    return _encrypted(pdf(), user_password="geheim", owner_password="noch-geheimer")


def pdf_restricted() -> bytes:
    """Encrypted with an empty user password (only printing/copying restricted): readable."""
    return _encrypted(pdf(), user_password="", owner_password="noch-geheimer")


def pdf_broken() -> bytes:
    """A PDF cut off in the middle (an aborted transfer): still starts like a PDF."""
    data = pdf()
    return data[: len(data) // 2]


def pdf_long(paragraphs: int = 200) -> bytes:
    sentence = "Die Glücksspielaufsicht prüft Spielhallen, Wettbüros und Gaststätten mit Geldspielgeräten."
    return pdf_bytes("Langer Bericht", [f"{number}. {sentence}" for number in range(1, paragraphs + 1)])


def docx_rich() -> bytes:
    """Paragraphs, a table with merged and nested cells, headers and footers over two sections."""
    from docx import Document
    from docx.enum.section import WD_SECTION

    document = Document()
    document.add_heading("Prüfbericht Glücksspiel", level=1)
    document.add_paragraph("Übersicht der Maßnahmen im Jahr 2024.")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "Behörde"
    table.cell(0, 1).text = "Maßnahme"
    table.cell(0, 2).text = "Ergebnis"
    merged = table.cell(1, 0).merge(table.cell(2, 0))  # vertically merged
    merged.text = "Ordnungsamt Mülheim"
    wide = table.cell(1, 1).merge(table.cell(1, 2))  # horizontally merged
    wide.text = "Zusammengefasste Schließungsverfügung"
    table.cell(2, 1).text = "Bußgeld"
    nested = table.cell(2, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "Verwarnung"
    nested.cell(0, 1).text = "Anhörung erfolgt"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Vertraulich – nur für den Dienstgebrauch"
    section.footer.paragraphs[0].text = "Stadt Essen, Ordnungsamt"
    document.add_section(WD_SECTION.NEW_PAGE)  # inherits header and footer (linked to previous)
    document.add_paragraph("Anlage: Übersicht der Öffnungszeiten.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_footnote() -> bytes:
    """docx() plus a footnotes part (python-docx has no class for it: read from its bytes)."""
    source = zipfile.ZipFile(io.BytesIO(docx()))
    entries = {info.filename: source.read(info) for info in source.infolist()}
    main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    entries["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{main}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Vgl. § 16 GlüStV – Erläuterung der Sperrzeiten.</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    ).encode()
    relationship = (
        '<Relationship Id="rIdFussnote" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>'
    )
    entries["word/_rels/document.xml.rels"] = entries["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", relationship.encode()
    )
    override = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.footnotes+xml"/></Types>'
    )
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(b"</Types>", override.encode())
    return _zip(list(entries.items()))


def xlsx_rich() -> bytes:
    """Two sheets; shared strings (one with formatted runs and a phonetic hint), an inline string,
    the text result of a formula and a number."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet_type = f"{_OOXML_TYPES}.spreadsheetml.worksheet+xml"
    relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    return _zip(
        [
            (
                "[Content_Types].xml",
                _content_types(
                    "/xl/workbook.xml",
                    f"{_OOXML_TYPES}.spreadsheetml.sheet.main+xml",
                    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sheet_type}"/>'
                    f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{sheet_type}"/>'
                    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_OOXML_TYPES}.spreadsheetml.'
                    'sharedStrings+xml"/>',
                ),
            ),
            ("_rels/.rels", _root_rels("/xl/workbook.xml")),
            (
                "xl/workbook.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{main}" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                '<sheet name="Kontrollen Übersicht" sheetId="1" r:id="rId1"/>'
                '<sheet name="Bußgelder" sheetId="2" r:id="rId2"/></sheets></workbook>',
            ),
            (
                "xl/_rels/workbook.xml.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{relationship}" Target="worksheets/sheet1.xml"/>'
                f'<Relationship Id="rId2" Type="{relationship}" Target="worksheets/sheet2.xml"/></Relationships>',
            ),
            (
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{main}" count="3" '
                'uniqueCount="3"><si><t>Gaststätte</t></si>'
                "<si><r><rPr><b/></rPr><t>Schließung </t></r><r><t>verfügt</t></r>"
                '<rPh sb="0" eb="1"><t>PHONETIK</t></rPh></si>'
                '<si><t xml:space="preserve">  Mülheim an der Ruhr  </t></si></sst>',
            ),
            (
                "xl/worksheets/sheet1.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{main}"><sheetData>'
                '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
                '<row r="2"><c r="A2" t="inlineStr"><is><t>Größe der Spielhalle</t></is></c>'
                '<c r="B2"><v>4711</v></c></row></sheetData></worksheet>',
            ),
            (
                "xl/worksheets/sheet2.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{main}"><sheetData>'
                '<row r="1"><c r="A1" t="s"><v>2</v></c>'
                '<c r="B1" t="str"><f>CONCAT("Ver","warnung")</f><v>Verwarnung ausgesprochen</v></c></row>'
                "</sheetData></worksheet>",
            ),
        ]
    )


def odt_rich() -> bytes:
    """Heading, formatted paragraph, list, table, footnote; a comment and deleted text (tracked
    change) that are not part of the text."""
    return _odf(
        "text",
        "<office:text>"
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info>'
        "<dc:creator>Erika Muster</dc:creator></office:change-info><text:p>Gestrichener Satz</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        '<text:h text:outline-level="1">Jahresbericht Glücksspielaufsicht</text:h>'
        "<text:p>Die <text:span>Spielhallen</text:span> in<text:s/>Essen<text:tab/>und<text:line-break/>"
        "Mülheim wurden geprüft.<office:annotation><dc:creator>Erika Muster</dc:creator><text:p>Bitte prüfen"
        "</text:p></office:annotation></text:p>"
        "<text:list><text:list-item><text:p>Öffnungszeiten</text:p></text:list-item>"
        "<text:list-item><text:p>Sperrzeiten</text:p></text:list-item></text:list>"
        '<table:table table:name="Maßnahmen"><table:table-row><table:table-cell><text:p>Schließung</text:p>'
        "</table:table-cell><table:table-cell><text:p>Bußgeld</text:p></table:table-cell></table:table-row>"
        "</table:table>"
        '<text:p>Grundlage ist der Staatsvertrag<text:note text:note-class="footnote"><text:note-citation>1'
        "</text:note-citation><text:note-body><text:p>GlüStV 2021</text:p></text:note-body></text:note>.</text:p>"
        "</office:text>",
    )


def odt_entity_bomb() -> bytes:
    """content.xml with a "billion laughs" entity definition: must not be expanded."""
    source = zipfile.ZipFile(io.BytesIO(odt()))
    entries = [(info.filename, source.read(info)) for info in source.infolist()]
    bomb = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE office:document-content ['
        '<!ENTITY a "lachen lachen lachen lachen lachen lachen lachen lachen lachen lachen">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        "<text:p>Übersicht &e;</text:p></office:text></office:body></office:document-content>"
    )
    return _zip([(name, bomb if name == "content.xml" else data) for name, data in entries], store_first=True)


def txt_with_control_characters() -> bytes:
    return "Prüfung\x07 der   Spielhalle\r\n\r\n\r\n\r\nÜbergänge\tund\u00a0Fristen\x1b[0m\n".encode()


# name → (file name, bytes, expected kind key)
ACCEPTED = {
    "pdf": ("Prüfbericht Übersicht.pdf", pdf, "pdf"),
    "docx": ("Muster Anhörung.docx", docx, "docx"),
    "xlsx": ("Kontrollen 2024.xlsx", xlsx, "xlsx"),
    "pptx": ("Vortrag Prävention.pptx", pptx, "pptx"),
    "odt": ("Übersicht.odt", odt, "odt"),
    "ods": ("Größen.ods", ods, "ods"),
    "odp": ("Präsentation.odp", odp, "odp"),
    "txt": ("Hinweise.txt", txt, "txt"),
    "txt-cp1252": ("Prüfliste.TXT", txt_cp1252, "txt"),
    "csv": ("Kontrollen.csv", csv, "csv"),
    "png": ("Lageplan.png", png, "png"),
    "jpg": ("Foto.jpg", jpeg, "jpeg"),
    "jpeg": ("Foto.JPEG", jpeg, "jpeg"),
}


def docm() -> bytes:
    return _zip(
        [
            (
                "[Content_Types].xml",
                _content_types("/word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            ),
            ("_rels/.rels", _root_rels("/word/document.xml")),
            ("word/document.xml", "<w:document/>"),
            ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
        ]
    )


def xlsm() -> bytes:
    return _zip(
        [
            (
                "[Content_Types].xml",
                _content_types("/xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
            ),
            ("_rels/.rels", _root_rels("/xl/workbook.xml")),
            ("xl/workbook.xml", "<workbook/>"),
            ("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
        ]
    )


def docx_with_vba_project() -> bytes:
    """A real .docx (correct content types) with a VBA project smuggled in."""
    source = zipfile.ZipFile(io.BytesIO(docx()))
    entries = [(info.filename, source.read(info)) for info in source.infolist()]
    entries.append(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64))
    return _zip(entries)


def odt_with_basic_macro() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(odt()))
    entries = [(info.filename, source.read(info)) for info in source.infolist()]
    entries.append(("Basic/Standard/Module1.xml", '<script:module script:name="Module1">Sub Main</script:module>'))
    return _zip(entries, store_first=True)


def html() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def svg() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>'


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 64


def elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 44


def shell_script() -> bytes:
    return b"#!/bin/sh\nrm -rf /tmp/x\n"


def plain_zip() -> bytes:
    return _zip([("Bericht.pdf", pdf()), ("Notiz.txt", txt())])


def seven_zip() -> bytes:
    return b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 24


def zip_bomb_entries(count: int) -> bytes:
    return _zip([(f"datei{index}.txt", b"") for index in range(count)])


def zip_bomb_size() -> bytes:
    """A ZIP whose directory claims more uncompressed data than allowed (1 GiB + 1 byte).

    Built by patching the declared size in the central directory; the data itself is tiny.
    """
    data = bytearray(plain_zip())
    directory = data.rfind(b"PK\x01\x02")  # last central directory entry
    data[directory + 24 : directory + 28] = struct.pack("<I", 1024 * 1024 * 1024 + 1)
    return bytes(data)


# name → (file name, bytes, expected ValidationError code)
REJECTED = {
    "docm": ("Makro.docm", docm, "macro"),
    "xlsm": ("Tabelle.xlsm", xlsm, "macro"),
    "docm-renamed-docx": ("Harmlos.docx", docm, "macro"),
    "docx-with-vbaproject": ("Anhörung.docx", docx_with_vba_project, "macro"),
    "odt-with-basic-macro": ("Bericht.odt", odt_with_basic_macro, "macro"),
    "html": ("Seite.html", html, "html"),
    "htm": ("Seite.htm", html, "html"),
    "html-renamed-txt": ("Seite.txt", html, "html"),
    "svg": ("Grafik.svg", svg, "svg"),
    "svg-renamed-txt": ("Grafik.txt", svg, "html"),
    "xml": ("Daten.xml", lambda: b'<?xml version="1.0"?><daten/>', "xml"),
    "exe": ("setup.exe", exe, "executable"),
    "exe-renamed-pdf": ("Rechnung.pdf", exe, "executable"),
    "elf-renamed-txt": ("Liste.txt", elf, "executable"),
    "shell-script": ("start.sh", shell_script, "executable"),
    "shell-script-renamed-txt": ("Notiz.txt", shell_script, "executable"),
    "zip": ("Dokumente.zip", plain_zip, "archive"),
    "zip-renamed-docx": ("Bericht.docx", plain_zip, "mismatch"),
    "7z": ("Dokumente.7z", seven_zip, "archive"),
    "7z-renamed-pdf": ("Bericht.pdf", seven_zip, "mismatch"),
    "rar": ("Dokumente.rar", lambda: b"Rar!\x1a\x07\x01\x00" + b"\x00" * 16, "archive"),
    "tar-gz": ("Dokumente.tar.gz", lambda: b"\x1f\x8b\x08\x00" + b"\x00" * 16, "archive"),
    "pdf-renamed-docx": ("Bericht.docx", pdf, "mismatch"),
    "png-renamed-pdf": ("Bericht.pdf", png, "mismatch"),
    "docx-renamed-xlsx": ("Tabelle.xlsx", docx, "mismatch"),
    "odt-renamed-docx": ("Text.docx", odt, "mismatch"),
    "text-renamed-pdf": ("Bericht.pdf", txt, "mismatch"),
    "binary-txt": ("Notiz.txt", lambda: b"Hallo\x00Welt", "text_binary"),
    "undecodable-txt": ("Notiz.txt", lambda: b"Gr\x81\x8d\x8f\x90e", "text_encoding"),
    "damaged-zip": ("Bericht.docx", lambda: b"PK\x03\x04" + b"\x00" * 40, "damaged"),
    "zip-bomb-entries": ("Tabelle.xlsx", lambda: zip_bomb_entries(5000), "zip_bomb"),
    "zip-bomb-size": ("Tabelle.xlsx", zip_bomb_size, "zip_bomb"),
    "old-office-doc": ("Alt.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "type_not_allowed"),
    "empty": ("Leer.pdf", lambda: b"", "empty"),
    "no-extension": ("Bericht", pdf, "extension_missing"),
    "trailing-dot": ("Bericht.", pdf, "extension_missing"),
    "only-extension": (".pdf", pdf, "extension_missing"),
    "backslash-path": ("..\\..\\Bericht.pdf", pdf, "filename_path"),
    "slash-path": ("../../etc/Bericht.pdf", pdf, "filename_path"),
    "dotdot": ("..pdf", pdf, "filename_path"),
    "control-character": ("Bericht\x07.pdf", pdf, "filename_control"),
    "newline": ("Bericht\n.pdf", pdf, "filename_control"),
    "right-to-left-override": ("Bericht\u202efdp.exe", pdf, "filename_control"),
    "too-long-name": ("B" * 197 + ".pdf", pdf, "filename_too_long"),
}


# --- PDFs with active content (refused) and harmless look-alikes (accepted) ---------------------

_PAGE_TREE = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def _pdf_with(
    catalog_extra: bytes = b"",
    page_extra: bytes = b"",
    extra: dict[int, bytes] | None = None,
    *,
    compressed: tuple[int, ...] = (),
) -> bytes:
    """A one-page PDF with text whose catalog and page carry the given additional entries."""
    content = b"BT /F1 12 Tf 72 760 Td (Pr\xfcfbericht) Tj ET"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        2: _PAGE_TREE,
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R " + page_extra + b" >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        5: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        **(extra or {}),
    }
    return pdf_file(objects, compressed=compressed)


def pdf_open_action_javascript() -> bytes:
    return _pdf_with(b"/OpenAction << /S /JavaScript /JS (app.alert\\('Hallo'\\)) >>")


def pdf_names_javascript() -> bytes:
    """Document-level JavaScript in the catalog's name tree, the script in its own object."""
    return _pdf_with(
        b"/Names << /JavaScript 6 0 R >>",
        extra={
            6: b"<< /Names [(start) 7 0 R] >>",
            7: b"<< /S /JavaScript /JS (this.print\\(\\)) >>",
        },
    )


def pdf_page_additional_action() -> bytes:
    """A page that opens a web address by itself when shown (/AA /O)."""
    return _pdf_with(page_extra=b"/AA << /O << /S /URI /URI (https://example.org/zaehler) >> >>")


def pdf_launch_link() -> bytes:
    """A link annotation that starts a program."""
    return _pdf_with(
        page_extra=b"/Annots [6 0 R]",
        extra={
            6: b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] "
            b"/A << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >> >>"
        },
    )


def pdf_escaped_javascript() -> bytes:
    """/JavaScript and /JS written with #xx escapes, as malware does to dodge byte patterns."""
    return _pdf_with(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>")


def pdf_javascript_in_object_stream() -> bytes:
    """The action sits in a Flate-compressed object stream: invisible in the raw bytes."""
    return _pdf_with(
        b"/OpenAction 6 0 R",
        extra={6: b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"},
        compressed=(6,),
    )


def pdf_open_at_page() -> bytes:
    """Harmless: opens at page 1, fit to the window (destination array), as LaTeX/hyperref writes."""
    return _pdf_with(b"/OpenAction [3 0 R /Fit] /PageMode /UseNone")


def pdf_goto_action_and_web_link() -> bytes:
    """Harmless: a GoTo action on opening and a link the reader may click to a web address."""
    return _pdf_with(
        b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >>",
        page_extra=b"/Annots [6 0 R]",
        extra={
            6: b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] "
            b"/A << /S /URI /URI (https://www.sikoruhr.nrw.de/) >> >>"
        },
    )


def pdf_in_object_streams() -> bytes:
    """Harmless: a modern PDF with its catalog, pages and font in an object stream."""
    return _pdf_with(compressed=(1, 2, 3, 4))


def pdf_encrypted_with_javascript() -> bytes:
    """Password-protected and with JavaScript on opening; only the dictionaries are readable."""
    return _encrypted(pdf_open_action_javascript(), user_password="geheim", owner_password="noch-geheimer")


# --- The EICAR test file (the anti-virus industry's harmless test pattern) ----------------------
# Assembled at run time so that no scanner on a developer's machine flags this repository.


def eicar() -> bytes:
    return b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-" + b"ANTIVIRUS-TEST-FILE!$H+H*"


def eicar_zip() -> bytes:
    """A ZIP archive with the test file in a folder (uploaded with .docx-like disguise or not)."""
    return _zip([("Unterlagen/Hinweis.txt", eicar())])


def eicar_docx() -> bytes:
    """A real Word document (passes every other check) with the test file as an embedded part."""
    source = zipfile.ZipFile(io.BytesIO(docx()))
    entries = [(info.filename, source.read(info)) for info in source.infolist()]
    return _zip([*entries, ("word/embeddings/oleObject1.bin", eicar())])


# Malware and active content, refused like the kinds above (after the cheap checks).
REJECTED.update(
    {
        "eicar-txt": ("Hinweis.txt", eicar, "infected"),
        "eicar-docx": ("Anhörung.docx", eicar_docx, "infected"),
        "eicar-zip": ("Unterlagen.zip", eicar_zip, "archive"),
        "eicar-zip-renamed-docx": ("Anhörung.docx", eicar_zip, "mismatch"),
        "pdf-javascript": ("Bescheid.pdf", pdf_open_action_javascript, "pdf_active"),
        "pdf-javascript-object-stream": ("Bescheid.pdf", pdf_javascript_in_object_stream, "pdf_active"),
        "pdf-launch": ("Bescheid.pdf", pdf_launch_link, "pdf_active"),
    }
)
ACCEPTED.update(
    {
        "pdf-open-at-page": ("Bericht.pdf", pdf_open_at_page, "pdf"),
        "pdf-goto-and-web-link": ("Bericht.pdf", pdf_goto_action_and_web_link, "pdf"),
        "pdf-object-streams": ("Bericht.pdf", pdf_in_object_streams, "pdf"),
    }
)
