"""Files the upload checks refuse (macros, markup, programs, archives, zip bombs, bad names), and
the EICAR test file the virus scanner finds."""

from __future__ import annotations

import io
import struct
import zipfile

from .samples import _content_types, _root_rels, _zip, docx, odt, pdf, txt


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
