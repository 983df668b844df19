"""The Redaktion decides, versions and marks documents; the Geschäftsstelle grants the Redaktion."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from dokumente.models import StoredFile
from fachgebiete import access, personal_data
from fachgebiete.models import Article, Document, Status
from partner.models import AuditEvent, User

from ..helpers import main_text
from .conftest import pdf_upload, stored_files

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_editor_pages_are_403_for_members(login, shisha, make_article, make_document, role):
    article, document = make_article(shisha, Status.SUBMITTED), make_document(shisha)
    client = login(role)
    for url in (
        shisha.url("review_queue"),
        article.get_review_url(),
        document.get_version_add_url(),
        document.get_supersede_url(),
        "/fachgebiete/redaktion/",
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"action": "publish"}).status_code == 403, url
    assert Article.objects.get(pk=article.pk).status == Status.SUBMITTED


def test_the_redaktion_of_another_fachgebiet_gets_403(login, gluecksspiel, make_article):
    article = make_article(gluecksspiel, Status.SUBMITTED)
    assert login("editor").post(article.get_review_url(), {"action": "publish"}).status_code == 403


def test_the_queue_lists_waiting_submissions(login, shisha, make_article, make_document):
    make_article(shisha, Status.SUBMITTED, title="Bericht zur Prüfung")
    make_document(shisha, Status.RETURNED, title="Muster in Überarbeitung")
    page = main_text(login("editor").get(shisha.url("review_queue")))
    assert "1 Beitrag wartet" in page and "Bericht zur Prüfung" in page and "Muster in Überarbeitung" in page
    assert "Bericht zur Prüfung" in main_text(login("editor").get("/fachgebiete/redaktion/"))


def test_the_editor_publishes_from_the_review_page(
    login, shisha, member, make_article, django_capture_on_commit_callbacks
):
    article = make_article(shisha, Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = login("editor").post(article.get_review_url(), {"action": "publish", "comment": ""})
    assert response["Location"] == shisha.url("review_queue")
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED
    assert mail.outbox[0].to == [member.email]


def test_returning_without_comment_shows_the_error(login, shisha, make_article):
    article = make_article(shisha, Status.SUBMITTED)
    response = login("editor").post(article.get_review_url(), {"action": "return", "comment": ""})
    assert response.status_code == 200 and "was überarbeitet werden soll" in main_text(response)
    assert Article.objects.get(pk=article.pk).status == Status.SUBMITTED


def test_an_invalid_decision_is_explained(login, shisha, make_article):
    article = make_article(shisha, Status.PUBLISHED)
    response = login("editor").post(article.get_review_url(), {"action": "publish"})
    assert "bereits veröffentlicht" in main_text(response)


def test_unpublishing_asks_for_confirmation_and_hides_the_item(login, shisha, make_article):
    article = make_article(shisha)
    client = login("editor")
    assert "data-confirm" in main_text(client.get(article.get_review_url()))
    client.post(article.get_review_url(), {"action": "unpublish"})
    assert login("outsider").get(article.get_absolute_url()).status_code == 404


def test_office_decides_in_every_fachgebiet(login, gluecksspiel, make_article):
    article = make_article(gluecksspiel, Status.SUBMITTED)
    login("office").post(article.get_review_url(), {"action": "reject", "comment": "Kein Bezug."})
    assert Article.objects.get(pk=article.pk).status == Status.REJECTED


def test_a_new_version_becomes_the_default_download(login, shisha, make_document):
    document = make_document(shisha, versions=1)
    client = login("editor")
    client.post(document.get_version_add_url(), {"file": pdf_upload("Checkliste 2024.pdf"), "note": "Neue Rechtslage"})
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    response = login("member").get(document.get_download_url())
    assert "Checkliste 2024.pdf" in response["Content-Disposition"]
    page = main_text(login("member").get(document.get_absolute_url()))
    assert "Neue Rechtslage" in page and "Version 1" in page


def test_a_refused_version_leaves_nothing(login, shisha, make_document, media_root):
    document = make_document(shisha, versions=1)
    before = stored_files(media_root)
    response = login("editor").post(
        document.get_version_add_url(), {"file": SimpleUploadedFile("x.pdf", b"MZ" + b"\x00" * 80)}
    )
    assert response.status_code == 200 and "Bitte prüfen Sie Ihre Angaben" in main_text(response)
    assert document.versions.count() == 1 and StoredFile.objects.count() == 1
    assert stored_files(media_root) == before


def test_marking_a_document_superseded_and_back(login, shisha, make_document):
    document = make_document(shisha)
    client = login("editor")
    client.post(document.get_supersede_url(), {"reason": "ersetzt durch Fassung 2024"})
    document.refresh_from_db()
    assert document.is_superseded and document.superseded_reason == "ersetzt durch Fassung 2024"
    assert "Dieses Dokument ist überholt" in main_text(login("member").get(document.get_absolute_url()))
    login("editor").post(document.get_supersede_url())
    assert not Document.objects.get(pk=document.pk).is_superseded


def test_superseding_and_reinstating_are_audited(login, editor, shisha, make_document):
    document = make_document(shisha)
    successor = make_document(shisha)
    client = login("editor")
    client.post(document.get_supersede_url(), {"reason": "ersetzt durch Fassung 2024", "successor": successor.pk})
    client.post(document.get_supersede_url())
    superseded, reinstated = AuditEvent.objects.filter(
        kind__in=[AuditEvent.Kind.DOCUMENT_SUPERSEDED, AuditEvent.Kind.DOCUMENT_REINSTATED]
    ).order_by("pk")
    assert (
        superseded.kind == AuditEvent.Kind.DOCUMENT_SUPERSEDED
        and reinstated.kind == AuditEvent.Kind.DOCUMENT_REINSTATED
    )
    for event in (superseded, reinstated):
        assert event.actor == editor
        assert (event.bereich, event.target) == ("fachgebiete:shisha", f"fachgebiete.document:{document.pk}")
        assert event.detail["title"] == document.title
    assert superseded.detail["reason"] == "ersetzt durch Fassung 2024"
    assert superseded.detail["successor"] == successor.title
    assert reinstated.detail["former_reason"] == "ersetzt durch Fassung 2024"


def test_a_refused_supersede_records_nothing(login, shisha, make_document):
    document = make_document(shisha)
    login("editor").post(document.get_supersede_url(), {"reason": ""})
    login("member").post(document.get_supersede_url(), {"reason": "x"})
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.DOCUMENT_SUPERSEDED).exists()


def test_marking_superseded_records_who_and_taking_it_back_clears_it(login, editor, shisha, make_document):
    document = make_document(shisha)
    login("editor").post(document.get_supersede_url(), {"reason": "ersetzt durch Fassung 2024"})
    document.refresh_from_db()
    assert document.superseded_by == editor
    page = main_text(login("editor").get(document.get_supersede_url()))
    assert f"Bisher als überholt markiert von {editor.get_full_name()} am" in page
    sections = {section.key: section for section in personal_data.export(editor)}
    assert [row["titel"] for row in sections["fachgebiete_aenderungen"].rows] == [document.title]
    login("editor").post(document.get_supersede_url())
    document.refresh_from_db()
    assert document.superseded_by is None and document.superseded_at is None


def test_superseding_needs_a_reason(login, shisha, make_document):
    document = make_document(shisha)
    response = login("editor").post(document.get_supersede_url(), {"reason": ""})
    assert response.status_code == 200 and "Bitte prüfen Sie Ihre Angaben" in main_text(response)
    assert not Document.objects.get(pk=document.pk).is_superseded


# --- Downloads ---------------------------------------------------------------------------------


def test_download_headers(login, shisha, make_document):
    document = make_document(shisha, versions=2)
    response = login("outsider").get(document.versions.get(number=1).get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Checkliste Version 1.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_umlaut_filenames_survive(login, shisha, make_article):
    article = make_article(shisha, attachment=True)
    stored = article.attachments.get().file
    StoredFile.objects.filter(pk=stored.pk).update(original_name="Prüfbericht Größe.pdf")
    response = login("member").get(article.attachments.get().get_download_url())
    assert "filename*=UTF-8''Pr%C3%BCfbericht%20Gr%C3%B6%C3%9Fe.pdf" in response["Content-Disposition"]


def test_downloads_of_unpublished_items_are_404(login, shisha, make_document, make_article, make_rechtstatsache):
    document = make_document(shisha, Status.SUBMITTED)
    article = make_article(shisha, Status.SUBMITTED, attachment=True)
    client = login("outsider")
    assert client.get(document.get_download_url()).status_code == 404
    assert client.get(document.versions.get().get_download_url()).status_code == 404
    assert client.get(article.attachments.get().get_download_url()).status_code == 404
    assert login("member").get(document.get_download_url()).status_code == 200  # the author
    # Only the one served download is in the audit log, none of the refused ones.
    assert AuditEvent.objects.filter(kind="download").count() == 1


def test_only_the_office_finds_who_downloaded_a_document(login, shisha, make_document):
    document = make_document(shisha)
    link = f"/verwaltung/protokoll/?kind=download&amp;target=fachgebiete.document:{document.pk}"
    assert link in main_text(login("office").get(document.get_absolute_url()))
    assert "/verwaltung/protokoll/" not in main_text(login("member").get(document.get_absolute_url()))


def test_every_fachgebiet_download_is_in_the_audit_log_with_its_version(login, shisha, make_document, make_article):
    document = make_document(shisha, versions=2)
    article = make_article(shisha, Status.PUBLISHED, attachment=True)
    client = login("outsider")
    client.get(document.get_download_url())
    client.get(document.versions.get(number=1).get_download_url())
    client.get(article.attachments.get().get_download_url())
    outsider = User.objects.get(email__startswith="olga")
    events = list(AuditEvent.objects.filter(kind="download").order_by("pk"))
    assert [(e.actor, e.bereich, e.target, e.detail["version"]) for e in events] == [
        (outsider, "fachgebiete:shisha", f"fachgebiete.document:{document.pk}", 2),
        (outsider, "fachgebiete:shisha", f"fachgebiete.document:{document.pk}", 1),
        (outsider, "fachgebiete:shisha", f"fachgebiete.article:{article.pk}", None),
    ]
    assert events[0].detail["file"] == document.versions.get(number=2).file_id
    assert events[0].actor_name.endswith(f"({outsider.email})")


def test_a_missing_version_number_is_404(login, shisha, make_document):
    document = make_document(shisha)
    assert login("member").get(shisha.url("document_version_download", pk=document.pk, number=9)).status_code == 404


def test_nginx_mode_sends_x_accel_redirect(login, shisha, make_document, settings):
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    from django_sendfile.utils import _get_sendfile

    _get_sendfile.cache_clear()
    try:
        response = login("member").get(make_document(shisha).get_download_url())
        assert response["X-Accel-Redirect"].startswith(settings.SENDFILE_URL)
    finally:
        _get_sendfile.cache_clear()


# --- The Geschäftsstelle grants the Redaktion ----------------------------------------------------


def test_office_grants_the_redaktion_and_it_is_logged(login, office, shisha, outsider):
    response = login("office").post("/verwaltung/fachgebiete/shisha/redaktion/", {"email": outsider.email})
    assert response.status_code == 302
    assert access.can_edit(outsider, shisha)
    event = AuditEvent.objects.get(kind="editor_granted")
    assert (event.actor, event.subject, event.bereich) == (office, outsider, "fachgebiete:shisha")
    assert outsider.get_full_name() in main_text(login("office").get("/verwaltung/fachgebiete/"))
    log = main_text(login("office").get("/verwaltung/fachgebiete/shisha/redaktion/"))
    person = f"{outsider.get_full_name()} ({outsider.email})"
    assert f"Redaktion übertragen – {person}, durch {office.get_full_name()}" in log


def test_office_revokes_after_confirmation(login, office, shisha, editor):
    url = f"/verwaltung/fachgebiete/shisha/redaktion/{editor.pk}/entziehen/"
    client = login("office")
    assert "Ja, Redaktion entziehen" in main_text(client.get(url))
    assert access.can_edit(editor, shisha)
    client.post(url)
    assert not access.can_edit(editor, shisha)
    event = AuditEvent.objects.get(kind="editor_revoked")
    assert (event.actor, event.subject) == (office, editor)


def test_granting_an_unknown_address_is_explained(login, shisha):
    response = login("office").post("/verwaltung/fachgebiete/shisha/redaktion/", {"email": "niemand@essen.de"})
    assert "kein Konto" in main_text(response)


@pytest.mark.parametrize("role", ["member", "editor"])
def test_office_pages_are_403_for_others(login, shisha, role):
    assert login(role).get("/verwaltung/fachgebiete/shisha/redaktion/").status_code == 403


def test_group_grants_count(make_user, shisha):
    from django.contrib.auth.models import Group
    from guardian.shortcuts import assign_perm

    user = make_user("gruppe@essen.de")
    group = Group.objects.create(name="Redaktion Shisha")
    user.groups.add(group)
    assign_perm("fachgebiete.edit_fachgebiet", group, shisha)
    assert access.can_edit(user, shisha) and list(access.editors_of(shisha)) == [user]
