"""Two app servers, one state: two production gunicorns share the database and Redis
(SIKO_REDIS_URL), so an account locked by failed logins on one server is locked on the other.

Redis runs on these machines (127.0.0.1:6379); this test uses database 5 and empties it. Without a
reachable Redis it is skipped, naming the Debian package (redis-server); with
SIKO_REQUIRE_DEPLOY_TOOLS=1 that is a failure, as for the other tools of these checks.
"""

from __future__ import annotations

import os

import pytest
from django.conf import settings

from ..conftest import PASSWORD
from ..production_process import (
    Browser,
    collect_static,
    free_port,
    production_env,
    start_gunicorn,
    stop,
    with_production_password,
)

REDIS_URL = "redis://127.0.0.1:6379/5"
THROTTLED = "Zu viele fehlgeschlagene Anmeldeversuche"


@pytest.fixture
def redis():
    import redis as redis_client

    client = redis_client.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis_client.ConnectionError:
        message = "Redis antwortet nicht auf 127.0.0.1:6379 (Debian-Paket redis-server)"
        if os.environ.get("SIKO_REQUIRE_DEPLOY_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def two_servers(transactional_db, redis, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("zwei-server")
    env = production_env(
        secret_key=settings.SECRET_KEY,
        static_root=str(tmp_path / "static"),
        SIKO_REDIS_URL=REDIS_URL,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    collect_static(env)
    servers = []
    try:
        for name in ("a", "b"):
            port = free_port()
            servers.append((port, start_gunicorn(env, port, tmp_path / f"gunicorn-{name}.log")))
        yield [port for port, _ in servers]
    finally:
        for _, process in servers:
            stop(process)


@pytest.mark.django_db(transaction=True)
def test_a_lockout_on_one_server_holds_on_the_other(two_servers, redis, member):
    with_production_password(member, PASSWORD)
    server_a, server_b = two_servers
    stranger = Browser(server_a, "203.0.113.10")
    for attempt in range(5):  # 5 failures per account within 5 minutes lock it (ACCOUNT_RATE_LIMITS)
        status, _, page = stranger.login(member.email, f"falsch-{attempt}-falsch-falsch")
        assert status == 200 and THROTTLED not in page, attempt

    # The owner, from another address, on the other server: the right password does not help yet.
    status, _, page = Browser(server_b, "198.51.100.20").login(member.email, PASSWORD)

    assert status == 200 and THROTTLED in page
    # The budget lives in Redis, not in the database cache table (which does not even exist here).
    assert any(key.startswith(b"sikoportal:") for key in redis.keys("*"))
