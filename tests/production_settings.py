"""sikoportal.settings.production for a gunicorn that a test starts (tests/production_process.py).

Production refuses SQLite; on the SQLite test run the database is swapped after production has
read its variables (SIKO_TEST_SQLITE names the test database file). Static files go to a
temporary directory (SIKO_TEST_STATIC_ROOT) instead of the checkout's staticfiles/. Everything
else is production as shipped.
"""

import os

from sikoportal.settings.production import *  # noqa: F403

if os.environ.get("SIKO_TEST_SQLITE"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["SIKO_TEST_SQLITE"]}}
STATIC_ROOT = os.environ["SIKO_TEST_STATIC_ROOT"]
