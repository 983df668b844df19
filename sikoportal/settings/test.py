"""Test settings: fast hashing, mails in memory."""

from .base import *  # noqa: F403

DEBUG = False
SIKO_DEMO_MODE = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SIKO_BASE_URL = "https://portal.example.test"
SIKO_OFFICE_EMAILS = ["poststelle@sikoruhr.nrw.de"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
