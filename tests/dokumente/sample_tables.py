"""Which sample file the upload checks accept as which kind, and which they refuse with which code."""

from __future__ import annotations

from .pdf_samples import (
    pdf_goto_action_and_web_link,
    pdf_in_object_streams,
    pdf_javascript_in_object_stream,
    pdf_launch_link,
    pdf_open_action_javascript,
    pdf_open_at_page,
)
from .refused_samples import (
    docm,
    docx_with_vba_project,
    eicar,
    eicar_docx,
    eicar_zip,
    elf,
    exe,
    html,
    odt_with_basic_macro,
    plain_zip,
    seven_zip,
    shell_script,
    svg,
    xlsm,
    zip_bomb_entries,
    zip_bomb_size,
)
from .samples import csv, docx, jpeg, odp, ods, odt, pdf, png, pptx, txt, txt_cp1252, xlsx

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

ACCEPTED.update(
    {
        "pdf-open-at-page": ("Bericht.pdf", pdf_open_at_page, "pdf"),
        "pdf-goto-and-web-link": ("Bericht.pdf", pdf_goto_action_and_web_link, "pdf"),
        "pdf-object-streams": ("Bericht.pdf", pdf_in_object_streams, "pdf"),
    }
)

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
