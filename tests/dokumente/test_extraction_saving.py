"""Saving the text read from stored files: only the text fields, the signal, the background task,
the upload hook, the command and the admin."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus

import dokumente.tasks
from dokumente.extracted_text import (
    MESSAGE_PDF_ENCRYPTED,
)
from dokumente.extraction import extract_and_save, extract_pending
from dokumente.models import StoredFile, TextStatus
from dokumente.services import FileStore, files_atomic, version_add
from dokumente.signals import text_extracted
from dokumente.tasks import extract_file_text

from . import hard_samples, samples
from .conftest import make_upload, store

pytestmark = pytest.mark.django_db


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
