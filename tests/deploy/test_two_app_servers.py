"""Two app servers, one state, behind ONE real nginx: deploy/nginx/sikoportal.conf with two
`server` lines in its upstream, in front of two production gunicorns (deploy/gunicorn.conf.py)
that share the database (PostgreSQL in CI), Redis (SIKO_REDIS_URL) and the upload directory.

- an account locked by failed logins is locked whichever server answers next (the rate limits
  live in Redis, not in a process);
- a login made through nginx holds on both servers (sessions in the database);
- a download through nginx comes from nginx itself (X-Accel-Redirect), whichever server checked
  the permission.
Each test proves from both gunicorns' logs that both servers answered its requests.

Redis runs on these machines (127.0.0.1:6379); this test uses database 5 (SIKO_TEST_REDIS_URL to
choose another) and empties it. Without a reachable Redis it is skipped, naming the Debian package
(redis-server); with SIKO_REQUIRE_DEPLOY_TOOLS=1 that is a failure, as for the other tools here.
"""

from __future__ import annotations

import http.client
import json
import os
import ssl
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import timezone

from devtools.generate import pdf_bytes
from dokumente.services import FileStore
from fachgebiete.models import Document, Fachgebiet, Status

from ..conftest import PASSWORD
from ..production_process import (
    HOST,
    Browser,
    collect_static,
    free_port,
    production_env,
    start_gunicorn,
    stop,
    with_production_password,
)
from .conftest import require_tool, start_nginx

