"""Reading the text inside stored files for the search: every accepted kind, the files whose
text cannot be read, the limits, the background task, the upload hook and the command."""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from pypdf import PdfReader

import dokumente.tasks
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
from dokumente.extraction import extract_and_save, extract_pending
from dokumente.models import StoredFile, TextStatus
from dokumente.services import FileStore, files_atomic, version_add
from dokumente.signals import text_extracted
from dokumente.tasks import extract_file_text

from . import hard_samples, sample_tables, samples
from .conftest import make_upload

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


def store(name: str, data: bytes) -> StoredFile:
    """Through the upload machinery (so the file passed the checks); the text stays PENDING
    because the test transaction never commits."""
    with files_atomic() as files:
        return files.store(make_upload(name, data), user=None)


def store_raw(name: str, data: bytes) -> StoredFile:
    """A row for bytes the upload checks would refuse (e.g. a damaged office file)."""
    stored = StoredFile(
        original_name=name,
        content_type="application/octet-stream",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    stored.file.save(name, ContentFile(data), save=False)
    stored.save()
    return stored


@pytest.fixture
def signals_received():
    received = []

    def receiver(sender, file_ids, **kwargs):
        received.append((sender, list(file_ids)))

    text_extracted.connect(receiver, dispatch_uid="test-extraction-receiver")
    yield received
    text_extracted.disconnect(dispatch_uid="test-extraction-receiver")


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


def test_saving_touches_only_the_text_fields_and_signals_the_file(media_root, signals_received):
    stored = store("Bericht.pdf", samples.pdf())
    StoredFile.objects.filter(pk=stored.pk).update(original_name="Umbenannt.pdf")  # changed meanwhile

    result = extract_and_save(stored.pk)

    stored.refresh_from_db()
    assert stored.original_name == "Umbenannt.pdf"
    assert stored.text_status == TextStatus.DONE and "Glücksspielstaatsvertrag" in stored.text
    assert result.text == stored.text
    assert signals_received == [(StoredFile, [stored.pk])]


def test_a_failing_receiver_does_not_undo_the_text(media_root, caplog):
    stored = store("Bericht.pdf", samples.pdf())

    def broken_receiver(sender, file_ids, **kwargs):
        raise RuntimeError("Index kaputt")

    text_extracted.connect(broken_receiver, dispatch_uid="test-broken-receiver")
    try:
        with caplog.at_level(logging.ERROR, logger="dokumente.extraction"):
            extract_and_save(stored.pk)
    finally:
        text_extracted.disconnect(dispatch_uid="test-broken-receiver")

    assert StoredFile.objects.get(pk=stored.pk).text_status == TextStatus.DONE
    assert "Index kaputt" in caplog.text


def test_a_deleted_row_is_skipped(media_root, signals_received):
    stored = store("Bericht.pdf", samples.pdf())
    pk = stored.pk
    stored.delete()
    assert extract_and_save(pk) is None
    assert signals_received == []


def test_the_task_reports_what_it_did(media_root):
    good = store("Bericht.pdf", samples.pdf())
    bad = store("Geheim.pdf", hard_samples.pdf_encrypted())

    results = [extract_file_text.enqueue(good.pk), extract_file_text.enqueue(bad.pk), extract_file_text.enqueue(0)]

    assert [result.status for result in results] == [TaskResultStatus.SUCCESSFUL] * 3
    assert results[0].return_value["status"] == "done" and results[0].return_value["chars"] > 50
    assert results[1].return_value == {"file_id": bad.pk, "status": "failed", "chars": 0}
    assert results[2].return_value == {"file_id": 0, "status": "missing"}


def test_the_task_does_not_read_a_file_twice(media_root, signals_received):
    stored = store("Bericht.pdf", samples.pdf())
    extract_and_save(stored.pk)
    signals_received.clear()
    StoredFile.objects.filter(pk=stored.pk).update(text="schon gelesen")

    result = extract_file_text.enqueue(stored.pk)

    assert result.return_value == {"file_id": stored.pk, "status": "done", "chars": 13, "again": False}
    assert StoredFile.objects.get(pk=stored.pk).text == "schon gelesen"
    assert signals_received == []


def test_an_upload_is_read_after_commit(media_root, django_capture_on_commit_callbacks, signals_received):
    with django_capture_on_commit_callbacks(execute=True):
        with files_atomic() as files:
            stored = files.store(make_upload("Prüfbericht.pdf", samples.pdf()), user=None)
            assert StoredFile.objects.get(pk=stored.pk).text_status == TextStatus.PENDING

    stored.refresh_from_db()
    assert stored.text_status == TextStatus.DONE
    assert "Glücksspielstaatsvertrag gilt für alle Spielhallen" in stored.text
    assert signals_received == [(StoredFile, [stored.pk])]


def test_each_new_version_is_read(media_root, binder, django_capture_on_commit_callbacks):
    for name, data in (("Muster.docx", samples.docx()), ("Muster.odt", samples.odt())):
        with django_capture_on_commit_callbacks(execute=True), files_atomic() as files:
            version_add(binder, upload=make_upload(name, data), user=None, files=files)

    first, second = (version.file for version in binder.versions.order_by("number"))
    assert first.text_status == second.text_status == TextStatus.DONE
    assert "Sehr geehrte Damen und Herren" in first.text and "Übersicht der Maßnahmen" in second.text


def test_a_rolled_back_upload_enqueues_nothing(media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), files_atomic() as files:
            files.store(make_upload("Bericht.pdf", samples.pdf()), user=None)
            raise RuntimeError("Abbruch")
    assert callbacks == []
    assert not StoredFile.objects.exists()


def test_a_failing_queue_does_not_break_the_upload(media_root, monkeypatch, django_capture_on_commit_callbacks, caplog):
    class BrokenTask:
        def enqueue(self, *args, **kwargs):
            raise ConnectionError("Warteschlange nicht erreichbar")

    monkeypatch.setattr(dokumente.tasks, "extract_file_text", BrokenTask())
    data = samples.pdf()
    with caplog.at_level(logging.ERROR, logger="dokumente.services"):
        with django_capture_on_commit_callbacks(execute=True):
            stored = FileStore().store(make_upload("Bericht.pdf", data), user=None)

    stored.refresh_from_db()
    assert stored.text_status == TextStatus.PENDING  # the daily command reads it
    assert (media_root / stored.file.name).read_bytes() == data
    assert "konnte nicht eingeplant werden" in caplog.text and "Warteschlange nicht erreichbar" in caplog.text


# --- The command ----------------------------------------------------------------------------


@pytest.fixture
def files_in_all_states(media_root):
    pending_good = store("Bericht.pdf", samples.pdf())
    pending_bad = store("Geheim.pdf", hard_samples.pdf_encrypted())
    failed_before = store("Hinweise.txt", samples.txt())  # failed once (e.g. a bug since fixed)
    StoredFile.objects.filter(pk=failed_before.pk).update(text_status=TextStatus.FAILED, text_error="alt")
    done = store("Kontrollen.csv", samples.csv())
    StoredFile.objects.filter(pk=done.pk).update(text_status=TextStatus.DONE, text="alter Text")
    scan = store("Scan.pdf", hard_samples.pdf_image_only())
    return {
        "pending_good": pending_good,
        "pending_bad": pending_bad,
        "failed": failed_before,
        "done": done,
        "scan": scan,
    }


def _run(*args) -> str:
    out = io.StringIO()
    call_command("dokumente_extract", *args, stdout=out)
    return out.getvalue()


def _statuses(files) -> dict:
    return {key: StoredFile.objects.get(pk=stored.pk).text_status for key, stored in files.items()}


def test_command_reads_pending_files_only(files_in_all_states):
    output = _run()

    assert "3 Datei(en) werden ausgelesen" in output
    assert "Text erkannt: 1" in output and "kein Text enthalten: 1" in output and "Auslesen fehlgeschlagen: 1" in output
    assert "Fertig: 3 Datei(en) ausgelesen." in output
    assert _statuses(files_in_all_states) == {
        "pending_good": TextStatus.DONE,
        "pending_bad": TextStatus.FAILED,
        "failed": TextStatus.FAILED,
        "done": TextStatus.DONE,
        "scan": TextStatus.NO_TEXT,
    }
    assert StoredFile.objects.get(pk=files_in_all_states["done"].pk).text == "alter Text"
    assert _run() == "Keine Dateien auszulesen.\n"


def test_command_retries_failed_files(files_in_all_states):
    _run()
    output = _run("--failed")

    assert "2 Datei(en) werden ausgelesen" in output
    assert "Text erkannt: 1" in output and "Auslesen fehlgeschlagen: 1" in output
    assert _statuses(files_in_all_states)["failed"] == TextStatus.DONE


def test_command_rereads_everything(files_in_all_states):
    output = _run("--all")

    assert "5 Datei(en) werden ausgelesen" in output and "Text erkannt: 3" in output
    assert "Kontrollen;Maßnahme" in StoredFile.objects.get(pk=files_in_all_states["done"].pk).text


def test_command_and_extract_pending_respect_a_limit(files_in_all_states):
    assert "1 Datei(en) werden ausgelesen" in _run("--limit", "1")
    assert extract_pending(limit=1) == 1
    assert extract_pending() == 1
    assert extract_pending(include_failed=True) == 2


# --- Admin ------------------------------------------------------------------------------------


def test_admin_shows_and_filters_the_text_state_but_neither_file_nor_text(client, superuser, media_root):
    failed = extract_and_save(store("Geheim.pdf", hard_samples.pdf_encrypted()).pk)
    done = extract_and_save(store("Prüfbericht.pdf", samples.pdf()).pk)
    client.force_login(superuser)
    changelist = reverse("admin:dokumente_storedfile_changelist")

    listing = client.get(changelist).content.decode()
    assert "Auslesen fehlgeschlagen" in listing and "Text erkannt" in listing

    filtered = client.get(changelist, {"text_status__exact": "failed"}).content.decode()
    assert "Geheim.pdf" in filtered and "Prüfbericht.pdf" not in filtered

    detail = client.get(reverse("admin:dokumente_storedfile_change", args=[failed.pk])).content.decode()
    assert MESSAGE_PDF_ENCRYPTED in detail and "Auslesen fehlgeschlagen" in detail
    assert failed.file.name.rpartition("/")[2] not in detail

    detail = client.get(reverse("admin:dokumente_storedfile_change", args=[done.pk])).content.decode()
    assert "Glücksspielstaatsvertrag" not in detail and f"{len(done.text)} Zeichen" in detail
