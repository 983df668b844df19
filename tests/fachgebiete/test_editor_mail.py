"""The person learns by mail when the Geschäftsstelle gives or takes their Redaktion."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from fachgebiete import services
from partner.models import User

pytestmark = pytest.mark.django_db

EDITORS_URL = "/verwaltung/fachgebiete/shisha/redaktion/"


def test_granting_the_redaktion_mails_the_person(login, shisha, outsider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login("office").post(EDITORS_URL, {"email": outsider.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [outsider.email]
    assert "Redaktion „Shisha“" in message.subject
    assert "die Geschäftsstelle hat Ihnen die Redaktion für den Bereich „Shisha“" in message.body
    assert "/fachgebiete/shisha/redaktion/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Zu den Beiträgen, die auf eine Prüfung warten" in html


def test_revoking_the_redaktion_mails_the_person(login, shisha, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login("office").post(f"{EDITORS_URL}{editor.pk}/entziehen/")
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert "Redaktion „Shisha“ ist beendet" in message.subject
    assert "Ihre Redaktion für den Bereich „Shisha“" in message.body and "beendet" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_the_confirmation_page_sends_no_mail(login, shisha, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login("office").get(f"{EDITORS_URL}{editor.pk}/entziehen/")
    assert mail.outbox == []


def test_granting_an_existing_editor_again_sends_no_mail(login, shisha, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login("office").post(EDITORS_URL, {"email": editor.email})
    assert mail.outbox == []


def test_revoking_without_a_grant_sends_no_mail(login, shisha, outsider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login("office").post(f"{EDITORS_URL}{outsider.pk}/entziehen/")
    assert mail.outbox == []


def test_a_refused_grant_sends_no_mail(login, shisha, applicant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login("office").post(EDITORS_URL, {"email": applicant.email})
    assert response.status_code == 200 and mail.outbox == []


def test_a_rolled_back_grant_sends_no_mail(shisha, outsider, office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.editor_grant(fachgebiet=shisha, user=outsider, by=office)
            raise RuntimeError("abgebrochen")
    assert mail.outbox == []


def test_grants_without_notification_send_no_mail(shisha, outsider, office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.editor_grant(fachgebiet=shisha, user=outsider, by=office, notify=False)
        assert services.editor_revoke(fachgebiet=shisha, user=outsider, by=office, notify=False)
    assert mail.outbox == []


def test_a_deactivated_person_is_not_mailed_about_the_revocation(
    shisha, editor, office, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=editor.pk).update(status=User.Status.DEACTIVATED)
    editor.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.editor_revoke(fachgebiet=shisha, user=editor, by=office)
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_grant(
    shisha, outsider, office, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("Mailserver nicht erreichbar")

    monkeypatch.setattr("common.mail.send_templated_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.editor_grant(fachgebiet=shisha, user=outsider, by=office)
    from fachgebiete import access

    assert access.can_edit(outsider, shisha)
