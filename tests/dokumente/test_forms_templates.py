import pytest
from django import forms
from django.template.loader import render_to_string

from dokumente.forms import UploadField
from dokumente.models import StoredFile, size_label
from dokumente.services import files_atomic, version_add

from . import refused_samples, samples
from .conftest import make_upload


class UploadForm(forms.Form):
    file = UploadField()


def test_field_accepts_allowed_file():
    form = UploadForm(files={"file": make_upload("Bericht.pdf", samples.pdf())})

    assert form.is_valid(), form.errors
    assert form.fields["file"].kind.key == "pdf"


def test_field_rejects_with_german_message():
    form = UploadForm(files={"file": make_upload("Makro.docm", refused_samples.docm())})

    assert not form.is_valid()
    assert "Makros" in form.errors["file"][0]


def test_field_requires_a_file():
    form = UploadForm(data={}, files={})

    assert not form.is_valid()
    assert form.errors["file"] == ["Bitte wählen Sie eine Datei aus."]


def test_field_help_text_names_types_and_limit(settings):
    settings.SIKO_UPLOAD_MAX_BYTES = 10 * 1024 * 1024

    help_text = str(UploadForm().fields["file"].help_text)

    assert "PDF, DOCX" in help_text
    assert "JPEG" in help_text
    assert "10 MB" in help_text
    assert "auf Schadsoftware geprüft" in help_text and "PDF-Dateien mit Skripten" in help_text


def test_widget_limits_selection_to_allowed_types():
    html = str(UploadForm()["file"])

    assert 'accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv,.png,.jpg,.jpeg"' in html


@pytest.mark.parametrize(
    ("size", "label"),
    [(0, "0 Bytes"), (1, "1 Byte"), (512, "512 Bytes"), (12 * 1024, "12 KB"), (1258291, "1,2 MB")],
)
def test_size_label(size, label):
    assert size_label(size) == label


def test_file_label_template():
    stored = StoredFile(file="dokumente/2024/05/abc.docx", size=1258291)

    assert render_to_string("dokumente/file_label.html", {"file": stored}) == "Word-Dokument, 1,2 MB"


@pytest.fixture
def versions(media_root, member, binder):
    with files_atomic() as files:
        version_add(binder, upload=make_upload("Anhörung v1.pdf", samples.pdf()), user=member, files=files)
        version_add(
            binder, upload=make_upload("Anhörung v2.docx", samples.docx()), user=member, note="Frist", files=files
        )
    return binder.versions.select_related("file", "created_by")


def test_version_list_marks_current_version_in_text(versions):
    html = render_to_string("dokumente/version_list.html", {"versions": versions, "caption": "Versionen der Vorlage"})

    assert "<caption" in html
    assert "Versionen der Vorlage" in html
    assert html.count("aktuell") == 1
    assert html.index("aktuell") < html.index("Version 1")


def test_version_list_explicit_current(versions):
    current = versions.get(number=1)

    html = render_to_string("dokumente/version_list.html", {"versions": versions, "current": current})

    assert html.index("Version 1") < html.index("aktuell")


def test_version_list_download_links_name_type_and_size(versions):
    html = render_to_string("dokumente/version_list.html", {"versions": versions})

    newest = versions[0]
    assert f'href="{newest.get_download_url()}"' in html
    assert f'Anhörung v2.docx <span class="portal-file-label">(Word-Dokument, {newest.file.size_label})' in html
    assert 'scope="col"' in html


def test_version_list_empty_state(db):
    html = render_to_string("dokumente/version_list.html", {"versions": []})

    assert "noch keine Versionen" in html
