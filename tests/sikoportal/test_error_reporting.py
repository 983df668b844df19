"""Errors in production: mailed to ADMINS (DJANGO_ADMINS) through the normal mail settings, and sent
to Sentry/GlitchTip only when SENTRY_DSN is set — with no personal data (sikoportal/error_reporting.py).

A local HTTP server stands in for GlitchTip: it accepts the envelopes the SDK posts; the mails go
to a real SMTP server (aiosmtpd). The server error is real: gunicorn with production settings whose
static files were never collected (every page template fails on {% static %}).
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.test import Client

from devtools import smtp_sink

from ..production_process import Browser, empty_cache_table, free_port, production_env, start_gunicorn, stop

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PROBE = (
    "import json, sys, django; django.setup(); "
    "client = sys.modules['sentry_sdk'].get_client() if 'sentry_sdk' in sys.modules else None; "
    "print(json.dumps({'imported': 'sentry_sdk' in sys.modules, 'options': client and "
    "{k: client.options[k] for k in ('send_default_pii', 'max_request_body_size', 'include_local_variables', "
    "'traces_sample_rate', 'environment', 'dsn')}}))"
)


def probe(tmp_path, **extra: str) -> dict:
    env = production_env(secret_key="x" * 50, static_root=str(tmp_path), **extra)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_without_a_dsn_sentry_is_not_even_imported(tmp_path):
    assert probe(tmp_path) == {"imported": False, "options": None}


@pytest.mark.django_db
def test_with_a_dsn_sentry_starts_with_the_safe_options(tmp_path):
    dsn = "http://schluessel@127.0.0.1:9/1"
    found = probe(tmp_path, SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="test")
    assert found == {
        "imported": True,
        "options": {
            "send_default_pii": False,
            "max_request_body_size": "never",
            "include_local_variables": False,
            "traces_sample_rate": 0.0,
            "environment": "test",
            "dsn": dsn,
        },
    }


class GlitchTip(BaseHTTPRequestHandler):
    """Accepts what the SDK posts (envelopes, gzip- or deflate-compressed) and keeps it."""

    received: list[bytes] = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding:
            raise AssertionError(f"unerwartete Kodierung {encoding}")
        self.received.append(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id": "1"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def glitchtip():
    GlitchTip.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), GlitchTip)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def wait_for(condition, what: str, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_a_server_error_reaches_glitchtip_and_the_admins_without_personal_data(glitchtip, member, tmp_path):
    sink = smtp_sink.Sink()
    with smtp_sink.running(sink) as smtp_port:
        env = production_env(
            secret_key=settings.SECRET_KEY,  # the test process writes the session gunicorn reads
            static_root=str(tmp_path / "nie-gesammelt"),
            SENTRY_DSN=f"http://oeffentlicher-schluessel@127.0.0.1:{glitchtip}/1",
            DJANGO_ADMINS="Betrieb <betrieb@it.example.org>",
            DJANGO_EMAIL_PORT=str(smtp_port),
        )
        port, log = free_port(), tmp_path / "gunicorn.log"
        empty_cache_table()  # as deployed: the page reads the rights generation before it fails on the manifest
        server = start_gunicorn(env, port, log)
        try:
            client = Client()
            client.force_login(member)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            browser = Browser(port, "203.0.113.10")
            browser.cookies["__Host-sessionid"] = session
            status, _, _ = browser.request(
                "GET", f"/suche/?q={member.email}", headers={"X-Request-ID": "0123456789abcdef0123456789abcdef"}
            )
            assert status == 500
            wait_for(lambda: any(b'"exception"' in body for body in GlitchTip.received), "kein Fehlerbericht")
            wait_for(lambda: sink.messages, "keine Mail an ADMINS")
        finally:
            stop(server)

    envelope = b"\n".join(GlitchTip.received).decode()
    assert "staticfiles" in envelope  # the error itself: a missing manifest entry
    assert '"request_id":"0123456789abcdef0123456789abcdef"' in envelope, envelope
    for secret in (member.email, session, "203.0.113.10"):
        assert secret not in envelope
    assert not EMAIL.search(envelope.replace("oeffentlicher-schluessel@127.0.0.1", ""))
    events = [json.loads(line) for line in envelope.splitlines() if line.startswith('{"level"')]
    assert events
    for event in events:
        assert set(event["request"]) == {"method", "headers"}  # no cookies, body, query string, URL
        assert {name.lower() for name in event["request"]["headers"]} <= {"host", "x-request-id", "content-length"}
        assert "user" not in event

    ((recipients, content),) = sink.messages
    assert recipients == ["betrieb@it.example.org"]
    mail = content.decode(errors="replace")
    assert "[SiKo Ruhr Portal] ERROR" in mail
    for secret in (member.email, session, "203.0.113.10"):
        assert secret not in mail
    assert f"USER: Konto {member.pk}" in mail
