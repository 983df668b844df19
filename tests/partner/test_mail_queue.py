"""Mails of office decisions and other request-time mails go through the mail worker, and a failed
mail task is sent again by `manage.py mail_resend` exactly once (partner/tasks.py, partner/resend.py).
Mails of a request go through the worker's "mail" queue (common.mail.send_after_commit), apart
from the "extraction" queue: a waiting PDF never holds a mail up, a rolled-back change sends
nothing, and a failed send is not sent again behind anyone's back.

The portal's real database queue (django-tasks-db) and its worker (`db_worker`) run here, as in
production; the test settings otherwise run tasks inline.
"""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from common.mail import MAIL_QUEUE
from common.tasks import send_rendered_mail
from partner import services
from partner.tasks import send_decision_mail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.SIKO_TASK_QUEUES}}


def work() -> None:
    """sikoportal-worker.service's mail queue, until nothing is left."""
    call_command("db_worker", queue_name=MAIL_QUEUE, batch=True, verbosity=0, reload=False)


def resend(*options: str) -> str:
    output = io.StringIO()
    call_command("mail_resend", *options, stdout=output)
    return output.getvalue()


def metric(name: str) -> float:
    """One number of /metrics as Prometheus reads it."""
    from prometheus_client import generate_latest

    from sikoportal.metrics import registry

    for line in generate_latest(registry()).decode().splitlines():
        if line.startswith(f"{name} "):
            return float(line.split()[1])
    raise AssertionError(f"{name} fehlt in /metrics")


def broken_mail_server():
    return mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("kein SMTP"))


def test_an_admission_is_mailed_by_the_worker_not_the_request(queue, client, office, applicant):
    client.force_login(office)
    response = client.post(reverse("partner:account_admit", args=[applicant.pk]), {"admit-reason": ""})

    assert not mail.outbox  # the request only queued it
    decision = applicant.decisions.get()
    assert decision.notified_at is None
    (task,) = DBTaskResult.objects.all()
    assert (task.task_path, task.queue_name) == (send_decision_mail.module_path, MAIL_QUEUE)
    assert "Die Person wird per E-Mail benachrichtigt." in client.get(response["Location"]).content.decode()

    work()

    assert [message.to for message in mail.outbox] == [[applicant.email]]
    assert mail.outbox[0].subject == "[SiKo Ruhr Portal] Ihr Zugang zum Portal ist freigeschaltet"
    decision.refresh_from_db()
    assert decision.notified_at is not None


def test_a_second_task_for_the_same_decision_sends_nothing(queue, office, applicant):
    outcome = services.application_reject(user=applicant, decided_by=office, reason="Kein Bezug erkennbar.")
    assert outcome.mail == services.MAIL_QUEUED
    assert services.decision_notify(outcome.decision) == services.MAIL_QUEUED  # say, a second click

    work()

    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 2


def test_failed_mails_are_resent_once_by_the_command(queue, office, applicant, applicant_unconfirmed):
    services.application_admit(user=applicant, decided_by=office)
    services.application_mark_verified(user=applicant_unconfirmed)  # tells the office: a rendered mail
    with broken_mail_server():
        work()
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    assert sorted(failed.values_list("task_path", flat=True)) == sorted(
        [send_decision_mail.module_path, send_rendered_mail.module_path]
    )
    assert not mail.outbox
    assert metric("siko_mails_unsent") == 2

    assert "2 fehlgeschlagene E-Mail(s) würden erneut eingeplant, 0 bereits früher." in resend("--dry-run")
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 0
    assert "2 fehlgeschlagene E-Mail(s) wurden erneut eingeplant, 0 bereits früher." in resend()
    assert "0 fehlgeschlagene E-Mail(s) wurden erneut eingeplant, 2 bereits früher." in resend()  # twice: no double
    assert metric("siko_mails_unsent") == 0
    work()

    assert sorted(message.to[0] for message in mail.outbox) == sorted([applicant.email, "poststelle@sikoruhr.nrw.de"])
    applicant.refresh_from_db()
    assert applicant.decisions.get().notified_at is not None
    assert "0 fehlgeschlagene E-Mail(s) wurden erneut eingeplant, 2 bereits früher." in resend()
    work()
    assert len(mail.outbox) == 2


def test_a_resend_that_fails_again_is_repeated_by_the_next_run(queue, office, applicant):
    services.application_admit(user=applicant, decided_by=office)
    with broken_mail_server():
        work()
        assert "1 fehlgeschlagene E-Mail(s) wurden erneut eingeplant" in resend()
        work()  # fails again
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 2

    assert "1 fehlgeschlagene E-Mail(s) wurden erneut eingeplant, 1 bereits früher." in resend()
    work()

    assert [message.to for message in mail.outbox] == [[applicant.email]]


def test_a_decision_resent_by_the_office_meanwhile_is_not_mailed_twice(queue, client, office, applicant):
    services.application_admit(user=applicant, decided_by=office)
    with broken_mail_server():
        work()
    decision = applicant.decisions.get()
    client.force_login(office)
    client.post(reverse("partner:decision_notify", args=[applicant.pk, decision.pk]))  # the button
    work()
    assert len(mail.outbox) == 1

    assert "1 fehlgeschlagene E-Mail(s) wurden erneut eingeplant" in resend()
    work()

    assert len(mail.outbox) == 1
