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
# Log to stdout/stderr: the journal collects it (journalctl -u sikoportal-web).
accesslog = "-"
errorlog = "-"
# The path without the query string: search terms (?q=…) must not land in any log (README,
# "Suche": search terms are not stored). The client is nginx's X-Real-IP, not 127.0.0.1.
access_log_format = '%({x-real-ip}i)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
# nginx is the only client; headers from anyone else are not trusted.
forwarded_allow_ips = "127.0.0.1,::1"
