"""Mails of a request go through the worker's "mail" queue (common.mail.send_after_commit), apart
from the "extraction" queue: a waiting PDF never holds a mail up, a rolled-back change sends
nothing, and a failed send is not sent again behind anyone's back.

The worker is django-tasks-db's real `db_worker` (in this process, as sikoportal-worker.service
runs it: queues default and mail); the failing send goes to a real SMTP server that refuses the
recipient (aiosmtpd).
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from common.mail import MAIL_QUEUE, send_after_commit
from common.tasks import send_rendered_mail
from dokumente.tasks import EXTRACTION_QUEUE, extract_file_text
from newsletter import smtp_sink

pytestmark = pytest.mark.django_db(transaction=True)

CONTEXT = {"applicant": {"get_full_name": "Lena Lehmann", "email": "lena@essen.de", "pk": 7}, "queue_url": "/x/"}


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.SIKO_TASK_QUEUES}}


def mail_worker() -> None:
    """One run of sikoportal-worker.service's worker: everything due on default and mail, then exit."""
    call_command("db_worker", queue_name="default,mail", batch=True, reload=False, startup_delay=False, verbosity=0)


def office_notice() -> None:
    send_after_commit("partner/email/new_application", CONTEXT, ["poststelle@sikoruhr.nrw.de"])


def test_the_request_only_enqueues_and_the_mail_worker_sends():
    with transaction.atomic():
        office_notice()
    assert mail.outbox == []
    (task,) = DBTaskResult.objects.all()
    assert (task.queue_name, task.task_path) == (MAIL_QUEUE, send_rendered_mail.module_path)

    mail_worker()

    (message,) = mail.outbox
    assert message.to == ["poststelle@sikoruhr.nrw.de"]
    assert "Neuer Zulassungsantrag" in message.subject
    assert message.alternatives[0].mimetype == "text/html"
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_rolled_back_change_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        office_notice()
        raise RuntimeError("Änderung verworfen")
    assert not DBTaskResult.objects.exists()


def test_a_waiting_extraction_does_not_hold_up_a_mail():
    extract_file_text.enqueue(123456)  # on its own queue; its worker may be busy with a large PDF
    office_notice()

    mail_worker()

    assert len(mail.outbox) == 1
    waiting = DBTaskResult.objects.get(queue_name=EXTRACTION_QUEUE)
    assert waiting.status == TaskResultStatus.READY


def test_a_refused_mail_fails_once_and_is_not_sent_again(settings):
    sink = smtp_sink.Sink(refuse={"poststelle@sikoruhr.nrw.de"})
    with smtp_sink.running(sink) as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
        office_notice()
        mail_worker()
        mail_worker()
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert sink.accepted == 0 and sink.data_commands == 0
