"""Every upload is scanned by the real clamd (started for the run by tests/dokumente/clamd.py); a
file with malware, or one that cannot be scanned, is refused and leaves neither row nor file."""

from __future__ import annotations

import io
import logging
import os
import socket
import subprocess
import threading

import pytest
from django import forms
from django.core.exceptions import ValidationError

from dokumente import virusscan
from dokumente.forms import UploadField
from dokumente.models import StoredFile
from dokumente.services import files_atomic
from dokumente.validators import validate_upload

from . import hard_samples, refused_samples, samples
from .clamd import SCRIPT
from .conftest import make_upload, stored_files

INFECTED = [
    ("Hinweis.txt", refused_samples.eicar),  # the test file itself
    ("Anhörung.docx", refused_samples.eicar_docx),  # inside a Word document (a ZIP container)
    ("Notiz.txt", lambda: b"Bitte beachten:\n" + refused_samples.eicar() + b"\nEnde\n"),  # inside other text
]


class UploadForm(forms.Form):
    file = UploadField()


def _store(name: str, data: bytes, user=None) -> None:
    with files_atomic() as files:
        files.store(make_upload(name, data), user=user)


@pytest.mark.parametrize(("name", "build"), INFECTED, ids=["txt", "docx", "txt-embedded"])
def test_malware_is_refused_with_a_german_message(name, build):
    with pytest.raises(ValidationError) as error:
        validate_upload(make_upload(name, build()))

    assert error.value.code == "infected"
    message = error.value.messages[0]
    assert f"Die Datei „{name}“ enthält Schadsoftware (Siko.Test.EICAR" in message
    assert "wurde nicht gespeichert" in message


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "build"), INFECTED, ids=["txt", "docx", "txt-embedded"])
def test_malware_leaves_no_row_and_no_file(name, build, media_root, member):
    with pytest.raises(ValidationError):
        _store(name, build(), user=member)

    assert not StoredFile.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_a_clean_file_before_an_infected_one_is_removed_too(media_root, member):
    with pytest.raises(ValidationError), files_atomic() as files:
        files.store(make_upload("Bericht.pdf", samples.pdf()), user=member)
        files.store(make_upload("Hinweis.txt", refused_samples.eicar()), user=member)

    assert not StoredFile.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_a_file_is_scanned_once_from_the_form_to_the_store(monkeypatch, media_root, member):
    """The form field and FileStore.store both validate; clamd sees the file once, not again
    inside the transaction that stores it. A renamed upload is checked again."""
    scans = []
    scan = virusscan.scan_stream
    monkeypatch.setattr(virusscan, "scan_stream", lambda upload: scans.append(upload.name) or scan(upload))
    form = UploadForm(files={"file": make_upload("Bericht.pdf", samples.pdf())})
    assert form.is_valid()
    with files_atomic() as files:
        files.store(form.cleaned_data["file"], user=member)
    assert scans == ["Bericht.pdf"]
    upload = form.cleaned_data["file"]
    upload.name = "Hinweis.txt"
    with pytest.raises(ValidationError):
        validate_upload(upload)  # a PDF named .txt: the new name is checked, not waved through


def test_the_upload_field_shows_the_message():
    form = UploadForm(files={"file": make_upload("Anhörung.docx", refused_samples.eicar_docx())})

    assert not form.is_valid()
    assert "enthält Schadsoftware" in form.errors["file"][0]


def test_a_zip_archive_is_refused_before_the_scan_and_clamd_finds_malware_inside_it():
    """Archives never reach storage; clamd unpacks them all the same (ScanArchive), also when one
    pretends to be a text file."""
    with pytest.raises(ValidationError) as error:
        validate_upload(make_upload("Unterlagen.zip", refused_samples.eicar_zip()))
    assert error.value.code == "archive"

    assert virusscan.scan_stream(io.BytesIO(refused_samples.eicar_zip())).startswith("Siko.Test.EICAR")


