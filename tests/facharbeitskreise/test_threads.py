"""Discussion threads: any member discusses; authors edit their own posts; attachments go through dokumente."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dokumente.models import StoredFile
from facharbeitskreise import content_services
from facharbeitskreise.models import Arbeitskreis, Post, PostAttachment, Thread
from partner.models import AuditEvent
from tests.helpers import count_queries, main_text

from .uploads import fake_pdf, pdf_upload

pytestmark = pytest.mark.django_db


def _url(name, arbeitskreis, **kwargs):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug, **kwargs})


@pytest.fixture
def thread(arbeitskreis, ak_contributor):
    return content_services.thread_create(
        arbeitskreis=arbeitskreis,
        user=ak_contributor,
        title="Erfahrungen mit Schwerpunktkontrollen",
        body="Wie geht ihr vor?",
    )


def test_member_starts_a_thread(login, ak_member, arbeitskreis):
    response = login(ak_member).post(
        _url("thread_create", arbeitskreis), {"title": "Kontrollen Tabaksteuer", "body": "Hat jemand **Erfahrung**?"}
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert thread.posts.get().author == ak_member and thread.post_count == 1


def test_markdown_is_rendered_and_sanitised(login, ak_member, arbeitskreis):
    content_services.thread_create(
        arbeitskreis=arbeitskreis, user=ak_member, title="T", body="**fett** <script>alert(1)</script>"
    )
    text = main_text(login(ak_member).get(Thread.objects.get().get_absolute_url()))
    assert "<strong>fett</strong>" in text and "<script>" not in text


def test_member_replies_and_the_thread_moves_up(login, ak_member, arbeitskreis, thread, ak_contributor):
    older = content_services.thread_create(
        arbeitskreis=arbeitskreis, user=ak_contributor, title="Älteres Thema", body="x"
    )
    response = login(ak_member).post(
        _url("thread_reply", arbeitskreis, pk=thread.pk), {"body": "Wir kontrollieren nachts."}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.post_count == 2
    text = main_text(login(ak_member).get(_url("thread_list", arbeitskreis)))
    assert text.index(thread.title) < text.index(older.title)


def test_reply_with_an_attachment(login, ak_member, arbeitskreis, thread):
    login(ak_member).post(
        _url("thread_reply", arbeitskreis, pk=thread.pk), {"body": "Anbei unser Vermerk", "attachment": pdf_upload()}
    )
    attachment = PostAttachment.objects.get()
    assert attachment.post.author == ak_member and attachment.file.original_name == "Lagebild Shisha-Bars.pdf"


def test_a_rejected_attachment_leaves_nothing_and_keeps_the_text(login, ak_member, arbeitskreis, thread):
    response = login(ak_member).post(
        _url("thread_reply", arbeitskreis, pk=thread.pk),
        {"body": "Mein ausführlicher Bericht", "attachment": fake_pdf()},
    )
    assert response.status_code == 200
    assert "Mein ausführlicher Bericht" in main_text(response)
    assert Post.objects.count() == 1 and not StoredFile.objects.exists()


def test_attachment_download_is_logged(login, ak_member, arbeitskreis, thread, ak_contributor):
    content_services.post_reply(thread=thread, user=ak_contributor, body="Datei", upload=pdf_upload())
    attachment = PostAttachment.objects.get()
    assert login(ak_member).get(_url("attachment_download", arbeitskreis, pk=attachment.pk)).status_code == 200
    event = AuditEvent.objects.filter(kind="download").get()
    assert (event.actor, event.target) == (ak_member, f"facharbeitskreise.post:{attachment.post_id}")


@pytest.mark.parametrize("who", ["outsider", "office", "other_lead"])
def test_people_without_grant_get_404(request, login, arbeitskreis, thread, who):
    content_services.post_reply(thread=thread, user=thread.created_by, body="Datei", upload=pdf_upload())
    client = login(request.getfixturevalue(who))
    assert client.get(_url("thread_detail", arbeitskreis, pk=thread.pk)).status_code == 404
    assert client.post(_url("thread_reply", arbeitskreis, pk=thread.pk), {"body": "x"}).status_code == 404
    assert client.get(_url("attachment_download", arbeitskreis, pk=PostAttachment.objects.get().pk)).status_code == 404
    assert Post.objects.count() == 2


def test_author_edits_own_post(login, ak_contributor, arbeitskreis, thread):
    post = thread.posts.get()
    response = login(ak_contributor).post(_url("post_edit", arbeitskreis, pk=post.pk), {"body": "Korrigiert"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Korrigiert" and post.edited_at is not None


def test_nobody_edits_someone_elses_post(login, ak_lead, arbeitskreis, thread):
    post = thread.posts.get()
    assert login(ak_lead).post(_url("post_edit", arbeitskreis, pk=post.pk), {"body": "Fremd"}).status_code == 403
    post.refresh_from_db()
    assert post.body == "Wie geht ihr vor?"


def test_replying_in_an_archived_arbeitskreis_keeps_the_text(login, ak_member, arbeitskreis, thread):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    response = login(ak_member).post(
        _url("thread_reply", arbeitskreis, pk=thread.pk), {"body": "Noch ein Gedanke dazu"}
    )
    assert response.status_code == 403
    text = main_text(response)
    assert "archiviert" in text and "Noch ein Gedanke dazu" in text
    assert Post.objects.count() == 1


def test_starting_a_thread_in_an_archived_arbeitskreis_keeps_the_text(login, ak_member, arbeitskreis):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    response = login(ak_member).post(
        _url("thread_create", arbeitskreis), {"title": "Neues Thema", "body": "Langer Text"}
    )
    assert response.status_code == 403
    assert "Langer Text" in main_text(response) and not Thread.objects.exists()


def test_thread_list_runs_a_fixed_number_of_queries(login, ak_member, arbeitskreis, ak_contributor):
    for i in range(2):
        content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title=f"Thema {i}", body="x")
    client = login(ak_member)
    few = count_queries(client, _url("thread_list", arbeitskreis))
    for i in range(2, 8):
        content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_member, title=f"Thema {i}", body="x")
    assert count_queries(client, _url("thread_list", arbeitskreis)) == few


def test_thread_page_runs_a_fixed_number_of_queries(login, ak_member, arbeitskreis, thread, ak_contributor):
    client = login(ak_member)
    content_services.post_reply(thread=thread, user=ak_contributor, body="a", upload=pdf_upload())
    few = count_queries(client, thread.get_absolute_url())
    for i in range(5):
        content_services.post_reply(thread=thread, user=ak_member, body=f"Antwort {i}", upload=pdf_upload())
    assert count_queries(client, thread.get_absolute_url()) == few


def test_a_thread_without_a_title_is_refused_with_the_text_kept(login, ak_member, arbeitskreis):
    response = login(ak_member).post(_url("thread_create", arbeitskreis), {"title": "", "body": "Mein langer Text"})
    assert response.status_code == 200
    text = main_text(response)
    assert "Dieses Feld ist zwingend erforderlich." in text and "Mein langer Text" in text
    assert not Thread.objects.exists()


def test_emptying_a_post_is_refused_and_the_old_text_kept(login, ak_contributor, arbeitskreis, thread):
    post = thread.posts.get()
    response = login(ak_contributor).post(_url("post_edit", arbeitskreis, pk=post.pk), {"body": ""})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in main_text(response)
    post.refresh_from_db()
    assert post.body == "Wie geht ihr vor?" and post.edited_at is None


def test_an_attachment_missing_from_storage_is_404_and_not_logged(
    login, ak_member, arbeitskreis, thread, ak_contributor
):
    content_services.post_reply(thread=thread, user=ak_contributor, body="Datei", upload=pdf_upload())
    attachment = PostAttachment.objects.select_related("file").get()
    attachment.file.file.delete(save=False)
    assert login(ak_member).get(_url("attachment_download", arbeitskreis, pk=attachment.pk)).status_code == 404
    assert not AuditEvent.objects.filter(kind="download").exists()
