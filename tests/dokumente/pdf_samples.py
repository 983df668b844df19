"""PDFs with active content (refused) and harmless look-alikes (accepted)."""

from __future__ import annotations

from devtools.generate import pdf_file

from .hard_samples import _encrypted

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
