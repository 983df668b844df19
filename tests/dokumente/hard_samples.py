"""Files that pass the upload checks but whose text is hard or impossible to read."""

from __future__ import annotations

import io
import zipfile

from devtools.generate import pdf_bytes, pdf_file

from .samples import _OOXML_TYPES, _content_types, _odf, _root_rels, _zip, docx, odt, pdf


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
