"""Deleting posts and threads: authors their own posts, the lead any post or whole thread.

The first post opens the thread; deleting it deletes the thread. An author may do that only while
nobody else has replied. Attachments' stored files go with their posts (after commit).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from dokumente.models import StoredFile
from facharbeitskreise import content_services
from facharbeitskreise.models import Arbeitskreis, ArbeitskreisEvent, Post, PostAttachment, Thread
from partner.models import AuditEvent
from tests.helpers import main_text

from .uploads import pdf_upload

pytestmark = pytest.mark.django_db


def _url(name, arbeitskreis, pk):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug, "pk": pk})


@pytest.fixture
def thread(arbeitskreis, ak_contributor):
    return content_services.thread_create(
        arbeitskreis=arbeitskreis,
        user=ak_contributor,
        title="Erfahrungen mit Schwerpunktkontrollen",
        body="Wie geht ihr vor?",
        upload=pdf_upload("Einladung.pdf"),
    )


@pytest.fixture
def opening(thread):
    return thread.posts.get()


@pytest.fixture
def reply(thread, ak_member):
    return content_services.post_reply(
        thread=thread, user=ak_member, body="Wir kontrollieren nachts.", upload=pdf_upload("Bericht.pdf")
    )


def _stored_paths() -> list[Path]:
    return [Path(settings.MEDIA_ROOT) / name for name in StoredFile.objects.values_list("file", flat=True)]


# --- an author deletes their own post ---------------------------------------------------------


def test_author_sees_a_confirmation_first(login, ak_member, arbeitskreis, reply):
    response = login(ak_member).get(_url("post_delete", arbeitskreis, reply.pk))
    assert response.status_code == 200
    assert "Ihren Beitrag löschen?" in main_text(response) and "1 Anhang" in main_text(response)
    assert Post.objects.filter(pk=reply.pk).exists()


def test_author_deletes_their_reply_and_its_attachment_file(
    login, ak_member, arbeitskreis, thread, reply, django_capture_on_commit_callbacks
):
    file_path = Path(settings.MEDIA_ROOT) / reply.attachments.get().file.file.name
    assert file_path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(ak_member).post(_url("post_delete", arbeitskreis, reply.pk))
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert not Post.objects.filter(pk=reply.pk).exists()
    assert StoredFile.objects.count() == 1 and not file_path.exists()
    thread.refresh_from_db()
    assert thread.post_count == 1 and thread.last_post_at == thread.posts.get().created_at


def test_the_download_record_outlives_the_deleted_attachment(login, ak_member, ak_lead, arbeitskreis, reply):
    # The audit log answers "who had this file" also after the file is gone.
    attachment = reply.attachments.get()
    download = reverse("facharbeitskreise:attachment_download", kwargs={"slug": arbeitskreis.slug, "pk": attachment.pk})
    login(ak_lead).get(download)
    assert AuditEvent.objects.filter(kind="download").count() == 1
    login(ak_member).post(_url("post_delete", arbeitskreis, reply.pk))
    assert AuditEvent.objects.filter(kind="download").get().actor == ak_lead


def test_author_may_not_delete_someone_elses_post(login, ak_contributor, arbeitskreis, reply):
    response = login(ak_contributor).post(_url("post_delete", arbeitskreis, reply.pk))
    assert response.status_code == 403 and Post.objects.filter(pk=reply.pk).exists()


def test_author_deletes_the_thread_they_opened_while_nobody_replied(
    login, ak_contributor, arbeitskreis, thread, opening
):
    client = login(ak_contributor)
    assert "Ja, Diskussion löschen" in main_text(client.get(_url("post_delete", arbeitskreis, opening.pk)))
    response = client.post(_url("post_delete", arbeitskreis, opening.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("facharbeitskreise:thread_list", kwargs={"slug": arbeitskreis.slug})
    assert not Thread.objects.exists() and not StoredFile.objects.exists()


def test_author_may_not_delete_an_opening_post_others_replied_to(login, ak_contributor, arbeitskreis, opening, reply):
    client = login(ak_contributor)
    page = client.get(_url("post_delete", arbeitskreis, opening.pk))
    assert page.status_code == 403 and "Leitung" in main_text(page) and "Ja, Diskussion löschen" not in main_text(page)
    assert client.post(_url("post_delete", arbeitskreis, opening.pk)).status_code == 403
    assert Post.objects.count() == 2


# --- the lead moderates -----------------------------------------------------------------------


def test_lead_deletes_someone_elses_reply(login, ak_lead, arbeitskreis, thread, reply):
    page = login(ak_lead).get(_url("post_delete", arbeitskreis, reply.pk))
    assert "Beitrag von Karl Mitglied löschen?" in main_text(page)
    assert login(ak_lead).post(_url("post_delete", arbeitskreis, reply.pk)).status_code == 302
    assert list(thread.posts.values_list("pk", flat=True)) == [thread.posts.get().pk]


def test_lead_deleting_the_opening_post_deletes_the_thread(
    login, ak_lead, arbeitskreis, opening, reply, django_capture_on_commit_callbacks
):
    paths = _stored_paths()
    assert len(paths) == 2 and all(path.exists() for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        login(ak_lead).post(_url("post_delete", arbeitskreis, opening.pk))
    assert not Thread.objects.exists() and not Post.objects.exists() and not PostAttachment.objects.exists()
    assert not StoredFile.objects.exists() and not any(path.exists() for path in paths)


def test_lead_sees_a_thread_confirmation_with_counts(login, ak_lead, arbeitskreis, thread, reply):
    response = login(ak_lead).get(_url("thread_delete", arbeitskreis, thread.pk))
    assert response.status_code == 200
    assert "2 Beiträge und 2 Anhänge werden gelöscht" in main_text(response)
    assert Thread.objects.exists()


def test_lead_deletes_a_whole_thread_with_its_files(
    login, ak_lead, arbeitskreis, thread, reply, django_capture_on_commit_callbacks
):
    paths = _stored_paths()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(ak_lead).post(_url("thread_delete", arbeitskreis, thread.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("facharbeitskreise:thread_list", kwargs={"slug": arbeitskreis.slug})
    assert not Thread.objects.exists() and not StoredFile.objects.exists()
    assert not any(path.exists() for path in paths)


def test_news_of_a_deleted_thread_is_not_sent_later(login, ak_lead, arbeitskreis, thread, reply):
    assert ArbeitskreisEvent.objects.count() == 2
    login(ak_lead).post(_url("thread_delete", arbeitskreis, thread.pk))
    assert not ArbeitskreisEvent.objects.exists()


def test_news_of_a_deleted_reply_is_dropped_but_the_threads_stays(login, ak_lead, arbeitskreis, thread, reply):
    login(ak_lead).post(_url("post_delete", arbeitskreis, reply.pk))
    assert list(ArbeitskreisEvent.objects.values_list("kind", flat=True)) == [ArbeitskreisEvent.Kind.THREAD]


@pytest.mark.parametrize("who", ["ak_member", "ak_contributor"])
def test_members_may_not_delete_threads(request, login, arbeitskreis, thread, who):
    client = login(request.getfixturevalue(who))
    assert client.get(_url("thread_delete", arbeitskreis, thread.pk)).status_code == 403
    assert client.post(_url("thread_delete", arbeitskreis, thread.pk)).status_code == 403
    assert Thread.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "office", "other_lead"])
@pytest.mark.parametrize("name", ["thread_delete", "post_delete"])
def test_people_without_grant_get_404(request, login, arbeitskreis, thread, opening, name, who):
    pk = thread.pk if name == "thread_delete" else opening.pk
    client = login(request.getfixturevalue(who))
    assert client.get(_url(name, arbeitskreis, pk)).status_code == 404
    assert client.post(_url(name, arbeitskreis, pk)).status_code == 404
    assert Thread.objects.exists()


def test_a_thread_of_another_arbeitskreis_is_not_reachable_through_this_one(
    login, ak_lead, arbeitskreis, other_arbeitskreis, other_lead
):
    foreign = content_services.thread_create(arbeitskreis=other_arbeitskreis, user=other_lead, title="Fremd", body="x")
    client = login(ak_lead)
    assert client.post(_url("thread_delete", arbeitskreis, foreign.pk)).status_code == 404
    assert client.post(_url("post_delete", arbeitskreis, foreign.posts.get().pk)).status_code == 404
    assert Thread.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("who", ["ak_lead", "ak_member"])
def test_archived_arbeitskreis_refuses_deleting_with_a_message(request, login, arbeitskreis, thread, reply, who):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    client = login(request.getfixturevalue(who))
    response = client.post(_url("post_delete", arbeitskreis, reply.pk))
    assert response.status_code == 403 and "archiviert" in main_text(response)
    assert Post.objects.count() == 2


def test_archived_arbeitskreis_refuses_thread_deletion_with_a_message(login, ak_lead, arbeitskreis, thread):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    response = login(ak_lead).post(_url("thread_delete", arbeitskreis, thread.pk))
    assert response.status_code == 403 and "archiviert" in main_text(response)
    assert Thread.objects.exists()


def test_thread_page_offers_deleting_own_posts_and_moderation_to_the_lead(login, ak_member, ak_lead, thread, reply):
    member_text = main_text(login(ak_member).get(thread.get_absolute_url()))
    assert member_text.count("Beitrag löschen") == 1 and "Diskussion löschen" not in member_text
    lead_text = main_text(login(ak_lead).get(thread.get_absolute_url()))
    assert lead_text.count("Beitrag löschen") == 2 and "Diskussion löschen" in lead_text
