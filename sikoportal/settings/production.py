"""Production: PostgreSQL behind gunicorn and nginx over HTTPS.

Every secret comes from the environment; `manage.py check --deploy
--fail-level WARNING` passes with these settings.
"""

from .base import *  # noqa: F403
from .base import DATABASES, SIKO_BASE_URL
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
SIKO_DEMO_MODE = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = [SIKO_BASE_URL]

# Persistent connections: opening one per request costs most of the throughput.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DJANGO_CONN_MAX_AGE", 60)

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_HTTPONLY = True
MFA_TRUST_COOKIE_SECURE = True
# Links in allauth mails (confirmation, password reset) use https.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded files: Django checks the permission, nginx streams the file from an internal
# location (X-Accel-Redirect). See README, "gunicorn und nginx".
SENDFILE_BACKEND = env_str("SIKO_SENDFILE_BACKEND", "django_sendfile.backends.nginx")

# Virus scan of every upload: Debian's clamav-daemon listens here (README, "Sicherheit").
SIKO_CLAMD_SOCKET = env_str("SIKO_CLAMD_SOCKET", "/run/clamav/clamd.ctl")

# Rate limits of failed logins must be shared by all worker processes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "siko_cache",
    }
}

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {"django.security": {"handlers": ["console"], "level": "INFO"}},
}
