"""Production: PostgreSQL behind gunicorn and nginx over HTTPS.

Every secret comes from the environment, and a missing required variable stops
the start-up (see "Required variables"); `manage.py check --deploy
--fail-level WARNING` passes with these settings.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_database, env_int, env_list, env_required, env_required_list, env_str, env_url

DEBUG = False
SIKO_DEMO_MODE = False

# --- Required variables -------------------------------------------------------------------
# Production never starts half-configured: without one of these (or with a sqlite:// database,
# an http:// base URL) the start-up stops with a German message naming the variable, instead
# of falling back to base.py's development defaults (SQLite, http://127.0.0.1:8000, localhost).
SECRET_KEY = env_required("DJANGO_SECRET_KEY", "mindestens 50 zufällige Zeichen")
ALLOWED_HOSTS = env_required_list("DJANGO_ALLOWED_HOSTS", "der Rechnername des Portals, z. B. portal.sikoruhr.nrw.de")
# Absolute links in mails and the CSRF origin: the public https address.
SIKO_BASE_URL = env_url(
    "SIKO_BASE_URL", "die öffentliche Adresse des Portals, z. B. https://portal.sikoruhr.nrw.de", schemes=("https",)
).rstrip("/")
# Connections: persistent per process (DJANGO_CONN_MAX_AGE, opening one per request costs most of
# the throughput), or with DJANGO_DB_POOL=true Django's psycopg connection pool per process
# (OPTIONS["pool"]), which never goes together with persistent connections.
DJANGO_DB_POOL = env_bool("DJANGO_DB_POOL", False)
if DJANGO_DB_POOL and env_int("DJANGO_CONN_MAX_AGE", 0) != 0:
    raise ImproperlyConfigured(
        "DJANGO_DB_POOL=true verträgt sich nicht mit DJANGO_CONN_MAX_AGE: der Pool hält die Verbindungen "
        "selbst offen. Bitte DJANGO_CONN_MAX_AGE entfernen oder auf 0 setzen."
    )
DATABASES = {
    "default": env_database(
        meaning="die PostgreSQL-Datenbank, z. B. postgres://siko:…@127.0.0.1:5432/sikoportal; "
        "SQLite ist im Produktionsbetrieb nicht zulässig",
        schemes=("postgres", "postgresql"),
        conn_max_age=0 if DJANGO_DB_POOL else env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DJANGO_DB_POOL:
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        # Per process: a gunicorn sync worker needs one connection at a time, the spare one covers
        # a brief overlap; PostgreSQL's max_connections must cover app servers × workers × max_size.
        "min_size": env_int("DJANGO_DB_POOL_MIN_SIZE", 1),
        "max_size": env_int("DJANGO_DB_POOL_MAX_SIZE", 2),
        # Seconds a request waits for a free connection before it fails (500) instead of hanging.
        "timeout": env_int("DJANGO_DB_POOL_TIMEOUT", 10),
        "name": "sikoportal",
    }
EMAIL_HOST = env_required("DJANGO_EMAIL_HOST", "der SMTP-Server, über den das Portal E-Mails versendet")
# A relay that wants a password gets it only over TLS: without STARTTLS, Django would send the
# password (and every password-reset link) in clear text, silently.
if EMAIL_HOST_PASSWORD and not EMAIL_USE_TLS:  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_EMAIL_HOST_PASSWORD ist gesetzt, DJANGO_EMAIL_USE_TLS aber nicht: das Passwort für den "
        "SMTP-Server würde unverschlüsselt übertragen. Bitte DJANGO_EMAIL_USE_TLS=true setzen."
    )
# The TOTP secrets and recovery-code seeds are stored encrypted with it (partner/mfa_adapter.py).
SIKO_MFA_ENCRYPTION_KEY = env_required(
    "SIKO_MFA_ENCRYPTION_KEY",
    "der Fernet-Schlüssel für die MFA-Geheimnisse, erzeugt mit manage.py mfa_rotate_key --new-key",
)
# --- End of the required variables --------------------------------------------------------

# Earlier secret keys, comma-separated: what they signed (unsubscribe links in newsletters
# already sent, password reset links, sessions) stays valid after a key rotation. A key may
# leave the list once nothing signed with it is needed any more (see README, "Sicherheit").
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")

CSRF_TRUSTED_ORIGINS = [SIKO_BASE_URL]

# The client's address for allauth's rate limits and the session list. Behind nginx every
# connection comes from 127.0.0.1; nginx overwrites this header with the address it sees
# (`proxy_set_header X-Real-IP $remote_addr;`), so whatever a client sends in it or in
# X-Forwarded-For is ignored. A request without the header cannot log in (403): a proxy
# that does not set it is noticed at once instead of sharing one budget among all users.
# Empty only where gunicorn faces the clients directly.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("SIKO_CLIENT_IP_HEADER", "X-Real-IP").strip() or None

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

# Uploaded files: the local disk under SIKO_MEDIA_ROOT (downloads by X-Accel-Redirect), or with
# SIKO_STORAGE=s3 an S3-compatible object store (MinIO, Ceph RGW, AWS) through django-storages,
# shared by several app servers; downloads then redirect to a presigned URL valid for
# SIKO_S3_PRESIGNED_SECONDS (dokumente/downloads.py). The bucket stays private.
SIKO_STORAGE = env_str("SIKO_STORAGE", "local").strip().lower() or "local"
if SIKO_STORAGE == "local":
    _DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif SIKO_STORAGE == "s3":
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_required("SIKO_S3_BUCKET", "der Bucket der hochgeladenen Dateien"),
            "endpoint_url": env_str("SIKO_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": env_str("SIKO_S3_REGION", "").strip() or None,
            # Empty: boto3's own chain (AWS_ACCESS_KEY_ID …, instance role).
            "access_key": env_str("SIKO_S3_ACCESS_KEY_ID", "").strip() or None,
            "secret_key": env_str("SIKO_S3_SECRET_ACCESS_KEY", "").strip() or None,
            # path: https://endpoint/bucket/key, which every S3-compatible server understands.
            "addressing_style": env_str("SIKO_S3_ADDRESSING_STYLE", "path").strip() or None,
            "signature_version": "s3v4",
            "default_acl": None,  # the bucket's policy: private
            "querystring_auth": True,
            "querystring_expire": SIKO_STORAGE_PRESIGNED_SECONDS or 60,  # noqa: F405
            # A name already taken gets a suffix, as on the local disk; never overwrite a file.
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured(f"SIKO_STORAGE muss „local“ oder „s3“ sein, nicht „{SIKO_STORAGE}“.")
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded files: Django checks the permission, nginx streams the file from an internal
# location (X-Accel-Redirect). See README, "gunicorn und nginx".
SENDFILE_BACKEND = env_str("SIKO_SENDFILE_BACKEND", "django_sendfile.backends.nginx")

# Virus scan of every upload: Debian's clamav-daemon listens here (README, "Sicherheit").
SIKO_CLAMD_SOCKET = env_str("SIKO_CLAMD_SOCKET", "/run/clamav/clamd.ctl")

# Rate limits of failed logins must be shared by all worker processes and all app servers: the
# database cache is (manage.py createcachetable); with SIKO_REDIS_URL (e.g. redis://127.0.0.1:6379/0)
# Redis holds them instead and takes that load off PostgreSQL.
if env_str("SIKO_REDIS_URL", "").strip():
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_url(
                "SIKO_REDIS_URL", "der Redis-Server aller App-Server", schemes=("redis", "rediss", "unix"),
                host_required=False,
            ),
            "KEY_PREFIX": "sikoportal",
        }
    }  # fmt: skip
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "siko_cache",
            # Django's default of 300 entries would keep culling the shared list fragments
            # (fachgebiete.fragments) and the rights generation; the table stays small either way.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# Error mails to ADMINS show no query string, form values, cookies or e-mail address.
DEFAULT_EXCEPTION_REPORTER = "sikoportal.error_reporting.PrivateExceptionReporter"
# Errors to Sentry or a self-hosted GlitchTip (sikoportal/error_reporting.py: no personal data, no
# request bodies, no cookies); without a DSN sentry_sdk is not even imported.
SENTRY_DSN = env_str("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    from sikoportal import error_reporting

    error_reporting.init(
        SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE", "").strip() or None,
    )

# One JSON object per line (sikoportal/logs.py): time, level, logger, message, request_id, user_id;
# never an e-mail address, never a path or query string. One line per request at INFO
# ("sikoportal.request"), whatever DJANGO_LOG_LEVEL says for the rest. Django's own logging stays
# as well: an error (500) is mailed to ADMINS (DJANGO_ADMINS) through the normal mail settings.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "sikoportal.logs.ContextFilter"}},
    "formatters": {"json": {"()": "sikoportal.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["context"]}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.security": {"level": "INFO"},
        "sikoportal.request": {"level": "INFO"},
        # The worker's "task started/finished" lines (with the enqueuing request's id).
        "django_tasks": {"level": "INFO"},
    },
}
