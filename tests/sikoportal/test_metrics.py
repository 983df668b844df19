"""/metrics (sikoportal/metrics.py): Prometheus numbers for monitoring, only with the monitoring token.

Who may read it: only a caller with `Authorization: Bearer <SIKO_HEALTH_TOKEN>` (the token of
/readyz's detail). Anonymous callers, members, the Geschäftsstelle without the token, a wrong
token, and everyone while no token is configured get 401. The multi-process test runs gunicorn
with two workers, as sikoportal-web.service does (PROMETHEUS_MULTIPROC_DIR).
"""

from __future__ import annotations

import datetime
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from dokumente.models import StoredFile, TextStatus
from newsletter.models import Delivery, Issue
from partner.models import User

from ..production_process import Browser, free_port, production_env, start_gunicorn, stop

TOKEN = "ueberwachung-token-1234567890"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
METRIC = re.compile(r"^(\w+)(\{[^}]*\})? ([0-9.e+-]+)$", re.MULTILINE)


def values(text: str) -> dict[str, float]:
    return {name + (labels or ""): float(value) for name, labels, value in METRIC.findall(text)}


@pytest.fixture
def token(settings):
    settings.SIKO_HEALTH_TOKEN = TOKEN
    return TOKEN


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, "member", "office"])
def test_without_the_token_nobody_reads_the_metrics(request, token, role):
    client = Client()
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get("/metrics")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="sikoportal"'
    assert b"siko_" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["Bearer falsch", f"Basic {TOKEN}", "Bearer", TOKEN])
def test_a_wrong_token_is_refused(token, header):
    assert Client().get("/metrics", HTTP_AUTHORIZATION=header).status_code == 401


@pytest.mark.django_db
def test_without_a_configured_token_the_endpoint_stays_closed(settings):
    settings.SIKO_HEALTH_TOKEN = ""
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 401


@pytest.mark.django_db
def test_the_numbers_come_from_the_database(token, member, office, make_user, django_assert_max_num_queries):
    make_user("antrag@essen.de", User.Status.VERIFIED)
    task = {"args_kwargs": {"args": [], "kwargs": {}}, "task_path": "x.y", "backend_name": "default"}
    DBTaskResult.objects.create(queue_name="mail", run_after=get_date_max(), **task)
    DBTaskResult.objects.create(queue_name="mail", run_after=get_date_max(), **task)
    # Not due yet (the worker heartbeat waits like this): not counted as waiting.
    DBTaskResult.objects.create(queue_name="default", run_after=get_date_max().replace(year=2999), **task)
    DBTaskResult.objects.create(
        queue_name="extraction", run_after=get_date_max(), status=TaskResultStatus.FAILED, **task
    )
    StoredFile.objects.create(file="a.pdf", original_name="a.pdf", content_type="application/pdf", size=1, sha256="0")
    StoredFile.objects.create(
        file="b.pdf", original_name="b.pdf", content_type="application/pdf", size=1, sha256="0",
        text_status=TextStatus.DONE,
    )  # fmt: skip
    issue = Issue.objects.create(number=1, title="Ausgabe", issue_date=datetime.date(2026, 1, 1), created_by=office)
    Delivery.objects.create(issue=issue, email="x@essen.de", status=Delivery.Status.FAILED)
    Delivery.objects.create(issue=issue, email="y@essen.de", status=Delivery.Status.SENT)

    # One query per number, siko_mails_unsent included (partner.resend.unresent_failed_mails).
    with django_assert_max_num_queries(6):
        response = Client().get("/metrics", **AUTH)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    found = values(response.content.decode())
    assert found['siko_task_queue_length{queue="mail"}'] == 2
    assert found.get('siko_task_queue_length{queue="default"}', 0) == 0
    assert found['siko_tasks_failed{queue="extraction"}'] == 1
    assert found["siko_pending_extractions"] == 1
    assert found["siko_failed_deliveries"] == 1
    assert found["siko_admitted_users"] == 2  # member and office; the applicant is not admitted
    assert "x@essen.de" not in response.content.decode()


@pytest.mark.django_db
def test_request_durations_are_counted_per_view(token, member):
    client = Client()
    client.force_login(member)
    key = 'siko_request_duration_seconds_count{method="GET",status="2xx",view="impressum"}'
    before = values(Client().get("/metrics", **AUTH).content.decode()).get(key, 0)
    client.get("/impressum/")
    client.get("/impressum/?q=egal")
    after = values(Client().get("/metrics", **AUTH).content.decode())
    assert after[key] == before + 2


@pytest.mark.django_db(transaction=True)
def test_all_gunicorn_workers_are_counted(tmp_path):
    """Two workers, one metrics directory: whichever worker answers the scrape adds up both."""
    env = production_env(
        secret_key="s" * 50,
        static_root=str(tmp_path),
        SIKO_HEALTH_TOKEN=TOKEN,
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
    )
    port = free_port()
    server = start_gunicorn(env, port, tmp_path / "gunicorn.log", workers=2)
    try:
        browser = Browser(port, "203.0.113.10")
        # Concurrent batches until both workers have answered some: which worker accepts a
        # connection is the kernel's choice, one batch may all go to the same one.
        sent = 0
        with ThreadPoolExecutor(max_workers=4) as pool:
            for _ in range(25):
                statuses = list(pool.map(lambda _: Browser(port, None).request("GET", "/healthz")[0], range(12)))
                assert statuses == [200] * 12
                sent += 12
                if len(list((tmp_path / "metrics").glob("histogram_*.db"))) == 2:
                    break
        assert len(list((tmp_path / "metrics").glob("histogram_*.db"))) == 2  # both workers wrote
        scrapes = [browser.request("GET", "/metrics", headers={"Authorization": f"Bearer {TOKEN}"}) for _ in range(4)]
    finally:
        stop(server)
    key = 'siko_request_duration_seconds_count{method="GET",status="2xx",view="healthz"}'
    for status, _, body in scrapes:
        assert status == 200
        assert values(body)[key] == sent
