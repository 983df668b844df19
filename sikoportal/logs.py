"""Structured logs: one JSON object per line, each with the request id and the user id.

- `RequestIdMiddleware` (first in MIDDLEWARE) takes nginx's X-Request-ID when it looks like one
  (nginx's $request_id: 32 hex digits) or makes a new one, returns it in the X-Request-ID header
  and writes one line per request ("sikoportal.request": method, URL pattern, status, duration).
- `ContextFilter` adds `request_id` and `user_id` to every record of the process, also those of
  the background worker: a task enqueued during a request carries that request's id
  (sikoportal.tasks_backend) and the worker logs with it while the task runs.
- `JsonFormatter` writes time, level, logger, message, request_id, user_id (and the traceback).

Never in a log line: e-mail addresses (the formatter replaces any that a message or an exception
text contains, e.g. an SMTP server's refusal), the query string or the path itself (it can hold a
search term, a confirmation key or an unsubscribe token: the request line names the URL pattern).
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

HEADER = "X-Request-ID"
# nginx's $request_id is 32 hex digits; other proxies use UUIDs. Anything else is replaced, so a
# client cannot write into the logs through this header.
_SANE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
REDACTED_EMAIL = "[E-Mail entfernt]"
# Polled by monitoring every few seconds: their request lines are DEBUG, not INFO.
QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("siko_request_id", default=None)
_request_var: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar("siko_request", default=None)
user_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar("siko_user_id", default=None)

request_logger = logging.getLogger("sikoportal.request")


def sane_request_id(value: str | None) -> str:
    """The given id if it looks like one, else a new one (32 hex digits, like nginx's)."""
    if value and _SANE_ID.match(value):
        return value
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    return request_id_var.get()


def current_user_id() -> int | None:
    """The logged-in user's id, if this request has already looked the user up: a log line never
    costs a session or database query of its own (/healthz touches neither)."""
    request = _request_var.get()
    if request is None:
        return user_id_var.get()
    user = request.__dict__.get("user")
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        # Imported here: gunicorn's master loads this module for JsonFormatter before Django is set up.
        from partner.audit import client_ip

        from .metrics import observe_request

        self.get_response = get_response
        self.client_ip = client_ip
        self.observe_request = observe_request

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = sane_request_id(request.headers.get(HEADER))
        id_token = request_id_var.set(request.request_id)
        request_token = _request_var.set(request)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = request.request_id
            duration = time.monotonic() - started
            level = logging.DEBUG if request.path in QUIET_PATHS else logging.INFO
            match = request.resolver_match
            self.observe_request(match.view_name if match else None, request.method, response.status_code, duration)
            request_logger.log(
                level,
                "%s %s %s",
                request.method,
                match.route if match else "-",
                response.status_code,
                extra={
                    "method": request.method,
                    "route": match.route if match else None,
                    "view": match.view_name if match else None,
                    "status": response.status_code,
                    "duration_ms": round(duration * 1000, 1),
                    "client": self.client_ip(request),
                },
            )
            return response
        finally:
            _request_var.reset(request_token)
            request_id_var.reset(id_token)


class ContextFilter(logging.Filter):
    """Adds request_id and user_id to every record (None outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.user_id = current_user_id()
        return True


# Attributes every LogRecord has; whatever else a call passes in `extra` goes into the JSON.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


_PLAIN = (str, int, float, bool, type(None))


def redact(text: str) -> str:
    return _EMAIL.sub(REDACTED_EMAIL, text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "request_id": getattr(record, "request_id", None),
            "user_id": getattr(record, "user_id", None),
        }
        for key, value in record.__dict__.items():
            # Plain values only: Django's own records carry the request object, whose text form
            # holds the query string.
            if key in _STANDARD or key in entry or key.startswith("_") or not isinstance(value, _PLAIN):
                continue
            entry[key] = redact(value) if isinstance(value, str) else value
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)
