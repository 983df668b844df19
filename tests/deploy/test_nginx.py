"""deploy/nginx/sikoportal.conf: `nginx -t` with Debian's nginx, and one download through a real
nginx in front of a real gunicorn running the production settings (deploy/gunicorn.conf.py).

- an authorised request gets the file's bytes from nginx (X-Accel-Redirect to the internal
  location) with Content-Disposition, nosniff, the sandbox CSP and Cache-Control private, no-store;
- the internal location itself answers 404 from outside;
- an anonymous request gets the login redirect;
- http:// redirects to https://; the app learns the client's address from X-Real-IP.
"""

from __future__ import annotations

import http.client
import json
import re
import ssl
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from devtools.generate import pdf_bytes
from dokumente.services import FileStore
from fachgebiete.models import Document, Fachgebiet, Status

from ..production_process import HOST, empty_cache_table, free_port, production_env, start_gunicorn, stop
from .conftest import DEPLOY, NGINX_SITE, nginx_config, require_tool, start_nginx


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory, certificate):
    """gunicorn (production settings, deploy/gunicorn.conf.py) behind nginx (deploy/nginx/sikoportal.conf),
    started once for this module on the test database; stopped at its end."""
    nginx = require_tool("nginx", "nginx")
    tmp_path = tmp_path_factory.mktemp("stack")
    media, static = tmp_path / "media", tmp_path / "static"
    media.mkdir()
    static.mkdir()
    app_port = free_port()
    env = production_env(
        # The test process signs the session it writes; gunicorn must read it with the same key.
        secret_key=django_settings.SECRET_KEY,
        static_root=str(static),
        SIKO_MEDIA_ROOT=str(media),
    )
    processes = [start_gunicorn(env, app_port, tmp_path / "gunicorn.log")]
    try:
        server, http_port, https_port = start_nginx(
            nginx, tmp_path, cert=certificate, upstream_port=app_port, media=media, static=static
        )
        processes.append(server)
        yield {"https": https_port, "http": http_port, "media": media, "static": static, "logs": tmp_path}
    finally:
        for process in reversed(processes):
            stop(process)


@pytest.fixture
def stack(servers, transactional_db, settings):
    """The servers, with the test's uploads stored where nginx serves them from. Each test's data
    is committed (gunicorn reads it over its own connection) and flushed afterwards. Production's
    cache table is there, as `deploy/manage createcachetable` leaves it (pages read the rights
    generation from it)."""
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(servers["media"])
    empty_cache_table()
    return servers


def request(port: int, path: str, *, tls: bool = True, cookie: str = "", headers: dict | None = None):
    """One request as a browser sends it to nginx (TLS with the placeholder certificate)."""
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the placeholder certificate of this test run
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=context)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": HOST, **(headers or {})}
    if cookie:
        headers["Cookie"] = cookie
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


@pytest.fixture
def document(member):
    fachgebiet = Fachgebiet.objects.create(name="Shisha", slug="shisha", position=1)
    now = timezone.now()
    document = Document.objects.create(
        fachgebiet=fachgebiet,
        title="Checkliste Shisha-Kontrolle",
        kind=Document.Kind.CHECKLISTE,
        description="Prüfpunkte",
        author=member,
        status=Status.PUBLISHED,
        submitted_at=now,
        published_at=now,
    )
    upload = SimpleUploadedFile("Prüfliste Übersicht.pdf", pdf_bytes("Checkliste", ["Kohlenmonoxid"]))
    stored = FileStore().store(upload, user=member)
    document.versions.create(number=1, file=stored, note="Fassung 1")
    return document, stored


def session_cookie(user) -> str:
    """A session written by the test process (same database and key as gunicorn), under
    production's cookie name."""
    client = Client()
    client.force_login(user)
    return f"__Host-sessionid={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"


def log_line(path: Path, needle: str) -> str:
    """The first line of a log containing `needle`; nginx and gunicorn write their access log
    after the response has left, so the line may come a moment later."""
    deadline = time.monotonic() + 10
    while True:
        lines = [line for line in path.read_text().splitlines() if needle in line] if path.exists() else []
        if lines or time.monotonic() > deadline:
            assert lines, f"{needle!r} nicht in {path.name}"
            return lines[0]
        time.sleep(0.05)


