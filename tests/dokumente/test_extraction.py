"""Reading the text inside stored files for the search: every accepted kind, the files whose
text cannot be read, the limits and the errors (saving, task, upload hook and command:
test_extraction_saving.py)."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from devtools.generate import pdf_bytes
from dokumente import extraction, office_text
from dokumente.extracted_text import (
    MESSAGE_DAMAGED,
    MESSAGE_IMAGE,
    MESSAGE_MISSING,
    MESSAGE_NO_TEXT,
    MESSAGE_PDF_DAMAGED,
    MESSAGE_PDF_ENCRYPTED,
    MESSAGE_PDF_SLOW,
    MESSAGE_TOO_LARGE,
    MESSAGE_UNREADABLE,
    normalise,
)
from dokumente.extraction import extract_and_save
from dokumente.models import TextStatus

from . import hard_samples, sample_tables, samples
from .conftest import store, store_raw

pytestmark = pytest.mark.django_db

# What each accepted sample must yield (German text with umlauts), or None for "no text".
EXPECTED = {
    "pdf": ["Prüfbericht Spielhallen", "Der Glücksspielstaatsvertrag gilt für alle Spielhallen in Essen."],
    "docx": ["Muster Anhörung", "Sehr geehrte Damen und Herren", "Frist Maßnahme", "14 Tage Prüfung"],
    "xlsx": ["Kontrollen", "Größe der Spielhalle"],
    "pptx": ["Vortrag Prävention", "Maßnahmen gegen Spielsucht", "Beratungsstellen im Ruhrgebiet"],
    "odt": ["Übersicht der Maßnahmen"],
    "ods": ["Tabelle1", "Größe"],
    "odp": ["Prävention"],
    "txt": ["Hinweise zur Glücksspielaufsicht\nÄnderungen: Öffnungszeiten, Maßnahmen, Übergänge"],
    "txt-cp1252": ["Prüfliste für Spielhallen: Größe, Öffnungszeiten"],
    "csv": ["Stadt;Kontrollen;Maßnahme\nEssen;12;Schließung\nMülheim an der Ruhr;4;Bußgeld"],
    "png": None,
    "jpg": None,
    "jpeg": None,
    # The harmless PDFs of the active-content check (tests/dokumente/test_pdfcheck.py).
    "pdf-open-at-page": ["Prüfbericht"],
    "pdf-goto-and-web-link": ["Prüfbericht"],
    "pdf-object-streams": ["Prüfbericht"],
}


def test_every_accepted_kind_has_an_expectation():
    assert set(EXPECTED) == set(sample_tables.ACCEPTED)


@pytest.mark.parametrize("sample", sample_tables.ACCEPTED)
def test_every_accepted_kind_yields_its_german_text(media_root, sample):
    name, build, _kind = sample_tables.ACCEPTED[sample]
    stored = store(name, build())
    assert stored.text_status == TextStatus.PENDING

    result = extract_and_save(stored.pk)

    stored.refresh_from_db()
    assert result is not None and stored.text_extracted_at is not None
    if EXPECTED[sample] is None:
        assert stored.text_status == TextStatus.NO_TEXT
        assert stored.text == "" and stored.text_error == MESSAGE_IMAGE
    else:
        assert stored.text_status == TextStatus.DONE, stored.text_error
        assert stored.text_error == ""
        for expected in EXPECTED[sample]:
            assert expected in stored.text


def test_slides_come_in_presentation_order(media_root):
    text = extract_and_save(store("Vortrag.pptx", samples.pptx()).pk).text
    assert text.index("Vortrag Prävention") < text.index("Jugendschutz") < text.index("Maßnahmen gegen Spielsucht")


def test_docx_tables_headers_and_footers(media_root):
    text = extract_and_save(store("Prüfbericht.docx", hard_samples.docx_rich()).pk).text

    assert text.startswith("Prüfbericht Glücksspiel\nÜbersicht der Maßnahmen im Jahr 2024.")
    assert "Behörde Maßnahme Ergebnis" in text
    # Merged cells and the header shared by both sections appear once, nested cells inside their cell.
    assert text.count("Ordnungsamt Mülheim") == 1
    assert text.count("Zusammengefasste Schließungsverfügung") == 1
    assert "Bußgeld Verwarnung Anhörung erfolgt" in text
    assert "Anlage: Übersicht der Öffnungszeiten." in text
    assert text.count("Vertraulich – nur für den Dienstgebrauch") == 1
    assert text.count("Stadt Essen, Ordnungsamt") == 1


def test_docx_footnotes(media_root):
    text = extract_and_save(store("Muster.docx", hard_samples.docx_with_footnote()).pk).text
    assert text.startswith("Muster Anhörung\n")
    assert text.endswith("Vgl. § 16 GlüStV – Erläuterung der Sperrzeiten.")


def test_xlsx_sheet_names_shared_inline_and_formula_strings(media_root):
    text = extract_and_save(store("Kontrollen.xlsx", hard_samples.xlsx_rich()).pk).text

    assert text.split("\n") == [
        "Kontrollen Übersicht",
        "Bußgelder",
        "Gaststätte",
        "Schließung verfügt",
        "Mülheim an der Ruhr",
        "Größe der Spielhalle",
        "Verwarnung ausgesprochen",
    ]
    assert "PHONETIK" not in text and "4711" not in text


def test_odt_paragraphs_lists_tables_and_notes_without_comments_or_deleted_text(media_root):
    text = extract_and_save(store("Jahresbericht.odt", hard_samples.odt_rich()).pk).text

    assert text.split("\n") == [
        "Jahresbericht Glücksspielaufsicht",
        "Die Spielhallen in Essen und",
        "Mülheim wurden geprüft.",
        "Öffnungszeiten",
        "Sperrzeiten",
        "Maßnahmen",
        "Schließung",
        "Bußgeld",
        "GlüStV 2021",
        "Grundlage ist der Staatsvertrag1.",
    ]
    assert "Gestrichener Satz" not in text and "Bitte prüfen" not in text and "Erika" not in text


def test_xml_entities_are_not_expanded(media_root):
    stored = extract_and_save(store("Bombe.odt", hard_samples.odt_entity_bomb()).pk)
    assert stored.text_status == TextStatus.DONE
    assert stored.text.startswith("Übersicht") and "lachen" not in stored.text


def test_encrypted_pdf_fails_with_a_message_and_stays_downloadable_metadata(media_root):
    data = hard_samples.pdf_encrypted()
    stored = extract_and_save(store("Geheim.pdf", data).pk)

    stored.refresh_from_db()
    assert stored.text_status == TextStatus.FAILED
    assert stored.text_error == MESSAGE_PDF_ENCRYPTED
    assert stored.text == ""
    assert Path(stored.file.path).read_bytes() == data  # the file itself is untouched


def test_pdf_with_an_empty_user_password_is_read(media_root):
    stored = extract_and_save(store("Eingeschränkt.pdf", hard_samples.pdf_restricted()).pk)
    assert stored.text_status == TextStatus.DONE
    assert "Glücksspielstaatsvertrag" in stored.text


def test_broken_pdf_fails_as_damaged(media_root):
    stored = extract_and_save(store("Abgebrochen.pdf", hard_samples.pdf_broken()).pk)
    assert (stored.text_status, stored.text_error, stored.text) == (TextStatus.FAILED, MESSAGE_PDF_DAMAGED, "")


def test_pdf_with_garbage_after_the_header_fails_as_damaged(media_root):
    stored = extract_and_save(store_raw("Kaputt.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20).pk)
    assert (stored.text_status, stored.text_error) == (TextStatus.FAILED, MESSAGE_PDF_DAMAGED)


def test_a_slow_pdf_is_read_until_the_time_is_up_and_the_editors_are_told(media_root, settings, monkeypatch):
    paragraphs = [f"Absatz {number}: Kontrolle der Spielhalle Nummer {number}. " * 40 for number in range(1, 60)]
    data = pdf_bytes("Langes Protokoll", paragraphs)
    settings.SIKO_EXTRACTION_SECONDS = 10
    clock = iter(range(0, 10_000, 6))  # every look at the clock: six seconds later
    monkeypatch.setattr(extraction, "monotonic", lambda: next(clock))
    stored = extract_and_save(store("Langsam.pdf", data).pk)
    assert stored.text_status == TextStatus.DONE  # what was read is kept and searchable
    assert stored.text.startswith("Langes Protokoll") and "Absatz 1:" in stored.text
    total = len(PdfReader(io.BytesIO(data)).pages)
    assert total > 3
    assert stored.text_error == MESSAGE_PDF_SLOW.format(read=2, total=total)
    assert "Absatz 59" not in stored.text


def test_scanned_pdf_without_text_has_no_text(media_root):
    stored = extract_and_save(store("Scan.pdf", hard_samples.pdf_image_only()).pk)
    assert (stored.text_status, stored.text_error, stored.text) == (TextStatus.NO_TEXT, MESSAGE_NO_TEXT, "")


def test_damaged_office_file_fails_as_damaged(media_root):
    data = samples.xlsx()
    stored = extract_and_save(store_raw("Tabelle.xlsx", data[: len(data) // 2]).pk)
    assert (stored.text_status, stored.text_error) == (TextStatus.FAILED, MESSAGE_DAMAGED)


def test_office_file_without_its_main_part_fails_as_damaged(media_root):
    data = samples._zip([("[Content_Types].xml", "<Types/>"), ("docProps/app.xml", "<Properties/>")])
    stored = extract_and_save(store_raw("Leer.pptx", data).pk)
    assert (stored.text_status, stored.text_error) == (TextStatus.FAILED, MESSAGE_DAMAGED)


def test_empty_office_document_has_no_text(media_root):
    stored = extract_and_save(store("Leer.odt", samples._odf("text", "<office:text><text:p/></office:text>")).pk)
    assert stored.text_status == TextStatus.NO_TEXT


def test_long_text_is_capped_at_a_word_boundary(media_root, settings):
    stored = store("Langer Bericht.pdf", hard_samples.pdf_long())
    full_words = set(extract_and_save(stored.pk).text.split())
    settings.SIKO_SEARCH_TEXT_MAX_CHARS = 1000

    stored = extract_and_save(stored.pk)

    assert stored.text_status == TextStatus.DONE
    assert 800 < len(stored.text) <= 1000
    assert stored.text.startswith("Langer Bericht\n1. Die Glücksspielaufsicht")
    assert stored.text.split()[-1] in full_words
    assert stored.text_error == "Der Text ist sehr lang; durchsucht werden nur die ersten 1.000 Zeichen."


def test_long_text_file_is_capped_without_reading_it_all(media_root, settings):
    settings.SIKO_SEARCH_TEXT_MAX_CHARS = 100
    stored = extract_and_save(store("Liste.txt", ("Größe Öffnungszeit " * 5000).encode()).pk)
    assert stored.text_status == TextStatus.DONE
    assert len(stored.text) <= 100 and stored.text.startswith("Größe Öffnungszeit Größe")


@pytest.mark.parametrize(
    ("name", "build"),
    [("Tabelle.xlsx", hard_samples.xlsx_rich), ("Bericht.docx", hard_samples.docx_rich), ("Text.odt", samples.odt)],
)
def test_zip_members_that_unpack_too_large_are_refused(media_root, monkeypatch, name, build):
    stored = store(name, build())
    monkeypatch.setattr(office_text, "MAX_MEMBER_BYTES", 200)

    stored = extract_and_save(stored.pk)

    assert (stored.text_status, stored.text_error, stored.text) == (TextStatus.FAILED, MESSAGE_TOO_LARGE, "")


def test_reading_stops_at_the_cap_even_if_the_directory_lies(media_root, monkeypatch):
    """Second line of defence: the reader itself refuses more bytes than allowed."""
    stored = store("Tabelle.xlsx", hard_samples.xlsx_rich())
    monkeypatch.setattr(office_text, "_check_sizes", lambda archive: None)
    monkeypatch.setattr(office_text, "MAX_MEMBER_BYTES", 200)
    assert extract_and_save(stored.pk).text_error == MESSAGE_TOO_LARGE


def test_a_zip_bomb_is_refused_before_unpacking(media_root):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<a>" + b" " * (office_text.MAX_MEMBER_BYTES + 1) + b"</a>")
    stored = extract_and_save(store_raw("Bombe.odt", bomb.getvalue()).pk)
    assert stored.text_error == MESSAGE_TOO_LARGE


def test_control_characters_are_removed_and_whitespace_collapsed(media_root):
    stored = extract_and_save(store("Notiz.txt", hard_samples.txt_with_control_characters()).pk)
    assert stored.text == "Prüfung der Spielhalle\n\nÜbergänge und Fristen[0m"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\x00b\x01c", "abc"),
        ("Gl\u00fccks-\u00adspiel", "Glücks-spiel"),
        ("Gru\u0308\u00dfe", "Grüße"),  # decomposed umlaut, as some PDFs store it
        ("\ufb01nden \ufb02ach", "finden flach"),  # ligatures
        ("  viel   \t Platz \u00a0 hier  ", "viel Platz hier"),
        ("Absatz\r\n\r\n\r\n\r\nnächster\x0cSeite", "Absatz\n\nnächster\n\nSeite"),
        ("\ud800kaputt", "kaputt"),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_missing_file_fails_with_its_own_message(media_root, caplog):
    stored = store("Weg.pdf", samples.pdf())
    stored.file.storage.delete(stored.file.name)

    with caplog.at_level(logging.ERROR, logger="dokumente.extraction"):
        stored = extract_and_save(stored.pk)

    assert (stored.text_status, stored.text_error) == (TextStatus.FAILED, MESSAGE_MISSING)
    assert "fehlt" in caplog.text


def test_an_unexpected_error_is_logged_and_recorded(media_root, monkeypatch, caplog):
    stored = store("Bericht.pdf", samples.pdf())

    def explode(handle, buffer):
        raise RuntimeError("unerwartet")

    monkeypatch.setitem(extraction._EXTRACTORS, "pdf", explode)
    with caplog.at_level(logging.ERROR, logger="dokumente.extraction"):
        stored = extract_and_save(stored.pk)

    assert (stored.text_status, stored.text_error) == (TextStatus.FAILED, MESSAGE_UNREADABLE)
    assert "RuntimeError: unerwartet" in caplog.text
