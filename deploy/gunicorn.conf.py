"""gunicorn for the SiKo Ruhr Portal behind nginx (sikoportal-web.service reads this file).

Values can be overridden in /etc/sikoportal/env (GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_TIMEOUT):
gunicorn reads this file as Python, after the environment is set.
"""

import os

# Only nginx on the same machine talks to gunicorn (deploy/nginx/sikoportal.conf, upstream).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers give stable throughput on these machines (README, "Messung"); 2 × cores + 1 is
# gunicorn's rule of thumb, 3 fits the two-core machines.
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
worker_class = "sync"
# Downloads leave through nginx (X-Accel-Redirect) and file extraction runs in the worker, so no
# request needs long; a hung worker is replaced after this many seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# systemctl stop/restart: running requests may finish within this time (TimeoutStopSec is 40).
graceful_timeout = 30
# A worker is replaced after about this many requests (memory growth stays bounded).
max_requests = 2000
max_requests_jitter = 200
# Logs go to the journal (journalctl -u sikoportal-web) as JSON, one object per line, like the
# portal's own (sikoportal/logs.py). The portal writes one line per request itself, with the
# request id, the user id and the URL pattern instead of the path (no search terms, no tokens), so
# gunicorn's access log stays off.
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "sikoportal.logs.JsonFormatter"}},
    "filters": {"context": {"()": "sikoportal.logs.ContextFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["context"],
            "stream": "ext://sys.stderr",
        },
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
    },
}
# nginx is the only client; headers from anyone else are not trusted.
forwarded_allow_ips = "127.0.0.1,::1"


# Prometheus metrics of all workers (sikoportal/metrics.py): with PROMETHEUS_MULTIPROC_DIR set
# (sikoportal-web.service: its runtime directory), each worker writes its numbers there; the
# directory is emptied when gunicorn starts, and a finished worker's live gauges are dropped.
def on_starting(server):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        for name in os.listdir(directory):
            if name.endswith(".db"):
                os.remove(os.path.join(directory, name))


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
