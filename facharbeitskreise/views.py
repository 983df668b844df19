"""Members' pages: the list of areas, an area's overview, requesting membership, the member list."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from partner.models import User

from . import access, overview, services
from .access import Role, arbeitskreis_view, may_change
from .forms import RequestForm
from .models import AccessReview, Arbeitskreis, MembershipRequest


def arbeitskreis_list(request):
    arbeitskreise = Arbeitskreis.objects.listed_for(request.user).order_by("kind", "name")
    page = Paginator(arbeitskreise, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    roles = access.roles_for(request.user, page)
    leads = access.leads_by_arbeitskreis(page)
    pending = set(
        MembershipRequest.objects.filter(
            user=request.user,
            status=MembershipRequest.Status.OPEN,
            arbeitskreis__in=[arbeitskreis.pk for arbeitskreis in page],
        ).values_list("arbeitskreis_id", flat=True)
    )
    rows = [
        (arbeitskreis, roles.get(arbeitskreis.pk), leads.get(arbeitskreis.pk, []), arbeitskreis.pk in pending)
        for arbeitskreis in page
    ]
    return render(
        request, "facharbeitskreise/arbeitskreis_list.html", {"page": page, "rows": rows, "total": page.paginator.count}
    )


@arbeitskreis_view(members=True)
def arbeitskreis_detail(request, arbeitskreis):
    """Role, leads and member count fresh on every request; the content sections from
    facharbeitskreise.overview (the same for every member of the area)."""
    members = arbeitskreis.member_roles
    leads = access.leads_among(members)
    context = {
        "arbeitskreis": arbeitskreis,
        "sections": overview.cached_sections(request, arbeitskreis),
        "role": arbeitskreis.user_role,
        "can_lead": may_change(arbeitskreis, Role.LEITUNG),
        "leads": leads,
        "member_count": len(members),
        "Role": Role,
    }
    if arbeitskreis.user_role == Role.LEITUNG:
        context["open_requests"] = MembershipRequest.objects.filter(
            arbeitskreis=arbeitskreis, status=MembershipRequest.Status.OPEN
        ).count()
        context["open_review"] = AccessReview.objects.filter(
            arbeitskreis=arbeitskreis, outcome=AccessReview.Outcome.OPEN
        ).first()
    return render(request, "facharbeitskreise/arbeitskreis_detail.html", context)


def _listed_arbeitskreis(request, slug: str) -> Arbeitskreis:
    """An area the user may know of; confidential and archived ones stay hidden from non-members (404)."""
    return get_object_or_404(Arbeitskreis.objects.listed_for(request.user), slug=slug)


@require_http_methods(["GET", "POST"])
def arbeitskreis_request(request, slug: str):
    arbeitskreis = _listed_arbeitskreis(request, slug)
    if access.role_of(request.user, arbeitskreis) is not None:
        messages.info(request, "Sie sind bereits Mitglied dieses Bereichs.")
        return redirect(arbeitskreis)
    pending = MembershipRequest.objects.filter(
        arbeitskreis=arbeitskreis, user=request.user, status=MembershipRequest.Status.OPEN
    ).first()
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request_create(
                arbeitskreis=arbeitskreis, user=request.user, reason=form.cleaned_data["reason"]
            )
        except services.AccessError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Ihr Antrag auf Mitgliedschaft in „{arbeitskreis.name}“ wurde gestellt. "
                "Die Leitung des Bereichs wurde benachrichtigt.",
            )
            return redirect("facharbeitskreise:arbeitskreis_list")
    return render(
        request,
        "facharbeitskreise/arbeitskreis_request.html",
        {"arbeitskreis": arbeitskreis, "form": form, "pending": pending},
    )


def request_withdraw(request, slug: str):
    arbeitskreis = _listed_arbeitskreis(request, slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    pending = MembershipRequest.objects.filter(
        arbeitskreis=arbeitskreis, user=request.user, status=MembershipRequest.Status.OPEN
    ).first()
    if pending is None:
        messages.error(request, "Sie haben für diesen Bereich keinen offenen Antrag.")
        return redirect("facharbeitskreise:arbeitskreis_list")
    try:
        services.membership_request_withdraw(membership_request=pending, user=request.user)
    except services.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Ihr Antrag für „{arbeitskreis.name}“ wurde zurückgezogen.")
    return redirect("facharbeitskreise:arbeitskreis_list")


@arbeitskreis_view(members=True)
def member_list(request, arbeitskreis):
    roles = arbeitskreis.member_roles
    people = User.objects.filter(pk__in=list(roles)).select_related("partner").order_by("last_name", "first_name")
    page = Paginator(people, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    rows = [(person, roles[person.pk]) for person in page]
    return render(
        request,
        "facharbeitskreise/member_list.html",
        {
            "arbeitskreis": arbeitskreis,
            "role": arbeitskreis.user_role,
            "can_manage": may_change(arbeitskreis, Role.LEITUNG),
            "page": page,
            "rows": rows,
            "total": len(roles),
            "Role": Role,
        },
    )
