"""A new version, "überholt", "aufgehoben": who relied on the item hears of it, once, as they chose.

- editor (Redaktion Shisha) makes the changes and hears nothing of her own;
- reader downloaded the Shisha checklist (through the download page: the audit log knows) and
  follows nothing;
- follower_now follows Shisha at once, follower_weekly weekly; neither downloaded anything;
- member wrote the items (the fixtures' author), neither follows nor downloaded;
- outsider downloaded a document of another Fachgebiet only.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from benachrichtigungen import outbox
from benachrichtigungen.models import Frequency, Notice, Subscription
from fachgebiete import lifecycle, services
from fachgebiete.models import Document, LifecycleEvent, Rechtstatsache
from partner.models import AuditEvent, User

from .conftest import pdf_upload

WEEK_AGO = timedelta(days=7, minutes=5)


@pytest.fixture(autouse=True)
def _mail(recording_mail):
    return recording_mail


@pytest.fixture
def document(shisha, make_document):
    return make_document(shisha, title="Checkliste Shisha-Kontrolle", description="Interne Prüfpunkte Nr. 7")


@pytest.fixture
def reader(make_user, client, document):
    user = make_user("rita.leser@essen.de")
    client.force_login(user)
    assert client.get(document.get_download_url()).status_code == 200
    client.logout()
    return user


@pytest.fixture
def follower_now(make_user, shisha):
    user = make_user("ines.sofort@essen.de")
    Subscription.objects.create(user=user, topic=shisha, frequency=Frequency.IMMEDIATE)
    return user


@pytest.fixture
def follower_weekly(make_user, shisha):
    user = make_user("wilma.woche@essen.de")
    Subscription.objects.create(
        user=user, topic=shisha, frequency=Frequency.WEEKLY, digest_from=timezone.now() - timedelta(days=1)
    )
    return user


def _to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


def _run() -> None:
    call_command("send_notifications", stdout=StringIO())


def _new_version(login, editor, document, callbacks):
    with callbacks(execute=True):
        response = login(editor).post(document.get_version_add_url(), {"file": pdf_upload("Fassung 2.pdf")})
    assert response.status_code == 302
    return response


def _supersede(document, editor, callbacks, **fields):
    with callbacks(execute=True):
        services.document_supersede(document=document, user=editor, reason="Rechtslage geändert", **fields)


def test_a_new_version_tells_who_downloaded_an_earlier_one_once(
    login, editor, document, reader, member, django_capture_on_commit_callbacks
):
    _new_version(login, editor, document, django_capture_on_commit_callbacks)
    [message] = _to(reader)
    assert message.subject == (
        "[SiKo Ruhr Portal] Geändert in Shisha: Checkliste Shisha-Kontrolle (Muster & Arbeitshilfen: neue Version 2)"
    )
    assert f"https://portal.example.test{document.get_absolute_url()}" in message.body
    assert "frühere Fassung heruntergeladen" in message.body
    assert "Interne Prüfpunkte" not in message.body  # titles and links only
    _run()
    _run()
    assert len(_to(reader)) == 1
    assert _to(member) == [] and _to(editor) == []


def test_a_new_version_tells_followers_at_once(
    login, editor, document, follower_now, django_capture_on_commit_callbacks
):
    _new_version(login, editor, document, django_capture_on_commit_callbacks)
    [message] = _to(follower_now)
    assert "weil Sie „Shisha“ folgen" in message.body


def test_the_version_page_says_who_is_told(login, editor, document, django_capture_on_commit_callbacks):
    response = _new_version(login, editor, document, django_capture_on_commit_callbacks)
    page = login(editor).get(response.url).content.decode()
    assert "frühere Fassung heruntergeladen hat, wird benachrichtigt" in page


def test_superseded_tells_followers_and_downloaders_once_each(
    editor, document, reader, follower_now, make_user, client, django_capture_on_commit_callbacks
):
    both = make_user("bea.beides@essen.de")
    Subscription.objects.create(user=both, topic=document.fachgebiet, frequency=Frequency.IMMEDIATE)
    client.force_login(both)
    client.get(document.get_download_url())
    client.get(document.versions.get().get_download_url())
    _supersede(document, editor, django_capture_on_commit_callbacks)
    _run()
    assert len(_to(reader)) == 1 and len(_to(follower_now)) == 1 and len(_to(both)) == 1
    assert "Muster & Arbeitshilfen: überholt" in _to(reader)[0].subject
    assert Notice.objects.filter(user=both).count() == 1


def test_a_weekly_follower_who_downloaded_hears_of_it_in_the_digest(
    editor, document, follower_weekly, client, django_capture_on_commit_callbacks
):
    client.force_login(follower_weekly)
    client.get(document.get_download_url())
    _supersede(document, editor, django_capture_on_commit_callbacks)
    assert _to(follower_weekly) == []  # not at once: the follow says weekly
    _run()
    assert _to(follower_weekly) == []  # the week is not over yet
    Subscription.objects.filter(user=follower_weekly).update(digest_from=timezone.now() - WEEK_AGO)  # a week later
    _run()
    [digest] = _to(follower_weekly)
    assert "Checkliste Shisha-Kontrolle (Muster & Arbeitshilfen: überholt" in digest.body
    _run()
    assert len(_to(follower_weekly)) == 1


def test_downloads_after_the_change_do_not_count(
    login, editor, document, make_user, django_capture_on_commit_callbacks
):
    late = make_user("lena.spaet@essen.de")
    _new_version(login, editor, document, django_capture_on_commit_callbacks)
    login(late).get(document.get_download_url())
    _supersede(document, editor, django_capture_on_commit_callbacks)
    assert len(_to(late)) == 1  # the "überholt" (she had version 2), not the new version


def test_downloads_of_other_documents_do_not_count(
    editor, document, outsider, gluecksspiel, make_document, client, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    client.get(make_document(gluecksspiel).get_download_url())
    _supersede(document, editor, django_capture_on_commit_callbacks)
    assert _to(outsider) == []


def test_who_lost_access_before_sending_gets_nothing(editor, document, reader, follower_now):
    services.document_supersede(document=document, user=editor, reason="Rechtslage geändert")  # mails not sent yet
    User.objects.filter(pk__in=[reader.pk, follower_now.pk]).update(status=User.Status.DEACTIVATED)
    outbox.send_due()
    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_a_mark_taken_back_before_sending_is_not_announced(editor, document, reader):
    services.document_supersede(document=document, user=editor, reason="Versehen")
    services.document_reinstate(document=document, user=editor)
    outbox.send_due()
    assert mail.outbox == []


def test_an_unpublished_document_tells_nobody(editor, shisha, make_document, follower_now):
    draft = make_document(shisha, status="submitted")
    assert lifecycle.version_published(draft, number=2, user=editor) is None
    assert lifecycle.document_superseded(draft, user=editor) is None
    assert not LifecycleEvent.objects.exists() and not Notice.objects.exists()


def test_supersede_records_who_and_the_successor(editor, document, shisha, make_document):
    successor = make_document(shisha, title="Checkliste 2025")
    services.document_supersede(document=document, user=editor, reason="Ersetzt", successor=successor)
    stored = Document.objects.get(pk=document.pk)
    assert stored.superseded_by == editor and stored.successor == successor
    event = LifecycleEvent.objects.get()
    assert event.created_by == editor and event.kind == LifecycleEvent.Kind.SUPERSEDED


def test_a_successor_from_another_fachgebiet_is_refused(editor, document, gluecksspiel, make_document):
    with pytest.raises(services.WorkflowError):
        services.document_supersede(document=document, user=editor, reason="x", successor=make_document(gluecksspiel))
    assert not Document.objects.get(pk=document.pk).is_superseded


# --- Rechtstatsachen --------------------------------------------------------------------------------


@pytest.fixture
def decision(shisha, make_rechtstatsache, member):
    from dokumente.services import FileStore

    stored = FileStore().store(pdf_upload("Beschluss.pdf"), user=member)
    return make_rechtstatsache(shisha, file=stored)


def _edit(login, editor, record, **changes):
    data = {
        "kind": record.kind,
        "court": record.court,
        "decision_date": record.decision_date.isoformat(),
        "aktenzeichen": record.aktenzeichen,
        "norms": record.norms,
        "headnote": record.headnote,
        "summary": record.summary,
        "legal_status": record.legal_status,
        "follow_up": "",
        "review_on": "",
        "source_url": "",
        **changes,
    }
    return login(editor).post(record.get_edit_url(), data)


def test_a_decision_aufgehoben_tells_downloaders_and_followers_once(
    login, editor, decision, make_user, follower_now, django_capture_on_commit_callbacks
):
    reader = make_user("rita.leser@essen.de")
    login(reader).get(decision.get_download_url())
    with django_capture_on_commit_callbacks(execute=True):
        assert _edit(login, editor, decision, legal_status="aufgehoben").status_code == 302
    assert len(_to(reader)) == 1 and len(_to(follower_now)) == 1
    assert "Rechtstatsachen: aufgehoben" in _to(reader)[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        _edit(login, editor, Rechtstatsache.objects.get(pk=decision.pk), headnote="Neu gefasst.")
    _run()
    assert len(_to(reader)) == 1 and len(_to(follower_now)) == 1
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DOWNLOAD, actor=reader).count() == 1


def test_other_status_changes_are_no_news(login, editor, decision, follower_now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _edit(login, editor, decision, legal_status="nicht_rechtskraeftig")
    assert mail.outbox == [] and not LifecycleEvent.objects.exists()


def test_the_data_export_lists_the_changes_a_person_reported(editor, document, member):
    from fachgebiete.personal_data import export

    services.document_supersede(document=document, user=editor, reason="Rechtslage geändert")
    [section] = [s for s in export(editor) if s.key == "fachgebiete_aenderungen"]
    [row] = section.rows
    assert (row["titel"], row["aenderung"], row["fachgebiet"]) == ("Checkliste Shisha-Kontrolle", "überholt", "Shisha")
    assert [s for s in export(member) if s.key == "fachgebiete_aenderungen"][0].rows == []
