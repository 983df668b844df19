"""A real clamd for the whole test run (pytest hooks, registered in tests/conftest.py).

Every upload passes the virus scan, so every test that stores a file needs clamd. The run starts
its own clamd with tools/clamd.sh (the script `make demo` and CI use) in a temporary directory and
stops it at the end; with pytest-xdist the controller starts it once and the workers inherit
SIKO_CLAMD_SOCKET. If SIKO_CLAMD_SOCKET is already set, that clamd is used and left running (it
must detect the EICAR test file, as freshclam's databases and tools/clamd.sh's signatures do).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "clamd.sh"
_started: dict[str, str] = {}


def _answers(address: str) -> bool:
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(5)
            sock.connect(address)
            sock.sendall(b"zPING\0")
            return sock.recv(16).startswith(b"PONG")
    except OSError:
        return False


def _use(address: str) -> None:
    from django.conf import settings

    os.environ["SIKO_CLAMD_SOCKET"] = address
    settings.SIKO_CLAMD_SOCKET = address


def pytest_configure(config: pytest.Config) -> None:
    address = os.environ.get("SIKO_CLAMD_SOCKET", "")
    if hasattr(config, "workerinput") or address:
        if not address.startswith("tcp://") and not _answers(address):
            raise pytest.UsageError(
                f"clamd antwortet nicht unter SIKO_CLAMD_SOCKET={address!r}. Ohne Virenprüfung lehnt das Portal "
                "jeden Upload ab; bitte clamd starten (tools/clamd.sh start) oder die Variable entfernen."
            )
        _use(address)
        return
    directory = tempfile.mkdtemp(prefix="siko-clamd-")
    result = subprocess.run(
        [str(SCRIPT), "start"],
        env={**os.environ, "SIKO_CLAMD_DIR": directory},
        capture_output=True,
        text=True,
        timeout=600,  # may install clamav-daemon first
        check=False,
    )
    if result.returncode != 0:
        subprocess.run([str(SCRIPT), "stop"], env={**os.environ, "SIKO_CLAMD_DIR": directory}, check=False)
        shutil.rmtree(directory, ignore_errors=True)
        raise pytest.UsageError(
            "Die Tests brauchen einen laufenden clamd (Virenprüfung jedes Uploads), aber tools/clamd.sh konnte "
            f"ihn nicht starten:\n{result.stderr.strip()}"
        )
    _started["directory"] = directory
    _use(result.stdout.strip().splitlines()[-1])


def pytest_unconfigure(config: pytest.Config) -> None:
    directory = _started.pop("directory", None)
    if directory:
        subprocess.run([str(SCRIPT), "stop"], env={**os.environ, "SIKO_CLAMD_DIR": directory}, check=False)
        shutil.rmtree(directory, ignore_errors=True)
