"""Members submit through the forms; uploads are checked, and a refused upload leaves nothing behind."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from dokumente.models import StoredFile
from fachgebiete.models import Article, Document, Rechtstatsache, Status

from ..helpers import main_text
from .conftest import docx_upload, pdf_upload, stored_files

pytestmark = pytest.mark.django_db

ARTICLE = {
    "kind": "erfahrungsbericht",
    "title": "Kontrolle mit der Lebensmittelüberwachung",
    "summary": "Erfahrungen aus Hagen.",
    "body": "Die Proben wurden **gerichtsverwertbar** gesichert.",
    "stand": "2024-05-02",
}
DOCUMENT = {
    "kind": "checkliste",
    "title": "Checkliste Shisha-Kontrolle",
    "description": "Prüfpunkte.",
    "valid_from": "2024-01-01",
    "note": "Erstfassung",
}
RECHT = {
    "kind": "beschluss",
    "court": "OVG NRW (Beispiel)",
    "decision_date": "2024-02-01",
    "aktenzeichen": "4 B 0/24 (Beispiel)",
    "norms": "§ 33i GewO, § 15 GewO",
    "headnote": "Leitsatz.",
    "legal_status": "rechtskraeftig",
}


def test_a_member_submits_an_article_with_attachment(login, member, shisha, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login("member").post(
            shisha.url("submit", section="informationen"), {**ARTICLE, "attachment": pdf_upload("Ablauf.pdf")}
        )
    article = Article.objects.get()
    assert response["Location"] == article.get_absolute_url()
    assert article.status == Status.SUBMITTED and article.author == member
    assert article.attachments.get().file.original_name == "Ablauf.pdf"
    assert mail.outbox[0].to == [editor.email]


def test_a_member_submits_a_document_with_its_first_version(login, shisha, media_root):
    login("member").post(shisha.url("submit", section="muster"), {**DOCUMENT, "file": docx_upload()})
    document = Document.objects.get()
    version = document.versions.get()
    assert version.number == 1 and version.note == "Erstfassung"
    assert version.file.original_name == "Anhörung Gaststättenerlaubnis.docx"
    assert len(stored_files(media_root)) == 1


def test_a_document_needs_a_file(login, shisha):
    response = login("member").post(shisha.url("submit", section="muster"), DOCUMENT)
    assert "Bitte wählen Sie eine Datei aus." in main_text(response)
    assert not Document.objects.exists()


def test_a_member_submits_a_rechtstatsache_with_normalised_norms(login, shisha):
    login("member").post(
        shisha.url("submit", section="rechtstatsachen"), {**RECHT, "upload": pdf_upload("Beschluss.pdf")}
    )
    record = Rechtstatsache.objects.get()
    assert record.norms == "§ 33i GewO; § 15 GewO" and record.file.original_name == "Beschluss.pdf"
    assert record.title == "OVG NRW (Beispiel), 4 B 0/24 (Beispiel)"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("Makro.docm", None, "Makro"),
        ("Seite.html", b"<html><body>x</body></html>", ""),
        ("leer.pdf", b"", "leer"),
        ("Rechnung.pdf", b"MZ\x90\x00" + b"\x00" * 60, ""),
    ],
)
def test_a_refused_upload_keeps_the_input_and_leaves_nothing(login, shisha, media_root, name, data, message):
    if data is None:
        from tests.dokumente import refused_samples

        data = refused_samples.docm()
    upload = SimpleUploadedFile(name, data)
    response = login("member").post(shisha.url("submit", section="muster"), {**DOCUMENT, "file": upload})
    page = main_text(response)
    assert response.status_code == 200 and "Bitte prüfen Sie Ihre Angaben" in page
    assert message in page
    assert 'value="Checkliste Shisha-Kontrolle"' in page
    assert not Document.objects.exists() and not StoredFile.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("sample", ["docm", "xlsm", "html", "svg", "exe", "zip", "pdf-renamed-docx"])
def test_rejected_sample_kinds_are_refused_as_article_attachment(login, shisha, media_root, sample):
    from tests.dokumente import sample_tables

    name, data, _code = sample_tables.REJECTED[sample]
    response = login("member").post(
        shisha.url("submit", section="informationen"), {**ARTICLE, "attachment": SimpleUploadedFile(name, data())}
    )
    assert response.status_code == 200 and "Bitte prüfen Sie Ihre Angaben" in main_text(response)
    assert not Article.objects.exists() and stored_files(media_root) == []


def test_the_redaktion_can_publish_its_own_contribution_directly(login, shisha, editor):
    login("editor").post(shisha.url("submit", section="informationen"), {**ARTICLE, "publish_now": "on"})
    article = Article.objects.get()
    assert article.status == Status.PUBLISHED and article.reviewed_by == editor


def test_members_do_not_get_the_publish_option(login, shisha):
    login("member").post(shisha.url("submit", section="informationen"), {**ARTICLE, "publish_now": "on"})
    assert Article.objects.get().status == Status.SUBMITTED


def test_the_author_revises_a_returned_item_and_resubmits(
    login, shisha, editor, make_article, django_capture_on_commit_callbacks
):
    article = make_article(shisha, Status.RETURNED, review_comment="Bitte ergänzen.")
    client = login("member")
    assert "Bitte ergänzen." in main_text(client.get(article.get_edit_url()))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(article.get_edit_url(), {**ARTICLE, "title": "Überarbeitet"})
    article.refresh_from_db()
    assert article.title == "Überarbeitet" and article.status == Status.SUBMITTED
    assert mail.outbox[0].to == [editor.email]


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED, Status.REJECTED])
def test_the_author_cannot_edit_outside_a_return(login, shisha, make_article, status):
    article = make_article(shisha, status)
    assert login("member").post(article.get_edit_url(), ARTICLE).status_code == 403


def test_another_member_cannot_edit_a_returned_item(login, shisha, make_article):
    article = make_article(shisha, Status.RETURNED)
    assert login("outsider").get(article.get_edit_url()).status_code == 403


def test_the_redaktion_edits_published_content(login, shisha, make_article):
    article = make_article(shisha)
    login("editor").post(article.get_edit_url(), {**ARTICLE, "title": "Korrigiert"})
    article.refresh_from_db()
    assert article.title == "Korrigiert" and article.status == Status.PUBLISHED


def test_my_contributions_show_every_state(login, shisha, lagebilder, make_article, make_document, make_rechtstatsache):
    make_article(shisha, Status.RETURNED, title="Zurück", review_comment="Quelle fehlt")
    make_document(lagebilder, Status.SUBMITTED, title="Wartend")
    make_rechtstatsache(shisha, Status.REJECTED, review_comment="Doppelt")
    page = main_text(login("member").get("/fachgebiete/meine-beitraege/"))
    assert "Zurück" in page and "Quelle fehlt" in page and "Überarbeiten" in page
    assert "Wartend" in page and "eingereicht" in page and "Lagebilder" in page
    assert "abgelehnt" in page and "Doppelt" in page


def test_my_contributions_empty_state(login):
    assert "noch keinen Beitrag eingereicht" in main_text(login("outsider").get("/fachgebiete/meine-beitraege/"))


def test_an_invalid_revision_keeps_the_input_and_the_returned_item(login, shisha, make_article):
    article = make_article(shisha, Status.RETURNED, review_comment="Bitte ergänzen.")
    response = login("member").post(
        article.get_edit_url(), {**ARTICLE, "title": "", "summary": "Neue Kurzfassung aus Hagen."}
    )
    page = main_text(response)
    assert response.status_code == 200 and "Bitte prüfen Sie Ihre Angaben" in page
    assert "Neue Kurzfassung aus Hagen." in page
    article.refresh_from_db()
    assert article.status == Status.RETURNED and article.title == "Lebensmittelüberwachung bei Shisha-Kontrollen"


def test_a_review_date_before_the_validity_is_explained_and_stores_nothing(login, shisha, media_root):
    response = login("member").post(
        shisha.url("submit", section="muster"), {**DOCUMENT, "review_on": "2023-12-31", "file": docx_upload()}
    )
    assert response.status_code == 200
    assert "Die Wiedervorlage kann nicht vor dem Beginn der Gültigkeit liegen." in main_text(response)
    assert not Document.objects.exists() and stored_files(media_root) == []
