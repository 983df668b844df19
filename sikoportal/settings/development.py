"""Local development and the demo: SQLite, mails on the console, demo data allowed."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SIKO_DEMO_MODE = env_bool("SIKO_DEMO_MODE", True)
