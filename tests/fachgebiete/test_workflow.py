"""The review workflow: every transition, every refused one, and who is told by e-mail."""

from __future__ import annotations

import pytest
from django.core import mail

from fachgebiete import services
from fachgebiete.models import Article, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def notified(monkeypatch):
    calls = []
    monkeypatch.setattr("fachgebiete.notifications.item_published", calls.append)
    return calls


def test_a_submission_tells_the_redaktion(shisha, editor, member, django_capture_on_commit_callbacks):
    article = Article(fachgebiet=shisha, kind=Article.Kind.ERFAHRUNGSBERICHT, title="Bericht", summary="s", body="b")
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_submit(article, user=member)
    assert article.status == Status.SUBMITTED and article.author == member and article.submitted_at
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Neuer Beitrag zur Prüfung in „Shisha“: Bericht" in mail.outbox[0].subject
    assert article.get_review_url() in mail.outbox[0].body


def test_without_redaktion_the_office_mailbox_is_told(
    gluecksspiel, member, settings, django_capture_on_commit_callbacks
):
    article = Article(fachgebiet=gluecksspiel, kind=Article.Kind.ERFAHRUNGSBERICHT, title="T", summary="s", body="b")
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_submit(article, user=member)
    assert mail.outbox[0].to == settings.SIKO_OFFICE_EMAILS
    assert "noch keine Redaktion" in mail.outbox[0].body


def test_publishing_tells_the_author_and_the_followers(
    shisha, editor, member, make_article, notified, django_capture_on_commit_callbacks
):
    article = make_article(shisha, Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_publish(article, user=editor)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.published_at and article.reviewed_by == editor
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Ihr Beitrag ist veröffentlicht" in mail.outbox[0].subject
    assert [item.pk for item in notified] == [article.pk]


def test_returning_needs_a_comment_and_mails_it(
    shisha, editor, member, make_article, django_capture_on_commit_callbacks
):
    article = make_article(shisha, Status.SUBMITTED)
    with pytest.raises(services.WorkflowError, match="was überarbeitet werden soll"):
        services.contribution_return(article, user=editor, comment="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_return(article, user=editor, comment="Bitte die Rechtsgrundlage ergänzen.")
    article.refresh_from_db()
    assert article.status == Status.RETURNED
    assert "Bitte die Rechtsgrundlage ergänzen." in mail.outbox[0].body
    assert article.get_edit_url() in mail.outbox[0].body


def test_rejecting_needs_a_reason_and_mails_it(
    shisha, editor, member, make_article, django_capture_on_commit_callbacks
):
    article = make_article(shisha, Status.SUBMITTED)
    with pytest.raises(services.WorkflowError, match="begründen"):
        services.contribution_reject(article, user=editor, comment="")
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_reject(article, user=editor, comment="Doppelt vorhanden.")
    article.refresh_from_db()
    assert article.status == Status.REJECTED
    assert "nicht angenommen" in mail.outbox[0].body and "Doppelt vorhanden." in mail.outbox[0].body


def test_the_author_resubmits_a_returned_item(shisha, editor, member, make_article, django_capture_on_commit_callbacks):
    article = make_article(shisha, Status.RETURNED)
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_submit(article, user=member)
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert mail.outbox[0].to == [editor.email]


def test_only_the_author_resubmits(shisha, outsider, make_article):
    article = make_article(shisha, Status.RETURNED)
    with pytest.raises(services.WorkflowError, match="Nur wer den Beitrag eingereicht hat"):
        services.contribution_submit(article, user=outsider)


def test_unpublish_and_republish_keep_the_first_publication_date(shisha, editor, make_article, notified):
    article = make_article(shisha, Status.PUBLISHED)
    first = article.published_at
    services.contribution_unpublish(article, user=editor)
    assert Article.objects.get(pk=article.pk).status == Status.WITHDRAWN
    services.contribution_republish(article, user=editor)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.published_at == first
    assert notified == []  # followers were told at the first publication


def test_republish_records_the_redaktion_comment(shisha, editor, make_article):
    article = make_article(shisha, Status.PUBLISHED)
    services.contribution_unpublish(article, user=editor, comment="Rechtslage wird geprüft.")
    services.contribution_republish(article, user=editor, comment="Geprüft: gilt unverändert.")
    article.refresh_from_db()
    assert article.review_comment == "Geprüft: gilt unverändert."
    assert article.reviewed_by == editor


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        (Status.PUBLISHED, "publish", "bereits veröffentlicht"),
        (Status.PUBLISHED, "return", "„veröffentlicht“ kann nicht zur Überarbeitung zurückgegeben werden"),
        (Status.PUBLISHED, "reject", "„veröffentlicht“ kann nicht abgelehnt werden"),
        (Status.PUBLISHED, "republish", "bereits veröffentlicht"),
        (Status.REJECTED, "reject", "bereits abgelehnt"),
        (Status.REJECTED, "publish", "„abgelehnt“ kann nicht veröffentlicht werden"),
        (Status.REJECTED, "unpublish", "„abgelehnt“ kann nicht zurückgezogen werden"),
        (Status.RETURNED, "return", "bereits zur Überarbeitung zurückgegeben"),
        (Status.RETURNED, "publish", "„zurückgegeben“ kann nicht veröffentlicht werden"),
        (Status.SUBMITTED, "unpublish", "„eingereicht“ kann nicht zurückgezogen werden"),
        (Status.SUBMITTED, "republish", "„eingereicht“ kann nicht wieder veröffentlicht werden"),
        (Status.WITHDRAWN, "unpublish", "bereits zurückgezogen"),
        (Status.WITHDRAWN, "reject", "„zurückgezogen“ kann nicht abgelehnt werden"),
    ],
)
def test_invalid_transitions_are_refused(shisha, editor, make_article, status, action, message):
    article = make_article(shisha, status)
    with pytest.raises(services.WorkflowError, match=message):
        services.ACTIONS[action](article, user=editor, comment="Kommentar")
    assert Article.objects.get(pk=article.pk).status == status


def test_a_submitted_item_cannot_be_submitted_again(shisha, member, make_article):
    article = make_article(shisha, Status.SUBMITTED)
    with pytest.raises(services.WorkflowError, match="bereits eingereicht"):
        services.contribution_submit(article, user=member)


def test_the_decision_uses_the_stored_state_not_a_stale_copy(shisha, editor, make_article):
    article = make_article(shisha, Status.SUBMITTED)
    stale = Article.objects.get(pk=article.pk)
    services.contribution_publish(article, user=editor)
    with pytest.raises(services.WorkflowError, match="bereits veröffentlicht"):
        services.contribution_publish(stale, user=editor)


def test_document_superseded_twice_is_refused(shisha, editor, make_document):
    document = make_document(shisha)
    services.document_supersede(document=document, user=editor, reason="Neue Fassung 2024")
    with pytest.raises(services.WorkflowError, match="bereits als überholt"):
        services.document_supersede(document=document, user=editor, reason="x")
