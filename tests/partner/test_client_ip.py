"""The client's address behind nginx: each client has its own login budget.

Behind nginx every connection to gunicorn comes from 127.0.0.1. Production takes the address
from X-Real-IP, which nginx overwrites with the address it sees ($remote_addr); X-Forwarded-For
is what clients can write into (nginx appends to it), so it decides nothing.

These tests start a real gunicorn with the production settings and speak to it as nginx does:
client A (203.0.113.10) fails until throttled, faking a new X-Forwarded-For on every attempt
and finally the address of client B; client B (198.51.100.20) still logs in.
The per-account limit and its reset run in-process (the test client), with a moved clock.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from ..conftest import PASSWORD
from ..helpers import main_text
from ..production_process import (
    Browser,
    collect_static,
    empty_cache_table,
    free_port,
    production_env,
    stop,
    wait_for_port,
    with_production_password,
)

CLIENT_A = "203.0.113.10"
CLIENT_B = "198.51.100.20"
THROTTLED = "Zu viele fehlgeschlagene Anmeldeversuche"


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("static")


@pytest.fixture
def portal(transactional_db, static_root):
    """gunicorn with sikoportal.settings.production on the test database; stopped afterwards."""
    empty_cache_table()
    env = production_env(
        secret_key=secrets.token_urlsafe(50),
        static_root=str(static_root),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    base_dir = Path(settings.BASE_DIR)
    collect_static(env)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sikoportal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=base_dir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, server, "gunicorn")
        yield port
    finally:
        stop(server)


@pytest.mark.django_db(transaction=True)
def test_one_clients_failures_do_not_lock_out_another(portal, member):
    with_production_password(member, PASSWORD)
    a, b = Browser(portal, CLIENT_A), Browser(portal, CLIENT_B)
    for attempt in range(10):
        # A fresh forged X-Forwarded-For each time must not buy a fresh budget.
        status, _, page = a.login(f"gibt.es.nicht{attempt}@essen.de", "falsch-falsch-falsch", f"10.9.8.{attempt}")
        assert status == 200 and THROTTLED not in page, attempt
    status, _, page = a.login(member.email, PASSWORD, forwarded_for=CLIENT_B)
    assert status == 200 and THROTTLED in page
    # B is not blamed for A's forged header and logs in.
    status, location, page = b.login(member.email, PASSWORD, forwarded_for=CLIENT_A)
    assert (status, location) == (302, reverse("home")), re.sub(r"\s+", " ", page[page.find("<main") :][:1500])


@pytest.mark.django_db(transaction=True)
def test_a_request_without_the_proxy_header_cannot_log_in(portal, member):
    """A proxy that does not set X-Real-IP is noticed at once, instead of all users sharing one budget."""
    with_production_password(member, PASSWORD)
    status, _, _ = Browser(portal, None).login(member.email, PASSWORD)
    assert status == 403


# --- The per-account limit: bounded in time, lifted by a password reset ------------------------------


class Clock:
    def __init__(self) -> None:
        self.at = time.time()

    def time(self) -> float:
        return self.at


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The clock of allauth's rate limits, moved instead of slept."""
    from allauth.core.internal import ratelimit

    clock = Clock()
    monkeypatch.setattr(
        ratelimit, "time", types.SimpleNamespace(time=clock.time, monotonic=time.monotonic, sleep=time.sleep)
    )
    return clock


@pytest.fixture
def behind_proxy(settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"


def login(email: str, password: str, address: str) -> tuple[Client, object]:
    browser = Client(headers={"X-Real-IP": address})
    return browser, browser.post(reverse("account_login"), {"login": email, "password": password})


def strangers_fail(email: str, times: int = 5) -> None:
    for attempt in range(times):
        login(email, "falsch-falsch-falsch", f"192.0.2.{attempt + 1}")


@pytest.mark.django_db
def test_strangers_lock_an_account_for_five_minutes_at_most(member, clock, behind_proxy):
    strangers_fail(member.email)
    _, response = login(member.email, PASSWORD, CLIENT_B)
    assert THROTTLED in main_text(response)
    # Further attempts while locked do not prolong the lock.
    clock.at += 4 * 60
    strangers_fail(member.email, times=3)
    clock.at += 60
    browser, response = login(member.email, PASSWORD, CLIENT_B)
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
def test_the_owner_lifts_the_lock_with_a_password_reset(member, clock, behind_proxy):
    strangers_fail(member.email)
    browser = Client(headers={"X-Real-IP": CLIENT_B})
    browser.post(reverse("account_reset_password"), {"email": member.email})
    link = re.search(r"https?://[^/\s]+(/konto/password/reset/key/\S+)", mail.outbox[-1].body)
    form = browser.get(link.group(1))
    assert form.status_code == 302
    new_password = "Ganz-neues-Passwort-2026"
    done = browser.post(form["Location"], {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    _, response = login(member.email, new_password, CLIENT_B)
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
def test_the_lock_counts_the_account_not_the_spelling(member, clock, behind_proxy):
    strangers_fail(member.email.upper())
    _, response = login(member.email, PASSWORD, CLIENT_B)
    assert THROTTLED in main_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["203.0.113.7, 198.51.100.2", "kein-adresse", "203.0.113.7:abc", "   "])
def test_a_list_or_garbage_in_the_header_is_refused_not_guessed(member, behind_proxy, header):
    """nginx writes exactly one address; anything else is a misconfigured proxy. The login is refused
    (403, the portal's page) rather than counted under a guessed or shared address — never a 500."""
    browser, response = login(member.email, PASSWORD, header)
    assert response.status_code == 403
    assert "_auth_user_id" not in browser.session
