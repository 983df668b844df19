"""Django and its third-party apps, shared by every mode: apps, middleware, templates, database,
files, mail, accounts (allauth, MFA, guardian), CSP. The portal's own settings are in base.py."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from csp.constants import NONE, SELF

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