def test_nginx_t_accepts_the_site(tmp_path, certificate):
    nginx = require_tool("nginx", "nginx")
    conf = nginx_config(
        tmp_path,
        cert=certificate,
        host=HOST,
        http_port=free_port(),
        https_port=free_port(),
        upstream_port=free_port(),
        media=tmp_path,
        static=tmp_path,
    )
    result = subprocess.run(
        [nginx, "-t", "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr and "[emerg]" not in result.stderr, result.stderr


def test_site_matches_the_settings(settings):
    site = NGINX_SITE.read_text()
    internal = re.search(r"location (\S+) \{\s*internal;\s*alias (\S+);", site)
    assert internal, "keine internal-Location mit alias"
    assert internal.group(1) == settings.SENDFILE_URL.rstrip("/") + "/"
    env = (DEPLOY / "env.example").read_text()
    media = re.search(r"^SIKO_MEDIA_ROOT=(.+)$", env, re.MULTILINE).group(1)
    assert internal.group(2) == media.rstrip("/") + "/"
    body_mb = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    assert body_mb > settings.SIKO_UPLOAD_MAX_BYTES // (1024 * 1024), "nginx lehnt erlaubte Uploads mit 413 ab"
    assert "proxy_set_header X-Real-IP $remote_addr;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site


def test_download_through_nginx(stack, member, document):
    doc, stored = document
    path = reverse("fachgebiete:document_download", kwargs={"slug": "shisha", "pk": doc.pk})

    response, body = request(stack["https"], path, cookie=session_cookie(member))

    assert response.status == 200, (response.status, response.getheaders(), body[:500])
    assert body == (stack["media"] / stored.file.name).read_bytes()
    assert body.startswith(b"%PDF")
    # The file came from nginx, not streamed by Django: X-Accel-Redirect is consumed by nginx.
    assert response.getheader("X-Accel-Redirect") is None
    assert response.getheader("Content-Disposition") == (
        "attachment; filename=\"Prufliste Ubersicht.pdf\"; filename*=UTF-8''Pr%C3%BCfliste%20%C3%9Cbersicht.pdf"
    )
    assert response.getheader("Content-Type") == "application/pdf"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Content-Security-Policy") == "default-src 'none'; sandbox"
    assert response.getheader("Cache-Control") == "private, no-store"
    assert "max-age=31536000" in response.getheader("Strict-Transport-Security")


def test_internal_location_is_not_reachable_from_outside(stack, member, document):
    _, stored = document
    response, _ = request(stack["https"], f"/_geschuetzt/{stored.file.name}", cookie=session_cookie(member))
    assert response.status == 404


def test_anonymous_download_gets_the_login_redirect(stack, document):
    doc, _ = document
    path = reverse("fachgebiete:document_download", kwargs={"slug": "shisha", "pk": doc.pk})
    response, _ = request(stack["https"], path)
    assert response.status == 302
    assert response.getheader("Location").startswith(reverse("account_login"))


def test_http_redirects_to_https(stack):
    response, _ = request(stack["http"], "/suche/?q=x", tls=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/suche/?q=x"


def test_static_files_with_hash_are_immutable(stack):
    (stack["static"] / "css").mkdir()
    (stack["static"] / "css" / "portal.0123456789ab.css").write_text("body{}")
    response, body = request(stack["https"], "/static/css/portal.0123456789ab.css")
    assert (response.status, body) == (200, b"body{}")
    assert "immutable" in response.getheader("Cache-Control")
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_health_through_nginx_and_no_search_terms_in_the_log(stack):
    response, body = request(stack["https"], "/healthz")
    assert (response.status, body) == (200, b'{"status": "ok"}')
    request(stack["https"], "/suche/?q=Geheimwort")
    line = log_line(stack["logs"] / "sikoportal.access.log", "/suche/")
    assert "Geheimwort" not in line
    assert "/healthz" not in (stack["logs"] / "sikoportal.access.log").read_text()


def test_health_checks_are_throttled_per_client(stack):
    # 30 requests at once: a sequential loop on a busy machine may stay under 5 per second.
    with ThreadPoolExecutor(max_workers=15) as pool:
        statuses = list(pool.map(lambda _: request(stack["https"], "/healthz")[0].status, range(30)))
    assert 200 in statuses
    assert 429 in statuses  # burst 10, then 5 per second
    assert set(statuses) <= {200, 429}
    time.sleep(2.5)  # the bucket refills before another test of this module asks (shared servers)


def json_line(path: Path, **expected) -> dict:
    """The first JSON log line of gunicorn's output with these values (sikoportal/logs.py)."""
    deadline = time.monotonic() + 10
    while True:
        for line in path.read_text().splitlines():
            entry = json.loads(line) if line.startswith("{") else {}
            if all(entry.get(key) == value for key, value in expected.items()):
                return entry
        assert time.monotonic() < deadline, f"keine Zeile mit {expected} in {path.name}"
        time.sleep(0.05)


def test_the_app_sees_the_client_address_nginx_saw(stack):
    """nginx overwrites X-Real-IP with $remote_addr (here 127.0.0.1): a forged one never reaches
    the app (SIKO_CLIENT_IP_HEADER); the portal's request log line names that address."""
    forged = {"X-Real-IP": "198.51.100.99", "X-Forwarded-For": "198.51.100.99"}
    response, _ = request(stack["https"], "/suche/", headers=forged)
    assert response.status == 302  # to the login page
    entry = json_line(stack["logs"] / "gunicorn.log", route="suche/")
    assert entry["client"] == "127.0.0.1"
    assert "198.51.100.99" not in (stack["logs"] / "gunicorn.log").read_text()


def test_nginx_gives_each_request_its_id(stack):
    """nginx's $request_id reaches the app, comes back in X-Request-ID and stands in both logs; an
    id the client sends is not taken over."""
    response, _ = request(stack["https"], "/fachgebiete/", headers={"X-Request-ID": "vom-client-1234567"})
    request_id = response.getheader("X-Request-ID")
    assert re.fullmatch(r"[0-9a-f]{32}", request_id), request_id
    entry = json_line(stack["logs"] / "gunicorn.log", request_id=request_id)
    assert (entry["route"], entry["status"]) == ("fachgebiete/", 302)
    assert log_line(stack["logs"] / "sikoportal.access.log", request_id).count(" /fachgebiete/ ") == 1
