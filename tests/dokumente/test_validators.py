import pytest
from django.core.exceptions import ValidationError

from dokumente.validators import KINDS, validate_upload

from . import refused_samples, sample_tables, samples
from .conftest import make_upload


@pytest.mark.parametrize("sample", sample_tables.ACCEPTED)
def test_accepted_kind(sample):
    name, build, kind = sample_tables.ACCEPTED[sample]

    assert validate_upload(make_upload(name, build())).key == KINDS[kind].key


@pytest.mark.parametrize("sample", sample_tables.REJECTED)
def test_rejected_kind(sample):
    name, build, code = sample_tables.REJECTED[sample]

    with pytest.raises(ValidationError) as error:
        validate_upload(make_upload(name, build()))

    assert error.value.code == code


@pytest.mark.parametrize("sample", sample_tables.REJECTED)
def test_rejection_message_is_german_sentence(sample):
    name, build, _code = sample_tables.REJECTED[sample]

    with pytest.raises(ValidationError) as error:
        validate_upload(make_upload(name, build()))

    message = error.value.messages[0]
    assert message.endswith(".")
    assert any(word in message for word in ("Datei", "Dateien", "Programme", "Archive", "SVG", "HTML", "XML"))


def test_utf8_text_is_stored_as_utf8():
    kind = validate_upload(make_upload("Hinweise.txt", samples.txt()))

    assert kind.content_type == "text/plain; charset=utf-8"


def test_windows_text_keeps_its_charset():
    kind = validate_upload(make_upload("Prüfliste.txt", samples.txt_cp1252()))

    assert kind.content_type == "text/plain; charset=windows-1252"


def test_oversize_is_rejected_with_limit_in_mb(settings):
    settings.SIKO_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    data = samples.pdf() + b"%" * (2 * 1024 * 1024)

    with pytest.raises(ValidationError) as error:
        validate_upload(make_upload("Groß.pdf", data))

    assert error.value.code == "too_large"
    assert "2 MB" in error.value.messages[0]


def test_file_at_the_limit_is_accepted(settings):
    data = samples.pdf()
    settings.SIKO_UPLOAD_MAX_BYTES = len(data)

    assert validate_upload(make_upload("Genau.pdf", data)).key == "pdf"


def test_macro_enabled_content_type_without_vba_part_is_rejected():
    data = samples._zip(
        [
            (
                "[Content_Types].xml",
                samples._content_types("/word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            ),
            ("word/document.xml", "<w:document/>"),
        ]
    )

    with pytest.raises(ValidationError) as error:
        validate_upload(make_upload("Brief.docx", data))

    assert error.value.code == "macro"


def test_zip_directory_is_read_without_extracting(monkeypatch):
    """The zip bomb check works on declared sizes: no entry is decompressed."""
    import zipfile

    upload = make_upload("Tabelle.xlsx", refused_samples.zip_bomb_size())

    def refuse(*args, **kwargs):
        raise AssertionError("entry was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)

    with pytest.raises(ValidationError) as error:
        validate_upload(upload)

    assert error.value.code == "zip_bomb"


def test_validation_leaves_file_position_at_start():
    upload = make_upload("Kontrollen 2024.xlsx", samples.xlsx())

    validate_upload(upload)

    assert upload.tell() == 0
