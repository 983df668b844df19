"""What an error report contains: the mail to ADMINS and, optionally, Sentry or GlitchTip.

ADMINS mails (Django's AdminEmailHandler) use `PrivateExceptionReporter`: Django's report lists the
query string, form fields, cookies (the session cookie is not among those it hides), the user's
name (here the e-mail address) and many request headers; this one names the account by its id and
keeps the parameter names without their values.

Optional error reporting to Sentry or a self-hosted GlitchTip (same protocol), when SENTRY_DSN is set.

Imported by the production settings only then: without a DSN, sentry_sdk is never imported.
What leaves the machine is an error's type, message and stack (file, line, function), the URL
pattern's view and the request id — no personal data: no cookies, no headers with credentials, no
request bodies, no query strings, no local variables, no user e-mail or IP address
(send_default_pii=False), and any e-mail address in a message is replaced (sikoportal.logs.redact).
"""

from __future__ import annotations

from typing import Any

from django.views.debug import ExceptionReporter

from .logs import current_request_id, current_user_id, redact

HIDDEN = "********"
# Request headers an error mail may show.
_SAFE_META = {"REQUEST_METHOD", "SERVER_NAME", "SERVER_PORT", "HTTP_HOST", "HTTP_USER_AGENT", "HTTP_X_REQUEST_ID"}


class PrivateExceptionReporter(ExceptionReporter):
    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        if self.request is None:
            return data
        user_id = current_user_id()
        data["user_str"] = f"Konto {user_id}" if user_id else "nicht angemeldet"
        data["request_GET_items"] = [(name, HIDDEN) for name in self.request.GET]
        data["filtered_POST_items"] = [(name, HIDDEN) for name in self.request.POST]
        data["request_FILES_items"] = [(name, HIDDEN) for name in self.request.FILES]
        data["request_COOKIES_items"] = [(name, HIDDEN) for name in self.request.COOKIES]
        data["request_meta"] = {key: value for key, value in data["request_meta"].items() if key in _SAFE_META}
        data["request_insecure_uri"] = HIDDEN
        return data


# Request data that may hold a secret or personal data; dropped from every event. The URL too: its
# path can hold a token (confirmation, unsubscribe links); the event's transaction names the URL
# pattern instead ("/newsletter/abmelden/{token}/").
_DROPPED_REQUEST_KEYS = ("cookies", "data", "query_string", "env", "url")
_KEPT_HEADERS = {"host", "user-agent", "x-request-id", "content-type", "content-length"}


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        for key in _DROPPED_REQUEST_KEYS:
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {name: value for name, value in headers.items() if name.lower() in _KEPT_HEADERS}
    event.pop("user", None)
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return _scrub(event)


def init(dsn: str, *, environment: str, release: str | None = None) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        # Errors only: no performance tracing, no profiling.
        traces_sample_rate=0.0,
        before_send=before_send,
    )
