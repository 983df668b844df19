"""Real sample files for the upload tests: one per accepted kind and one per rejected kind.

Office packages are minimal but real ZIP containers with the parts a reader looks for first;
PDF and DOCX come from dokumente.generate; PNG is built with zlib; the JPEG is a 16×16 baseline
JFIF image (CPython's imghdr test image).
"""

from __future__ import annotations

import base64
import io
import struct
import zipfile
import zlib

from dokumente.generate import docx_bytes, pdf_bytes

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


def pptx() -> bytes:
    return _zip(
        [
            (
                "[Content_Types].xml",
                _content_types("/ppt/presentation.xml", f"{_OOXML_TYPES}.presentationml.presentation.main+xml"),
            ),
            ("_rels/.rels", _root_rels("/ppt/presentation.xml")),
            (
                "ppt/presentation.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
                '<p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>',
            ),
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
                'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" office:version="1.2">'
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
