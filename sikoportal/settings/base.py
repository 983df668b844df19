"""Settings shared by every mode. Modes: development (default), test, production."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from csp.constants import NONE, SELF

from common.rubrics import linkable_paths

from .env import env_addresses, env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "unsicherer-entwicklungsschluessel-nur-lokal-verwenden")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    # Third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Login with an authority's own identity provider (partner.sso): OpenID Connect or SAML 2.0.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "guardian",
    "django_filters",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_sendfile",
    # Ours, bottom layer and base app first (see DESIGN.md for the dependency direction)
    "common",
    "partner",
    "dokumente",
    "fachgebiete",
    "facharbeitskreise",
    "newsletter",
    "benachrichtigungen",
    "suche",
    "sikoportal",
    "statistik",
    "zielgruppen",
    "zustaendigkeiten",
    "lagebilder",
    "veranstaltungen",
]

MIDDLEWARE = [
    # A request id for every request and one log line per request (before anything can answer).
    "sikoportal.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Idle and maximum session lifetime; before the login check, so an ended session gets the login page.
    "partner.sessions.SessionLifetimeMiddleware",
    # Cache-Control: private, no-store for every response that belongs to a session.
    "common.caching.PrivateNoStoreMiddleware",
    # Default deny: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "partner.middleware.RequireMFAMiddleware",
    # allauth's pages that ask for re-authentication ask SSO-only people at their provider (partner.sso.reauth).
    "partner.sso.reauth.SSOReauthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After django-csp, so that it runs first on the response: form-action for the identity providers.
    "partner.sso.csp.SSOFormActionMiddleware",
]

ROOT_URLCONF = "sikoportal.urls"
WSGI_APPLICATION = "sikoportal.wsgi.application"
ASGI_APPLICATION = "sikoportal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sikoportal.context_processors.portal",
                "common.context_processors.office_contact",
            ],
        },
    },
]
FORM_RENDERER = "sikoportal.forms.KernFormRenderer"

DATABASES = {
    "default": env_database(
        f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partner.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Sessions end with the browser, after SIKO_SESSION_IDLE_MINUTES without a request and
# SIKO_SESSION_MAX_HOURS after the login, however active (partner.sessions).
SIKO_SESSION_IDLE_MINUTES = env_int("SIKO_SESSION_IDLE_MINUTES", 30)
SIKO_SESSION_MAX_HOURS = env_int("SIKO_SESSION_MAX_HOURS", 10)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The database row outlives the checks above, so that an ended session still says why.
SESSION_COOKIE_AGE = SIKO_SESSION_MAX_HOURS * 60 * 60
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "de-de"
LANGUAGES = [("de", "Deutsch")]
# Our own catalogue first: it puts allauth's texts into the formal "Sie".
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads never live under static/ and are only served through permission-checked views.
MEDIA_ROOT = Path(env_str("SIKO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/_uploads-nicht-oeffentlich/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Downloads from an object store (SIKO_STORAGE=s3 in production): the browser is redirected to a
# presigned URL valid for this many seconds; 0 streams every file through the app server instead.
SIKO_STORAGE_PRESIGNED_SECONDS = env_int("SIKO_S3_PRESIGNED_SECONDS", 60)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("SIKO_FROM_EMAIL", "SiKo Ruhr Portal <portal@sikoruhr.nrw.de>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who gets a mail with the traceback of every server error (500), e.g. "Betrieb <betrieb@it.nrw.de>";
# comma-separated. Sent through the mail settings above; empty: nobody.
ADMINS = env_addresses("DJANGO_ADMINS")
EMAIL_SUBJECT_PREFIX = "[SiKo Ruhr Portal] "

# --- django-allauth -------------------------------------------------------
ACCOUNT_ADAPTER = "partner.adapter.AccountAdapter"
# Members change their login address only within their own authority's domains.
ACCOUNT_FORMS = {
    "signup": "partner.forms.RegistrationForm",
    "add_email": "partner.forms.AddLoginEmailForm",
    "reset_password": "partner.forms.VerifiedResetPasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CHANGE_EMAIL = True
# Changes to login address, password and second factor are told by mail (the old address for
# an address change), so that a person notices a change she did not make.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SiKo Ruhr Portal] "
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Failed logins are throttled per IP and per account (allauth defaults, spelled out). The IP is
# the client's, not nginx's: see ALLAUTH_TRUSTED_CLIENT_IP_HEADER in production.py. The
# per-account limit blocks for at most 5 minutes after the first of 5 failures (failures while
# blocked do not count), and a password reset lifts it at once.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
    # The public newsletter sign-up (ours, through allauth's limiter: same IP logic, same cache).
    "newsletter_subscribe": "10/h/ip",
}
# Second factor: an authenticator app (TOTP) or a security key / passkey (WebAuthn), with
# recovery codes. Passkeys serve as second factor only, never instead of the password.
# Single sign-on with an authority's identity provider (partner.sso): the providers are rows of
# partner.IdentityProvider, kept by the Geschäftsstelle; allauth's SocialApp table stays empty.
SOCIALACCOUNT_ADAPTER = "partner.sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
# partner.sso.adapter accepts only an address the provider reports as verified.
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {"OAUTH_PKCE_ENABLED": True},
    # allauth's SAML provider, keeping also AuthnContextClassRef and NameID/SessionIndex (partner.sso.saml).
    "saml": {"provider_class": "partner.sso.saml.PortalSAMLProvider"},
}

MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "SiKo Ruhr Portal"
MFA_ADAPTER = "partner.mfa_adapter.EncryptingMFAAdapter"
MFA_PASSKEY_LOGIN_ENABLED = False
# TOTP secrets and recovery-code seeds are stored encrypted (Fernet) with this key; older keys
# stay readable from the fallbacks while `manage.py mfa_rotate_key` re-encrypts. Production
# requires its own key; elsewhere one is derived from SECRET_KEY so that a checkout runs.
SIKO_MFA_ENCRYPTION_KEY = env_str(
    "SIKO_MFA_ENCRYPTION_KEY",
    base64.urlsafe_b64encode(hashlib.sha256(f"siko-mfa:{SECRET_KEY}".encode()).digest()).decode(),
)
SIKO_MFA_ENCRYPTION_KEY_FALLBACKS = env_list("SIKO_MFA_ENCRYPTION_KEY_FALLBACKS")
# Roles that must use a second factor, besides the Geschäftsstelle and operators (partner's
# own rule): each app names its rule `rule(user) -> bool` (see partner/middleware.py).
SIKO_MFA_REQUIRED_RULES = ["fachgebiete.access.requires_mfa", "facharbeitskreise.access.requires_mfa"]
# Sessions that did not pass a second factor are checked against these rules again after this
# many seconds (a role granted during a session counts from then on).
SIKO_MFA_RECHECK_SECONDS = env_int("SIKO_MFA_RECHECK_SECONDS", 300)
USERSESSIONS_TRACK_ACTIVITY = False

# --- django-guardian --------------------------------------------------------
# A closed portal has no anonymous object permissions; guardian helpers are
# only ever called after the login check.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

# --- Content Security Policy ------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The portal's own German page when a form's CSRF token fails (expired session, old tab).
CSRF_FAILURE_VIEW = "sikoportal.views.csrf_failure"

# --- The portal -------------------------------------------------------------
# Absolute links in mails are built from this URL, never from the request.
SIKO_BASE_URL = env_str("SIKO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The Geschäftsstelle's contact details, shown on pages, in mails and on the error page (common.office).
SIKO_OFFICE_NAME = env_str("SIKO_OFFICE_NAME", "Geschäftsstelle der Sicherheitskooperation Ruhr")
SIKO_OFFICE_ORGANISATION = env_str("SIKO_OFFICE_ORGANISATION", "Sicherheitskooperation Ruhr")
SIKO_OFFICE_STREET = env_str("SIKO_OFFICE_STREET", "Müller-Breslau-Straße 28")
SIKO_OFFICE_CITY = env_str("SIKO_OFFICE_CITY", "45130 Essen")
SIKO_OFFICE_PHONE = env_str("SIKO_OFFICE_PHONE", "0201 475892-0")
SIKO_OFFICE_EMAIL = env_str("SIKO_OFFICE_EMAIL", "poststelle@sikoruhr.nrw.de")
# Who hears of new applications (the Geschäftsstelle's functional mailbox).
SIKO_OFFICE_EMAILS = env_list("SIKO_OFFICE_EMAILS", [SIKO_OFFICE_EMAIL])
# Applications whose e-mail address was never confirmed are deleted after this many days.
SIKO_APPLICATION_EXPIRY_DAYS = env_int("SIKO_APPLICATION_EXPIRY_DAYS", 7)
# Re-certification (partner.recertification, daily `manage.py recertify_accounts`): every admitted
# account is confirmed every so many months by a contact person of its authority or the office;
# an account nobody logged in with for so many days rests as well. Warning mail so many days ahead.
SIKO_RECERTIFICATION_MONTHS = env_int("SIKO_RECERTIFICATION_MONTHS", 12)
SIKO_RECERTIFICATION_WARNING_DAYS = env_int("SIKO_RECERTIFICATION_WARNING_DAYS", 14)
SIKO_INACTIVITY_SUSPEND_DAYS = env_int("SIKO_INACTIVITY_SUSPEND_DAYS", 180)
# Private mail providers are never accepted for registration.
SIKO_BLOCKED_EMAIL_DOMAINS = env_list(
    "SIKO_BLOCKED_EMAIL_DOMAINS",
    [
        "gmail.com",
        "googlemail.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "t-online.de",
        "yahoo.com",
        "yahoo.de",
        "outlook.com",
        "outlook.de",
        "hotmail.com",
        "hotmail.de",
        "live.de",
        "icloud.com",
        "aol.com",
        "freenet.de",
        "posteo.de",
        "mailbox.org",
        "proton.me",
        "protonmail.com",
    ],
)
# Demo data and demo passwords exist only where this is true (never in production).
SIKO_DEMO_MODE = env_bool("SIKO_DEMO_MODE", False)
SIKO_PAGE_SIZE = 50

# --- Background tasks --------------------------------------------------------
# Real worker processes run them: `manage.py db_worker` (see README, "Newsletter"). Three queues, so
# that a slow PDF never delays a mail: "mail" (every mail, common.mail.MAIL_QUEUE), "extraction"
# (text of uploaded files), "default" (the rest). deploy/systemd runs one worker for default and
# mail (sikoportal-worker) and one for extraction (sikoportal-worker-extraction).
SIKO_TASK_QUEUES = ["default", "mail", "extraction"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": SIKO_TASK_QUEUES}}

# --- Newsletter -------------------------------------------------------------
SIKO_NEWSLETTER_FROM = env_str("SIKO_NEWSLETTER_FROM", DEFAULT_FROM_EMAIL)
SIKO_NEWSLETTER_REPLY_TO = env_str("SIKO_NEWSLETTER_REPLY_TO", SIKO_OFFICE_EMAIL)
# Confirmation links (double opt-in) expire after this many days.
SIKO_NEWSLETTER_CONFIRM_DAYS = env_int("SIKO_NEWSLETTER_CONFIRM_DAYS", 7)
# At most one confirmation mail (or notice) per address within this many minutes.
SIKO_NEWSLETTER_MAIL_INTERVAL_MINUTES = env_int("SIKO_NEWSLETTER_MAIL_INTERVAL_MINUTES", 60)
# Mails per task run, all over one SMTP connection.
SIKO_NEWSLETTER_BATCH_SIZE = env_int("SIKO_NEWSLETTER_BATCH_SIZE", 100)
# How long a worker owns the rows it claimed (renewed while it sends); a killed worker's
# rows are sent by the next task after this time.
SIKO_NEWSLETTER_CLAIM_SECONDS = env_int("SIKO_NEWSLETTER_CLAIM_SECONDS", 300)
# Pause before the worker tries an unreachable mail server again.
SIKO_NEWSLETTER_RETRY_SECONDS = env_int("SIKO_NEWSLETTER_RETRY_SECONDS", 60)
# Links into the portal a newsletter may contain: open rubrics only (an allow-list;
# closed areas, account and administration pages are refused).
# From the one list of rubrics (common.rubrics); never /arbeitskreise/ (closed areas).
SIKO_NEWSLETTER_LINKABLE_PATHS = linkable_paths()
# Data retention (manage.py newsletter_cleanup, daily).
SIKO_NEWSLETTER_OPTOUT_RETENTION_DAYS = env_int("SIKO_NEWSLETTER_OPTOUT_RETENTION_DAYS", 3 * 365)
SIKO_NEWSLETTER_DELIVERY_RETENTION_DAYS = env_int("SIKO_NEWSLETTER_DELIVERY_RETENTION_DAYS", 180)

# --- Documents and uploads (dokumente) -----------------------------------------
# Largest accepted upload; larger files are refused with a clear message.
SIKO_UPLOAD_MAX_BYTES = env_int("SIKO_UPLOAD_MAX_MB", 25) * 1024 * 1024
# Every upload is scanned by ClamAV's clamd (dokumente.virusscan): a Unix socket path or
# tcp://host:port. Default: the clamd that tools/clamd.sh starts for development (make demo).
# If clamd cannot be reached, every upload is refused – there is no setting that skips the scan.
SIKO_CLAMD_SOCKET = env_str("SIKO_CLAMD_SOCKET", str(BASE_DIR / ".clamd" / "clamd.sock"))
# Seconds clamd may take for each step (connect, each chunk sent, the verdict) before the upload is refused.
SIKO_CLAMD_TIMEOUT = env_int("SIKO_CLAMD_TIMEOUT", 30)
# Uploaded files are only ever served by permission-checked views through django-sendfile2:
# "django_sendfile.backends.simple" streams them from Django (development, tests);
# "django_sendfile.backends.nginx" hands nginx an X-Accel-Redirect to an internal location
# (production; see README, "Betrieb").
SENDFILE_BACKEND = env_str("SIKO_SENDFILE_BACKEND", "django_sendfile.backends.simple")
SENDFILE_ROOT = str(MEDIA_ROOT)
SENDFILE_URL = env_str("SIKO_SENDFILE_URL", "/_geschuetzt")
# Text read from a file for the search is cut after this many characters (about 60 pages):
# enough to find a document by what it says, bounded for the index and the snippets.
SIKO_SEARCH_TEXT_MAX_CHARS = env_int("SIKO_SEARCH_TEXT_MAX_CHARS", 200_000)
# The search counts this many visible hits exactly; beyond it the page says "Mehr als 10.000 Treffer",
# ranks the hits collected and shows facets without numbers (the cost of a broad word stays bounded).
SIKO_SEARCH_COUNT_LIMIT = env_int("SIKO_SEARCH_COUNT_LIMIT", 10_000)
# A PDF is read page by page for at most this many seconds (the background worker stays free).
SIKO_EXTRACTION_SECONDS = env_int("SIKO_EXTRACTION_SECONDS", 60)

# Facharbeitskreise: every SIKO_ACCESS_REVIEW_MONTHS the lead of an area confirms its members;
# whoever is not confirmed within SIKO_ACCESS_REVIEW_DAYS loses access (manage.py run_access_reviews).
SIKO_ACCESS_REVIEW_MONTHS = env_int("SIKO_ACCESS_REVIEW_MONTHS", 6)
SIKO_ACCESS_REVIEW_DAYS = env_int("SIKO_ACCESS_REVIEW_DAYS", 28)

# Audit log (partner.AuditEvent): how many days each group of events is kept before the daily
# `manage.py audit_prune` deletes it (partner/audit_retention.py says which kind is in which group).
# - login: sign-in, failure, lock-out, logout (with the client's IP address). 90 days are enough
#   to see an attack and answer a question about it; the address is personal data, kept briefly.
# - account: second factor, recovery codes, password and e-mail changes. Two years, as § 76 (4)
#   BDSG keeps logs until the end of the year after they were made: a person can still ask what
#   happened to their account last year.
# - rights: admission, (de/re)activation, area access, Redaktion, admin changes, views of this
#   log. Two years likewise: who had access when must be answerable for the next check.
# - download: who fetched which file (every Fachgebiet and area). One year (as before for the
#   closed areas): long enough to trace a leaked document, not a profile of anyone's reading.
SIKO_AUDIT_RETENTION_DAYS = {
    "login": env_int("SIKO_AUDIT_LOGIN_RETENTION_DAYS", 90),
    "account": env_int("SIKO_AUDIT_ACCOUNT_RETENTION_DAYS", 730),
    "rights": env_int("SIKO_AUDIT_RIGHTS_RETENTION_DAYS", 730),
    "download": env_int("SIKO_DOWNLOAD_LOG_RETENTION_DAYS", 365),
}

# Data protection (partner/data_protection.py): each module exports a person's data, erases it and
# describes its processing for the Verzeichnis von Verarbeitungstätigkeiten. partner first.
SIKO_PERSONAL_DATA_PROVIDERS = [
    "partner.personal_data",
    "fachgebiete.personal_data",
    "facharbeitskreise.personal_data",
    "benachrichtigungen.personal_data",
    "lagebilder.personal_data",
    "newsletter.personal_data",
    "veranstaltungen.personal_data",
    "sikoportal.personal_data",
    "zustaendigkeiten.personal_data",
]

# Sections other apps add to "Mein Profil" (partner's {% profile_sections %}).
SIKO_PROFILE_SECTIONS = [
    "newsletter.profile.subscription_section",
    "fachgebiete.profile.follow_section",
    "zustaendigkeiten.sections.profile_section",
]
# Sections other apps add to an authority's page and to a Fachgebiet's overview (common.sections).
SIKO_PARTNER_SECTIONS = ["zustaendigkeiten.sections.partner_section"]
SIKO_FACHGEBIET_SECTIONS = ["zustaendigkeiten.sections.fachgebiet_section"]

# --- Operations: /healthz and /readyz (sikoportal.health) ----------------------------------
# Operators (monitoring) see each readiness check's detail with "Authorization: Bearer <token>";
# without a token (empty) everybody gets only {"status": "ok"|"fail"}.
SIKO_HEALTH_TOKEN = env_str("SIKO_HEALTH_TOKEN", "")
# What /readyz checks: name -> function returning a CheckResult (an exception counts as failed).
SIKO_READINESS_CHECKS = {
    "database": "sikoportal.health.check_database",
    "migrations": "sikoportal.health.check_migrations",
    "worker": "sikoportal.health.check_worker",
    "media": "sikoportal.health.check_media",
    "clamd": "sikoportal.health.check_clamd",
}
# The worker runs a heartbeat task this often; /readyz fails when the last one is older than MAX_AGE
# (longer than the longest task, e.g. a PDF extraction of SIKO_EXTRACTION_SECONDS).
SIKO_WORKER_HEARTBEAT_SECONDS = env_int("SIKO_WORKER_HEARTBEAT_SECONDS", 60)
SIKO_WORKER_HEARTBEAT_MAX_AGE = env_int("SIKO_WORKER_HEARTBEAT_MAX_AGE", 300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}

# --- Operations: backup (manage.py backup, sikoportal.backup) ------------------------------
# New backups go into a directory of their own below SIKO_BACKUP_DIR; after each run only the
# newest SIKO_BACKUP_KEEP are kept (0: all). The key (SIKO_BACKUP_KEY) is read by the commands
# from the environment, never into settings.
SIKO_BACKUP_DIR = env_str("SIKO_BACKUP_DIR", "/var/backups/sikoportal")
SIKO_BACKUP_KEEP = env_int("SIKO_BACKUP_KEEP", 14)
