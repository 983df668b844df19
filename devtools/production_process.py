"""Start a gunicorn with production settings as a separate process — the one way for tests and benchmarks.

The environment production insists on (it refuses to start half-configured), a free port, waiting
for the server and stopping it. Used by the tests that talk to a real production process
(tests/production_process.py adds the test database) and by `manage.py benchmark_pages`.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from cryptography.fernet import Fernet
from django.urls import reverse


class Browser:
    """One client of the production process as behind nginx: the headers nginx sends, the cookies the
    portal sets (the __Host- cookies are Secure, which a cookie jar would not send over plain HTTP).
    Subclasses name the host the process was started for."""

    host = ""

    def __init__(self, port: int, address: str | None) -> None:
        self.port = port
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str = "", forwarded_for: str = "", headers: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        headers = {"Host": self.host, "X-Forwarded-Proto": "https", "Origin": f"https://{self.host}", **(headers or {})}
        if self.address:
            # nginx: proxy_set_header X-Real-IP $remote_addr;
            headers["X-Real-IP"] = self.address
            # nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            headers["X-Forwarded-For"] = f"{forwarded_for}, {self.address}" if forwarded_for else self.address
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = self.connection()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            self.headers = response.headers
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.getheader("Location") or "", response.read().decode(errors="replace")
        finally:
            conn.close()

    def connection(self) -> http.client.HTTPConnection:
        """Plain HTTP straight to the process; a browser in front of nginx uses TLS instead."""
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def submit(self, path: str, fields: dict[str, str], **options) -> tuple[int, str, str]:
        """Open the form page, then send the form with its CSRF token (as a browser does)."""
        status, _, page = self.request("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise ServerNotReady(f"{path} antwortete mit {status} ohne Formular.")
        body = urlencode({"csrfmiddlewaretoken": token.group(1), **fields})
        return self.request("POST", path, body, **options)

    def login(self, email: str, password: str, forwarded_for: str = "") -> tuple[int, str, str]:
        """The real login form (allauth): e-mail and password posted with the page's CSRF token."""
        return self.submit(
            reverse("account_login"), {"login": email, "password": password}, forwarded_for=forwarded_for
        )


class ServerNotReady(RuntimeError):
    """The process ended or did not answer on its port in time."""


def production_env(*, settings_module: str, database_url: str, host: str, secret_key: str, **extra: str) -> dict:
    """This process's environment without any portal variable, plus every variable production requires."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SIKO_", "GUNICORN_", "ALLAUTH_")) and key != "DATABASE_URL"
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE=settings_module,
        DJANGO_SECRET_KEY=secret_key,
        DJANGO_ALLOWED_HOSTS=host,
        SIKO_BASE_URL=f"https://{host}",
        SIKO_MFA_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_LOG_LEVEL="ERROR",
    )
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, name: str, timeout: float = 30) -> None:
    """Return once the port accepts connections; ServerNotReady (with the process's stderr) otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            output = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise ServerNotReady(f"{name} ist nicht gestartet (Exit-Code {process.returncode}):\n{output}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise ServerNotReady(f"{name} antwortet nicht auf Port {port}") from None
            time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stderr:
        process.stderr.close()
