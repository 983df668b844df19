"""Test settings: fast hashing, mails in memory."""

import atexit
import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

# The tests load the demo and run the benchmark commands (both never installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "devtools"]  # noqa: F405

DEBUG = False
SIKO_DEMO_MODE = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SIKO_BASE_URL = "https://portal.example.test"
SIKO_OFFICE_EMAILS = ["poststelle@sikoruhr.nrw.de"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tasks run inline; the worker integration test overrides this with the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": SIKO_TASK_QUEUES}}  # noqa: F405
# A file, not :memory:, so that the worker process of the newsletter integration test sees
# the same test database (pytest-django appends _gw0, _gw1 … per xdist process). One file
# per process in the temp directory, so parallel runs in one work tree never share it, and
# removed when the process ends.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _TEST_DB = Path(tempfile.gettempdir()) / f"sikoportal-test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_DB)}  # noqa: F405
    # A throwaway database: no fsync; WAL lets the test and the worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL"}  # noqa: F405

    @atexit.register
    def _remove_test_database() -> None:
        for path in _TEST_DB.parent.glob(f"{_TEST_DB.name}*"):
            path.unlink(missing_ok=True)
