"""The real worker process (`manage.py db_worker`) against a real SMTP server (aiosmtpd).

Every recipient gets exactly one well-formed mail, also when the worker is killed
(SIGKILL) in the middle of the dispatch and started again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from devtools import smtp_sink
from newsletter import services
from newsletter.models import Delivery, Issue, Subscriber

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(settings.BASE_DIR)
REFUSED = "abgelehnt@bochum.de"


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_env(tmp_path):
    def env(port: int) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.newsletter.worker_settings",
            "DATABASE_URL": database_url(),
            "SIKO_TEST_SMTP_PORT": str(port),
            "SIKO_NEWSLETTER_BATCH_SIZE": "4",
            "SIKO_NEWSLETTER_CLAIM_SECONDS": "2",
            "PYTHONUNBUFFERED": "1",
        }

    return env


class Worker:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        self.process = subprocess.Popen(
            # The queues of sikoportal-worker.service (mail has no worker of its own for the extraction).
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "default,mail",
                "--interval",
                "0.1",
                "--no-startup-delay",
                "--no-reload",
            ],  # fmt: skip
            cwd=BASE_DIR,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(condition, *, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Zeitüberschreitung: {what}\n--- Worker-Log ---\n{log.read_text(errors='replace')}")
        time.sleep(0.1)


@pytest.fixture
def sink():
    sink = smtp_sink.Sink(refuse={REFUSED})
    with smtp_sink.running(sink) as port:
        sink.port = port
        yield sink


def test_every_recipient_gets_exactly_one_mail_though_the_worker_is_killed(
    sink, worker_env, office, make_subscriber, make_issue, tmp_path, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.SIKO_TASK_QUEUES}}
    people = [make_subscriber(f"person{i:02d}@bochum.de", name=f"Person Nr. {i}") for i in range(10)]
    people.append(make_subscriber("guenther.weiss@gelsenkirchen.de", name="Günther Weiß"))
    people.append(make_subscriber(REFUSED, name="Abgelehnt"))
    issue = make_issue(title="Schwerpunkt Glücksspiel: Größere Kontrollen")
    log = tmp_path / "worker.log"

    services.dispatch_start(issue=issue, started_by=office)
    sink.hold_at = 6  # the sixth mail is never answered: the worker is killed while it waits
    first = Worker(worker_env(sink.port), log)
    try:
        wait_for(sink.holding.is_set, timeout=60, what="sechste Mail erreicht den Server", log=log)
        first.kill()
    finally:
        first.stop()
    assert sink.accepted == 5
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 5
    assert Issue.objects.get().status == Issue.Status.SENDING

    # The restart: ExecStartPre (newsletter_resume), then the worker again.
    sink.hold_at = None
    resume = subprocess.run(
        [sys.executable, "manage.py", "newsletter_resume"],
        cwd=BASE_DIR,
        env=worker_env(sink.port),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resume.returncode == 0 and f"Ausgabe(n): {issue.pk}" in resume.stdout, resume.stderr
    second = Worker(worker_env(sink.port), log)
    try:
        wait_for(
            lambda: Issue.objects.get().status == Issue.Status.SENT, timeout=60, what="Versand abgeschlossen", log=log
        )
    finally:
        second.stop()

    deliverable = {p.email for p in people} - {REFUSED}
    assert dict(sink.recipients) == dict.fromkeys(deliverable, 1), "exactly one mail per recipient"
    failed = Delivery.objects.get(status=Delivery.Status.FAILED)
    assert failed.email == REFUSED and "550 5.1.1 Postfach unbekannt" in failed.error
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 11

    by_address = {rcpt[0]: raw for rcpt, raw in sink.messages}
    for person in people[:-1]:
        parsed = message_from_bytes(by_address[person.email], policy=policy.default)
        assert parsed["Subject"].strip() == "SiKo-Ruhr-Newsletter Nr. 7: Schwerpunkt Glücksspiel: Größere Kontrollen"
        assert parsed["To"] == person.email
        assert parsed["Reply-To"] == "poststelle@sikoruhr.nrw.de"
        assert parsed.get_content_type() == "multipart/alternative"
        text = parsed.get_body(("plain",)).get_content()
        html = parsed.get_body(("html",)).get_content()
        assert f"Guten Tag {person.name}," in text and f"Guten Tag {person.name}," in html
        assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = parsed["List-Unsubscribe"].strip()[1:-1]
        assert unsubscribe.startswith("https://portal.example.test/newsletter/abmelden/") and unsubscribe in text
        token = unsubscribe.rstrip("/").rsplit("/", 1)[1]
        assert token.startswith(str(Subscriber.objects.get(email=person.email).key))
