"""Start a gunicorn with production settings as a separate process — the one way for tests and benchmarks.

The environment production insists on (it refuses to start half-configured), a free port, waiting
for the server and stopping it. Used by the tests that talk to a real production process
(tests/production_process.py adds the test database) and by `manage.py benchmark_pages`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time

from cryptography.fernet import Fernet


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
