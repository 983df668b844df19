"""Production settings as shipped, for the gunicorn that `manage.py benchmark_pages` starts.

Only two differences: static files are collected into the benchmark's temporary directory
(SIKO_BENCHMARK_STATIC_ROOT) instead of the checkout, and SIKO_BENCHMARK_PAGES allows
`devtools.benchmark_wsgi` (the bare Django floor page) to load. Never use it for anything else.
"""

from sikoportal.settings.env import env_required
from sikoportal.settings.production import *  # noqa: F403

STATIC_ROOT = env_required("SIKO_BENCHMARK_STATIC_ROOT", "das Verzeichnis für collectstatic des Benchmarks")
SIKO_BENCHMARK_PAGES = True
