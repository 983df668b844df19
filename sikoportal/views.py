from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import dateformat, timezone
from django.utils.html import format_html

from facharbeitskreise import recent as area_news
from facharbeitskreise.models import Arbeitsbereich
from facharbeitskreise.roles import MANAGE_PERMISSION
from fachgebiete import recent as fachgebiet_news
from fachgebiete.models import Fachgebiet
from partner.models import Partner, User

from .visits import FIRST_VISIT_DAYS, news_since


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
    """The start page: "Neu im Portal" since the previous login, what waits for the user in their
    roles, and the way into the rubrics. A fixed number of queries whatever the amount of
    content: each app's `recent` module cuts its lists in SQL and counts in SQL."""
    user = request.user
    since, previous_login = news_since(user)
    context = {
        "partner_count": Partner.objects.active().count(),
        "fachgebiete": list(Fachgebiet.objects.fachgebiete()),
        "rubriken": list(Fachgebiet.objects.rubriken()),
        "my_areas": list(Arbeitsbereich.objects.member_of(user).order_by("name")),
        "since_phrase": _since_phrase(previous_login),
        "new_items": fachgebiet_news.new_published(user, since),
        "new_events": area_news.new_events(user, since),
        "open_submissions": fachgebiet_news.open_submissions(user),
        "review_waiting": fachgebiet_news.awaiting_review_count(user),
        "lead_requests": area_news.lead_requests(user),
        "is_office": user.is_geschaeftsstelle,
    }
    if context["is_office"]:
        context["pending_admissions"] = User.objects.awaiting_admission().count()
    if user.has_perm(MANAGE_PERMISSION):
        context["area_counts"] = area_news.office_counts()
    return render(request, "sikoportal/home.html", context)


def _legal_page(template_name: str):
    @login_not_required
    def view(request):
        return render(request, template_name)

    return view


impressum = _legal_page("sikoportal/impressum.html")
datenschutz = _legal_page("sikoportal/datenschutz.html")
barrierefreiheit = _legal_page("sikoportal/barrierefreiheit.html")
