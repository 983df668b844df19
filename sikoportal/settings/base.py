"""Settings shared by every mode (development by default, test, production): the framework's
(framework.py) and the portal's own (SIKO_*) below."""

from __future__ import annotations

from common.rubrics import linkable_paths

from .env import env_bool, env_int, env_list, env_str
from .framework import *  # noqa: F403
from .framework import BASE_DIR, DEFAULT_FROM_EMAIL, MEDIA_ROOT

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
# The search counts this many visible hits exactly; beyond it the page says "Mehr als 1.000 Treffer",
# ranks the hits collected and shows facets without numbers (the cost of a broad word stays bounded:
# every step of the statement grows with the hits collected, see README "Suche: breite Anfragen").
SIKO_SEARCH_COUNT_LIMIT = env_int("SIKO_SEARCH_COUNT_LIMIT", 1_000)
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
