"""A reminder whose mails fail is sent again by `manage.py mail_resend` — once, never twice."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from common.mail import MAIL_QUEUE
from lagebilder import services
from zielgruppen.models import Scope

from .conftest import lagebild

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.SIKO_TASK_QUEUES}}


def work() -> None:
    call_command("db_worker", queue_name=MAIL_QUEUE, batch=True, verbosity=0, reload=False)


def resend() -> str:
    output = io.StringIO()
    call_command("mail_resend", stdout=output)
    return output.getvalue()


def test_failed_reminders_are_resent_once(queue, office, member, outsider):
    item = lagebild("Lagebild Rotlicht 2026", Scope.ALLE, office=office)
    assert services.remind(lagebild=item, user=office) == 3
    # The mail server is down while the worker sends (the server itself is what fails here).
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("kein SMTP")):
        work()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 3
    assert not mail.outbox

    assert services.remind(lagebild=item, user=office) is None  # the office's second click sends nothing
    assert "3 fehlgeschlagene E-Mail(s) wurden erneut eingeplant" in resend()
    assert "0 fehlgeschlagene E-Mail(s) wurden erneut eingeplant, 3 bereits früher." in resend()
    work()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([office.email, member.email, outsider.email])
