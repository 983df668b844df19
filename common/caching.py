"""No copy of a closed page in any cache.

Every response that belongs to a session with content — a logged-in person, or someone in the
middle of a login, an e-mail verification or a second-factor step — is sent with
`Cache-Control: private, no-store`: the portal is used on shared office computers, and neither
the browser (back button, disk cache) nor a proxy may keep what the person saw.

A visitor without a session (login page, registration, Impressum, the newsletter sign-up)
gets the public pages without it: they hold nothing personal, and forcing no-store there would
only cost the browser's back/forward cache. Static files are answered by whitenoise before
this middleware and keep their long cache lifetimes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# The one spelling of the header (downloads and calendar files set it too).
PRIVATE_NO_STORE = "private, no-store"


def forbid_caching(response: HttpResponse) -> None:
    """Add private and no-store; stricter directives a view already set (no-cache,
    must-revalidate, max-age=0) stay, a `public` gives way to `private`."""
    patch_cache_control(response, private=True, no_store=True)


class PrivateNoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # The session is loaded already for every page that looked at request.user; without a
        # session cookie and without new data there is nothing to load.
        if session is not None and (session.session_key is not None or session.modified) and session.keys():
            forbid_caching(response)
        return response
