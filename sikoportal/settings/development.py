"""Local development and the demo: SQLite, mails on the console, demo data allowed."""

from .base import *  # noqa: F403
from .env import env_bool

# The demo data (`manage.py load_demo`, `demo_totp`) and the tools (benchmarks); never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "devtools"]  # noqa: F405

DEBUG = env_bool("DJANGO_DEBUG", True)
SIKO_DEMO_MODE = env_bool("SIKO_DEMO_MODE", True)
