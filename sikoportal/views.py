from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from csp.middleware import CSPMiddleware
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.middleware.security import SecurityMiddleware
from django.shortcuts import render
from django.template import loader
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

from common import rights
from common.office import office
from facharbeitskreise import recent as arbeitskreis_news
from facharbeitskreise.access import MANAGE_PERMISSION
from fachgebiete import recent as fachgebiet_news
from fachgebiete.models import Fachgebiet
from newsletter.models import Issue
from partner.models import DeletionRequest, Partner, User

from .announcements import for_person
from .visits import FIRST_VISIT_DAYS, news_since

ISSUE_SHOWN = ("number", "title", "issue_date")


def _since_phrase(previous_login) -> str:
    """The news period: "seit Ihrer letzten Anmeldung am 03.05.2026 um 14:20 Uhr" or "in den letzten 14 Tagen"."""
    if previous_login is None:
        return f"in den letzten {FIRST_VISIT_DAYS} Tagen"
    local = timezone.localtime(previous_login)
    return format_html(
        'seit Ihrer letzten Anmeldung am <time datetime="{}">{} um {} Uhr</time>',
        local.isoformat(timespec="seconds"),
        dateformat.format(local, "d.m.Y"),
        dateformat.format(local, "H:i"),
    )


def home(request):
    """The start page: what waits for the user in their roles, the next meetings of their areas,
    the latest newsletter, "Neu im Portal" since the previous login and the way into the rubrics.
    A fixed number of queries whatever the amount of content: each app's `recent` module cuts
    its lists in SQL and counts in SQL. What several cards need is read once: the user's areas
    and roles (`my_areas`) and all Fachgebiete and rubrics with their content versions."""
    user = request.user
    since, previous_login = news_since(user)
    # A member holds no global permission (kept in her session): "office?" costs no query then.
    permissions = rights.holds_global_permissions(request)
    areas = arbeitskreis_news.my_areas(user)
    fachgebiete = list(Fachgebiet.objects.order_by("position", "name"))
    announcements = for_person(user, areas, since)
    context = {
        "partner_count": Partner.objects.active().count(),
        "fachgebiete": [fachgebiet for fachgebiet in fachgebiete if fachgebiet.kind == Fachgebiet.Kind.FACHGEBIET],
        "rubriken": [fachgebiet for fachgebiet in fachgebiete if fachgebiet.kind == Fachgebiet.Kind.RUBRIK],
        "my_arbeitskreise": areas.arbeitskreise,
        "since_phrase": _since_phrase(previous_login),
        "new_items": fachgebiet_news.new_published(user, since, fachgebiete=fachgebiete),
        "new_events": announcements.area_news,
        "meetings": announcements.meetings,
        "events": announcements.events,
        # What the card shows: not the issue's text.
        "latest_issue": Issue.objects.published().order_by("-issue_date", "-number").only(*ISSUE_SHOWN).first(),
        "open_submissions": fachgebiet_news.open_submissions(user, fachgebiete=fachgebiete),
        "review_waiting": fachgebiet_news.awaiting_review_count(user, request),
        "lead_requests": arbeitskreis_news.lead_requests(user, areas),
        "open_lagebilder": announcements.lagebilder,
        "is_office": permissions and user.is_geschaeftsstelle,
    }
    if context["is_office"]:
        context["pending_admissions"] = User.objects.awaiting_admission().count()
        context["pending_deletions"] = DeletionRequest.objects.open().count()
    if permissions and user.has_perm(MANAGE_PERMISSION):
        context["arbeitskreis_counts"] = arbeitskreis_news.office_counts()
    context["has_tasks"] = bool(
        context["open_submissions"].items
        or context["open_lagebilder"].items
        or context["review_waiting"] is not None
        or context["lead_requests"] is not None
        or context["is_office"]
    )
    return render(request, "sikoportal/home.html", context)


def _legal_page(template_name: str):
    @login_not_required
    def view(request):
        return render(request, template_name)

    return view


impressum = _legal_page("sikoportal/impressum.html")
datenschutz = _legal_page("sikoportal/datenschutz.html")
barrierefreiheit = _legal_page("sikoportal/barrierefreiheit.html")


# --- Error pages ------------------------------------------------------------------------
# An exception raised in an outer middleware (an unknown Host header in CommonMiddleware or in
# SecurityMiddleware's HTTPS redirect) is answered there: the response skips every inner
# middleware on its way out, CSP and X-Frame-Options included. So the error views set the
# portal's security headers themselves, through the same middleware and the same settings;
# each of them leaves a header alone that is already there.
_HEADER_MIDDLEWARE = (SecurityMiddleware, XFrameOptionsMiddleware, CSPMiddleware)


def _unused_get_response(request: HttpRequest) -> HttpResponse:
    raise AssertionError("only process_response is called")


def with_security_headers(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    for middleware_class in _HEADER_MIDDLEWARE:
        response = middleware_class(_unused_get_response).process_response(request, response)
    return response


def _secured(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def handler(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return with_security_headers(request, view(request, *args, **kwargs))

    return handler


@requires_csrf_token
def _server_error(request: HttpRequest) -> HttpResponse:
    """Django's own 500 view with the office's contact details (from the settings: nothing here may
    fail, so no context processor runs)."""
    return HttpResponseServerError(loader.get_template("500.html").render({"office": office()}))


# Django's own error views and our templates; the templates render without user or session
# (see sikoportal.navigation), and 500.html needs nothing from the request at all.
bad_request = _secured(defaults.bad_request)
permission_denied = _secured(defaults.permission_denied)
page_not_found = _secured(defaults.page_not_found)
server_error = _secured(_server_error)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the portal's own page. The reason is logged by Django
    (django.security.csrf) and never shown; only a missing cookie changes the advice."""
    # Called from CsrfViewMiddleware.process_view: the response passes every middleware.
    return render(request, "403_csrf.html", {"cookie_missing": reason == REASON_NO_CSRF_COOKIE}, status=403)
