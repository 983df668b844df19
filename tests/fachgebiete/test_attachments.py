"""The Redaktion adds attachments to an article over time and removes them; deleting an item
removes its files too."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dokumente.models import StoredFile
from dokumente.services import FileStore
from fachgebiete.models import Article, ArticleAttachment, Rechtstatsache, Status

from ..helpers import main_text
from .conftest import docx_upload, pdf_upload, stored_files

pytestmark = pytest.mark.django_db


def _delete_url(article: Article) -> str:
    return article.attachments.get().get_delete_url()


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_attachment_pages_are_403_for_members(login, shisha, make_article, role):
    article = make_article(shisha, attachment=True)
    client = login(role)
    for url in (article.get_attachment_add_url(), _delete_url(article)):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"file": pdf_upload()}).status_code == 403, url
    assert ArticleAttachment.objects.count() == 1 and StoredFile.objects.count() == 1


def test_the_redaktion_of_another_fachgebiet_gets_403(login, gluecksspiel, make_article):
    article = make_article(gluecksspiel, attachment=True)
    client = login("editor")
    assert client.post(article.get_attachment_add_url(), {"file": pdf_upload()}).status_code == 403
    assert client.post(_delete_url(article)).status_code == 403
    assert ArticleAttachment.objects.count() == 1


@pytest.mark.parametrize("role", ["editor", "office"])
def test_attachments_are_added_over_time(login, shisha, make_article, role):
    article = make_article(shisha, attachment=True)
    client = login(role)
    page = main_text(client.get(article.get_attachment_add_url()))
    assert "Ablauf Kontrolle.pdf" in page and 'enctype="multipart/form-data"' in page
    response = client.post(article.get_attachment_add_url(), {"file": pdf_upload("Protokoll Kontrolle.pdf")})
    assert response["Location"] == article.get_absolute_url()
    client.post(article.get_attachment_add_url(), {"file": docx_upload("Anhörungsschreiben.docx")})
    names = [a.file.original_name for a in article.attachments.select_related("file")]
    assert names == ["Ablauf Kontrolle.pdf", "Protokoll Kontrolle.pdf", "Anhörungsschreiben.docx"]
    detail = main_text(login("member").get(article.get_absolute_url()))
    assert all(name in detail for name in names)


def test_a_refused_attachment_leaves_nothing(login, shisha, make_article, media_root):
    article = make_article(shisha, attachment=True)
    before = stored_files(media_root)
    response = login("editor").post(
        article.get_attachment_add_url(), {"file": SimpleUploadedFile("Anhang.pdf", b"MZ" + b"\x00" * 80)}
    )
    assert response.status_code == 200 and "Bitte prüfen Sie Ihre Angaben" in main_text(response)
    assert ArticleAttachment.objects.count() == 1 and StoredFile.objects.count() == 1
    assert stored_files(media_root) == before


def test_an_attachment_is_required(login, shisha, make_article):
    article = make_article(shisha)
    response = login("editor").post(article.get_attachment_add_url(), {})
    assert response.status_code == 200 and "Bitte prüfen Sie Ihre Angaben" in main_text(response)
    assert not ArticleAttachment.objects.exists()


def test_the_article_page_offers_attachment_actions_to_the_redaktion_only(login, shisha, make_article):
    article = make_article(shisha, attachment=True)
    editor_page = main_text(login("editor").get(article.get_absolute_url()))
    assert "Anhang hinzufügen" in editor_page and _delete_url(article) in editor_page
    member_page = main_text(login("member").get(article.get_absolute_url()))
    assert "Anhang hinzufügen" not in member_page and _delete_url(article) not in member_page


def test_removing_asks_for_confirmation(login, shisha, make_article):
    article = make_article(shisha, attachment=True)
    page = main_text(login("editor").get(_delete_url(article)))
    assert "Anhang „Ablauf Kontrolle.pdf“ entfernen?" in page and "Ja, Anhang entfernen" in page
    assert ArticleAttachment.objects.count() == 1


@pytest.mark.parametrize("role", ["editor", "office"])
def test_removing_deletes_row_and_file_after_commit(
    login, shisha, make_article, media_root, role, django_capture_on_commit_callbacks
):
    article = make_article(shisha, attachment=True)
    url = _delete_url(article)
    assert len(stored_files(media_root)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = login(role).post(url)
    assert response["Location"] == article.get_absolute_url()
    assert not ArticleAttachment.objects.exists() and not StoredFile.objects.exists()
    assert stored_files(media_root) == []
    assert login("member").get(url.replace("entfernen/", "herunterladen/")).status_code == 404


def test_an_attachment_of_another_article_is_404(login, shisha, make_article):
    article = make_article(shisha, attachment=True)
    other = make_article(shisha, title="Anderer Beitrag")
    url = shisha.url("attachment_delete", pk=other.pk, attachment_pk=article.attachments.get().pk)
    assert login("editor").post(url).status_code == 404
    assert ArticleAttachment.objects.count() == 1


def test_deleting_an_article_removes_its_files(
    shisha, make_article, member, media_root, django_capture_on_commit_callbacks
):
    article = make_article(shisha, attachment=True)
    ArticleAttachment.objects.create(
        article=article, file=FileStore().store(pdf_upload("Zweiter Anhang.pdf"), user=member), position=1
    )
    assert len(stored_files(media_root)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert not StoredFile.objects.exists() and stored_files(media_root) == []


def test_a_rolled_back_deletion_keeps_the_file(shisha, make_article, media_root, django_capture_on_commit_callbacks):
    from django.db import transaction

    article = make_article(shisha, attachment=True)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            article.delete()
            raise RuntimeError("abgebrochen")
    assert StoredFile.objects.count() == 1 and len(stored_files(media_root)) == 1


def test_deleting_a_rechtstatsache_removes_its_file(
    shisha, make_rechtstatsache, member, media_root, django_capture_on_commit_callbacks
):
    record = make_rechtstatsache(shisha, file=FileStore().store(pdf_upload("Beschluss.pdf"), user=member))
    make_rechtstatsache(shisha, aktenzeichen="ohne Datei")
    with django_capture_on_commit_callbacks(execute=True):
        record.delete()
        Rechtstatsache.objects.get(aktenzeichen="ohne Datei").delete()
    assert not StoredFile.objects.exists() and stored_files(media_root) == []


def test_replacing_the_decision_file_removes_the_old_one(
    login, shisha, make_rechtstatsache, member, media_root, django_capture_on_commit_callbacks
):
    record = make_rechtstatsache(shisha, file=FileStore().store(pdf_upload("Alt.pdf"), user=member))
    old_pk = record.file_id
    data = {
        "kind": record.kind,
        "court": record.court,
        "decision_date": "2023-05-04",
        "aktenzeichen": record.aktenzeichen,
        "norms": record.norms,
        "headnote": record.headnote,
        "summary": "",
        "legal_status": record.legal_status,
        "source_url": "",
        "upload": pdf_upload("Neu.pdf"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = login("editor").post(record.get_edit_url(), data)
    assert response.status_code == 302, main_text(response)
    record.refresh_from_db()
    assert record.file.original_name == "Neu.pdf" and not StoredFile.objects.filter(pk=old_pk).exists()
    assert len(stored_files(media_root)) == 1
    assert record.status == Status.PUBLISHED