REDIS_URL = os.environ.get("SIKO_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
THROTTLED = "Zu viele fehlgeschlagene Anmeldeversuche"
SERVERS = ("a", "b")


def redis_client():
    import redis as redis_module

    client = redis_module.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis_module.ConnectionError:
        message = "Redis antwortet nicht auf 127.0.0.1:6379 (Debian-Paket redis-server)"
        if os.environ.get("SIKO_REQUIRE_DEPLOY_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return client


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory, certificate):
    """nginx (the shipped site, two upstream servers) in front of two gunicorns, started once for
    this module on the test database; stopped at its end."""
    nginx = require_tool("nginx", "nginx")
    redis_client().close()
    tmp_path = tmp_path_factory.mktemp("zwei-server")
    media, static = tmp_path / "media", tmp_path / "static"
    media.mkdir()
    static.mkdir()
    env = production_env(
        secret_key=settings.SECRET_KEY,
        static_root=str(static),
        SIKO_REDIS_URL=REDIS_URL,
        SIKO_MEDIA_ROOT=str(media),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    collect_static(env)
    processes, ports = [], []
    try:
        for name in SERVERS:
            port = free_port()
            processes.append(start_gunicorn(env, port, tmp_path / f"gunicorn-{name}.log"))
            ports.append(port)
        server, _, https_port = start_nginx(
            nginx, tmp_path, cert=certificate, upstream_port=ports, media=media, static=static
        )
        processes.append(server)
        yield {"https": https_port, "media": media, "logs": tmp_path}
    finally:
        for process in reversed(processes):
            stop(process)


@pytest.fixture
def stack(servers, transactional_db, settings):
    """The servers with an empty Redis database; the test's uploads land where nginx serves them."""
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(servers["media"])
    client = redis_client()
    client.flushdb()
    yield {**servers, "redis": client}
    client.flushdb()
    client.close()


class NginxBrowser(Browser):
    """A browser in front of nginx: TLS to nginx, which sets X-Real-IP itself (always 127.0.0.1
    here: the rate limits per account are what this test shares)."""

    host = HOST

    def __init__(self, port: int) -> None:
        super().__init__(port, None)

    def connection(self) -> http.client.HTTPConnection:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the placeholder certificate of this test run
        return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=60, context=context)

    def get(self, path: str) -> tuple[int, bytes]:
        conn = self.connection()
        try:
            conn.request("GET", path, headers={"Host": self.host, "Cookie": self.cookie_header()})
            response = conn.getresponse()
            self.headers = response.headers
            return response.status, response.read()
        finally:
            conn.close()


def answered(logs: Path, path: str, *, status: int | None = None) -> dict[str, int]:
    """How many requests for `path` each gunicorn logged (its JSON request lines, sikoportal/logs.py,
    name the URL pattern); gunicorn writes them after the response, so wait a moment for them."""
    route = resolve(path).route
    deadline = time.monotonic() + 10
    while True:
        counts = {}
        for name in SERVERS:
            lines = (logs / f"gunicorn-{name}.log").read_text(errors="replace").splitlines()
            entries = [json.loads(line) for line in lines if line.startswith("{")]
            counts[name] = sum(
                1 for entry in entries if entry.get("route") == route and status in (None, entry.get("status"))
            )
        if all(counts.values()) or time.monotonic() > deadline:
            return counts
        time.sleep(0.1)


def test_a_lockout_through_one_server_holds_on_the_other(stack, member):
    with_production_password(member, PASSWORD)
    stranger = NginxBrowser(stack["https"])
    for attempt in range(5):  # 5 failures per account within 5 minutes lock it (ACCOUNT_RATE_LIMITS)
        status, _, page = stranger.login(member.email, f"falsch-{attempt}-falsch-falsch")
        assert status == 200 and THROTTLED not in page, attempt

    # The owner, in a browser of his own: the right password does not help yet, on either server.
    for _ in SERVERS:
        status, _, page = NginxBrowser(stack["https"]).login(member.email, PASSWORD)
        assert status == 200 and THROTTLED in page

    assert all(answered(stack["logs"], reverse("account_login")).values()), "nicht beide App-Server haben geantwortet"
    # The budget lives in Redis, not in the database cache table (which does not even exist here).
    assert any(key.startswith(b"sikoportal:") for key in stack["redis"].keys("*"))


def test_a_login_through_nginx_holds_on_both_servers(stack, member):
    with_production_password(member, PASSWORD)
    browser = NginxBrowser(stack["https"])
    status, location, _ = browser.login(member.email, PASSWORD)
    assert (status, location) == (302, reverse("home"))

    path = reverse("fachgebiete:index")
    for _ in range(6):
        status, body = browser.get(path)
        assert status == 200, status
        assert "Max Muster" in body.decode()

    assert all(answered(stack["logs"], path, status=200).values()), "nicht beide App-Server"


def test_a_download_through_nginx_from_either_server(stack, member):
    fachgebiet = Fachgebiet.objects.create(name="Shisha", slug="shisha", position=1)
    now = timezone.now()
    document = Document.objects.create(
        fachgebiet=fachgebiet, title="Checkliste Shisha-Kontrolle", kind=Document.Kind.CHECKLISTE,
        description="Prüfpunkte", author=member, status=Status.PUBLISHED, submitted_at=now, published_at=now,
    )  # fmt: skip
    upload = SimpleUploadedFile("Prüfliste Übersicht.pdf", pdf_bytes("Checkliste", ["Kohlenmonoxid"]))
    stored = FileStore().store(upload, user=member)
    document.versions.create(number=1, file=stored, note="Fassung 1")
    with_production_password(member, PASSWORD)
    browser = NginxBrowser(stack["https"])
    assert browser.login(member.email, PASSWORD)[0] == 302

    path = reverse("fachgebiete:document_download", kwargs={"slug": "shisha", "pk": document.pk})
    for _ in range(4):
        status, body = browser.get(path)
        assert status == 200, status
        assert body == (stack["media"] / stored.file.name).read_bytes()
        # Sent by nginx from the internal location: the app's X-Accel-Redirect was consumed.
        assert browser.headers["X-Accel-Redirect"] is None
        assert browser.headers["Content-Disposition"] == (
            "attachment; filename=\"Prufliste Ubersicht.pdf\"; filename*=UTF-8''Pr%C3%BCfliste%20%C3%9Cbersicht.pdf"
        )
        assert browser.headers["X-Content-Type-Options"] == "nosniff"
        assert browser.headers["Cache-Control"] == "private, no-store"

    assert all(answered(stack["logs"], path, status=200).values()), "nicht beide App-Server"