@pytest.mark.parametrize(
    "build",
    [
        *(getattr(samples, kind) for kind in ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv")),
        samples.png,
        samples.jpeg,
        hard_samples.docx_rich,
        hard_samples.xlsx_rich,
    ],
    ids=lambda build: build.__name__,
)
def test_clean_samples_pass_the_real_scanner(build):
    assert virusscan.scan_stream(io.BytesIO(build())) is None


# --- Fail closed: no verdict, no upload -----------------------------------------------------------


def _assert_refused_as_unavailable(caplog, name: str = "Bericht.pdf") -> None:
    with caplog.at_level(logging.ERROR, logger="dokumente.virusscan"), pytest.raises(ValidationError) as error:
        validate_upload(make_upload(name, samples.pdf()))

    assert error.value.code == "scan_unavailable"
    assert error.value.messages[0].startswith("Die Virenprüfung ist derzeit nicht erreichbar")
    assert f"„{name}“ nicht gespeichert" in error.value.messages[0]
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 1 and "Virenprüfung nicht möglich" in errors[0].getMessage()


@pytest.mark.django_db
def test_a_wrong_socket_path_refuses_the_upload_and_logs_an_error(settings, tmp_path, caplog, media_root, member):
    settings.SIKO_CLAMD_SOCKET = str(tmp_path / "kein-clamd.sock")

    _assert_refused_as_unavailable(caplog)
    with pytest.raises(ValidationError):
        _store("Bericht.pdf", samples.pdf(), user=member)
    assert not StoredFile.objects.exists() and stored_files(media_root) == []


def test_no_configured_scanner_refuses_the_upload(settings, caplog):
    settings.SIKO_CLAMD_SOCKET = ""

    _assert_refused_as_unavailable(caplog)
    assert "nicht konfiguriert" in caplog.records[-1].getMessage()


def test_a_clamd_that_was_stopped_refuses_the_upload(settings, tmp_path, caplog):
    """A second real clamd (same script), stopped: its socket path is right, nobody answers."""
    directory = tmp_path / "clamd"
    env = {**os.environ, "SIKO_CLAMD_DIR": str(directory)}
    started = subprocess.run([SCRIPT, "start"], env=env, capture_output=True, text=True, check=True, timeout=60)
    settings.SIKO_CLAMD_SOCKET = started.stdout.strip().splitlines()[-1]
    try:
        assert validate_upload(make_upload("Bericht.pdf", samples.pdf())).key == "pdf"
    finally:
        subprocess.run([SCRIPT, "stop"], env=env, check=True, timeout=60)

    _assert_refused_as_unavailable(caplog)


@pytest.fixture
def silent_clamd(tmp_path):
    """A socket that accepts connections and then never answers (a hanging clamd)."""
    path = tmp_path / "stumm.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.listen(5)
    yield str(path)
    server.close()


def test_a_hanging_clamd_times_out_and_refuses_the_upload(settings, silent_clamd, caplog):
    settings.SIKO_CLAMD_SOCKET = silent_clamd
    settings.SIKO_CLAMD_TIMEOUT = 1

    _assert_refused_as_unavailable(caplog)
    assert "timed out" in caplog.records[-1].getMessage()


@pytest.fixture
def fake_clamd(tmp_path):
    """A socket that reads one INSTREAM request and answers with the given reply."""
    path = tmp_path / "falsch.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.listen(5)
    threads = []

    def answering(reply: bytes) -> str:
        def answer() -> None:
            connection, _ = server.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(reply)

        threads.append(threading.Thread(target=answer, daemon=True))
        threads[-1].start()
        return str(path)

    yield answering
    for thread in threads:
        thread.join(timeout=5)
    server.close()


def test_an_error_answer_refuses_the_upload(settings, fake_clamd, caplog):
    settings.SIKO_CLAMD_SOCKET = fake_clamd(b"stream: Can't allocate memory ERROR\0")

    _assert_refused_as_unavailable(caplog)


def test_a_file_beyond_clamds_limits_is_refused_not_passed(settings, fake_clamd):
    """With `AlertExceedsMax yes` (tools/clamd.sh, README) clamd reports what it could not look into
    (checked here with a real clamd and MaxFileSize below the stream: this exact answer)."""
    settings.SIKO_CLAMD_SOCKET = fake_clamd(b"stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND\0")

    with pytest.raises(ValidationError) as error:
        validate_upload(make_upload("Bericht.pdf", samples.pdf()))

    assert error.value.code == "scan_limits"
    assert "zu groß oder zu tief verschachtelt" in error.value.messages[0]


def test_a_stream_over_clamds_limit_is_not_taken_as_clean():
    """clamd stops reading beyond StreamMaxLength and answers with an error: refused, not clean."""
    too_big = io.BytesIO(b"a" * (int(os.environ.get("SIKO_UPLOAD_MAX_MB", "25")) + 6) * 1024 * 1024)

    with pytest.raises(virusscan.ScannerUnavailable, match="size limit"):
        virusscan.scan_stream(too_big)


def test_ping_tells_whether_clamd_answers(settings, tmp_path):
    assert virusscan.ping()

    settings.SIKO_CLAMD_SOCKET = str(tmp_path / "kein-clamd.sock")
    assert not virusscan.ping()


@pytest.mark.django_db
def test_the_demo_data_are_not_loaded_without_clamd(settings, tmp_path):
    """load_demo stores its files through the upload checks; without clamd it stops before
    writing anything, with a message that says how to start clamd."""
    from django.core.management import CommandError, call_command

    from partner.models import Partner

    settings.SIKO_CLAMD_SOCKET = str(tmp_path / "kein-clamd.sock")

    with pytest.raises(CommandError, match="tools/clamd.sh start"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Partner.objects.exists()
