"""Settings for the real `manage.py db_worker` process of the integration test.

The test settings, but tasks in the database and mail over SMTP to the test's aiosmtpd sink;
DATABASE_URL (the test database) and SIKO_TEST_SMTP_PORT come from the test.
"""

import os

from sikoportal.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": SIKO_TASK_QUEUES}}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["SIKO_TEST_SMTP_PORT"])
EMAIL_TIMEOUT = 30
