"""Structured logs (sikoportal/logs.py, sikoportal/task_context.py): one JSON object per line with the
request id and the user id, never an e-mail address; the request id travels with a task to the worker.

The end-to-end tests run the production set-up: gunicorn with deploy/gunicorn.conf.py and the
production settings, and the worker (`manage.py db_worker`) as its unit starts it.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import Client
from django_tasks_db.models import DBTaskResult

from newsletter.models import Subscriber
from sikoportal.logs import REDACTED_EMAIL, ContextFilter, JsonFormatter, request_id_var, sane_request_id

from ..production_process import (
    Browser,
    collect_static,
    empty_cache_table,
    free_port,
    production_env,
    start_gunicorn,
    stop,
)

NGINX_ID = "0123456789abcdef0123456789abcdef"


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def formatted(message: str, *args, exc: BaseException | None = None) -> dict:
    record = logging.LogRecord("partner.mail", logging.ERROR, __file__, 1, message, args, None)
    if exc is not None:
        record.exc_info = (type(exc), exc, exc.__traceback__)
    ContextFilter().filter(record)
    return json.loads(JsonFormatter().format(record))


# --- In the process ---------------------------------------------------------------------------


def test_a_line_has_the_fields_and_no_email_address():
    token = request_id_var.set(NGINX_ID)
    try:
        entry = formatted("Mail an %s nicht versandt", ["anna.meier@essen.de"], exc=ValueError("bob@polizei.nrw.de"))
    finally:
        request_id_var.reset(token)
    assert set(entry) == {"time", "level", "logger", "message", "request_id", "user_id", "exception"}
    assert (entry["level"], entry["logger"], entry["request_id"], entry["user_id"]) == (
        "ERROR",
        "partner.mail",
        NGINX_ID,
        None,
    )
    assert entry["message"] == f"Mail an ['{REDACTED_EMAIL}'] nicht versandt"
    assert "@" not in json.dumps(entry)


@pytest.mark.parametrize(
    "given", ["", "kurz", "mit leerzeichen 12345", "x" * 65, "zeile\nneu-12345678", '{"json": 1}-abcdefgh']
)
def test_an_insane_request_id_is_replaced(given):
    replaced = sane_request_id(given)
    assert replaced != given
    assert len(replaced) == 32 and int(replaced, 16) >= 0


@pytest.mark.parametrize("given", [NGINX_ID, "5f0c2a3e-8b1d-4e6f-9a7b-1c2d3e4f5a6b"])
def test_a_sane_request_id_is_kept(given):
    assert sane_request_id(given) == given


@pytest.mark.django_db
def test_every_response_names_its_request_id(member):
    client = Client()
    response = client.get("/healthz", HTTP_X_REQUEST_ID=NGINX_ID)
    assert response["X-Request-ID"] == NGINX_ID
    client.force_login(member)
    first, second = client.get("/"), client.get("/")
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.django_db
def test_the_request_line_has_the_user_and_the_url_pattern_not_the_path(member, caplog):
    client = Client()
    client.force_login(member)
    with caplog.at_level(logging.INFO, logger="sikoportal.request"):
        client.get("/suche/?q=Geheimwort", HTTP_X_REQUEST_ID=NGINX_ID)
    (record,) = [r for r in caplog.records if r.name == "sikoportal.request"]
    assert (record.route, record.status, record.method) == ("suche/", 200, "GET")
    entry = json.loads(JsonFormatter().format(record))
    assert "Geheimwort" not in json.dumps(entry)


@pytest.mark.django_db
def test_health_checks_stay_out_of_the_info_log(caplog):
    with caplog.at_level(logging.INFO, logger="sikoportal.request"):
        Client().get("/healthz")
    assert not [r for r in caplog.records if r.name == "sikoportal.request" and r.levelno >= logging.INFO]


# --- A real gunicorn and worker ------------------------------------------------------------------


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static")


@pytest.fixture
def portal(transactional_db, static_root, tmp_path):
    empty_cache_table()
    env = production_env(
        secret_key=settings.SECRET_KEY,  # the test process writes the session gunicorn reads
        static_root=str(static_root),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DJANGO_LOG_LEVEL="INFO",
    )
    collect_static(env)
    port, log = free_port(), tmp_path / "gunicorn.log"
    server = start_gunicorn(env, port, log)
    try:
        yield {"port": port, "log": log, "env": env}
    finally:
        stop(server)


def logged(log, **expected) -> dict:
    deadline = time.monotonic() + 10
    while True:
        found = [e for e in lines(log.read_text()) if all(e.get(k) == v for k, v in expected.items())]
        if found or time.monotonic() > deadline:
            assert found, f"keine Zeile mit {expected}:\n{log.read_text()[-3000:]}"
            return found[0]
        time.sleep(0.05)


def test_a_production_request_logs_one_json_line_with_request_and_user_id(portal, member):
    client = Client()
    client.force_login(member)
    browser = Browser(portal["port"], "203.0.113.10")
    browser.cookies["__Host-sessionid"] = client.cookies[settings.SESSION_COOKIE_NAME].value

    status, _, _ = browser.request("GET", "/suche/?q=Geheimwort", headers={"X-Request-ID": NGINX_ID})

    assert status == 200
    assert browser.headers["X-Request-ID"] == NGINX_ID
    entry = logged(portal["log"], request_id=NGINX_ID)
    assert entry["logger"] == "sikoportal.request"
    assert entry["user_id"] == member.pk
    assert (entry["route"], entry["status"], entry["client"]) == ("suche/", 200, "203.0.113.10")
    text = portal["log"].read_text()
    assert member.email not in text and "@" not in text
    assert "Geheimwort" not in text
    # Every line of gunicorn and the portal is JSON (gunicorn's start-up messages included).
    assert all(line.startswith("{") for line in text.splitlines()), text


def test_the_worker_logs_a_task_with_the_request_id_that_enqueued_it(portal):
    browser = Browser(portal["port"], "203.0.113.10")
    status, _, _ = browser.submit(
        "/newsletter/anmelden/",
        {"email": "anna.meier@essen.de", "name": "Anna Meier", "privacy_ack": "on"},
        headers={"X-Request-ID": NGINX_ID},
    )
    assert status == 302, portal["log"].read_text()[-3000:]
    (task,) = DBTaskResult.objects.filter(task_path__endswith="send_confirmation_requests")
    assert task.args_kwargs["context"] == {"request_id": NGINX_ID, "user_id": None}
    assert Subscriber.objects.get().email == "anna.meier@essen.de"

    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--queue-name", "*"],
        cwd=settings.BASE_DIR,
        env=portal["env"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr
    output = worker.stdout + worker.stderr
    task_lines = [e for e in lines(output) if e["logger"] == "django_tasks" and str(task.id) in e["message"]]
    assert task_lines and all(e["request_id"] == NGINX_ID for e in task_lines), output
    assert any("SUCCESSFUL" in e["message"] for e in task_lines), output
    assert "@" not in output, output
