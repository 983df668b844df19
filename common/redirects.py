"""The one rule for following a redirect target that came from the request (`next`).

It lives in `common`, below every app, because none may import sikoportal: newsletter,
fachgebiete and the allauth adapter all send users "back" through it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def local_path(target: str | None) -> str | None:
    """`target` if it is a path on this site ("/…"), else None.

    Only paths are followed: never another host ("//evil", "https://evil", "/\\evil"), never a
    scheme ("javascript:"), never a relative or bare word ("0", "abc") — redirect() would try to
    reverse those as URL names and fail with a 500.
    """
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    # Django's own check catches what remains (control characters, "///", encoded tricks).
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None, require_https=False):
        return None
    return target


def redirect_back(request: HttpRequest, default: str, *, field: str = "next", **kwargs) -> HttpResponseRedirect:
    """Back to the safe local path in POST/GET `field`, else to `default` (a URL name or path)."""
    target = local_path(request.POST.get(field) or request.GET.get(field))
    # The user's target is a path and is never reversed; only our own default is.
    return HttpResponseRedirect(target or resolve_url(default, **kwargs))
