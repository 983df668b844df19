"""Members' pages: the list of areas, an area's overview, requesting membership, the member list."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from partner.models import User

from . import access, services
from .access import Role, area_view, may_change
from .forms import RequestForm
from .models import AccessReview, Arbeitsbereich, MembershipRequest


def area_list(request):
    areas = Arbeitsbereich.objects.listed_for(request.user).order_by("kind", "name")
    page = Paginator(areas, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    roles = access.roles_for(request.user, page)
    leads = access.leads_by_area(page)
    pending = set(
        MembershipRequest.objects.filter(
            user=request.user, status=MembershipRequest.Status.OPEN, area__in=[area.pk for area in page]
        ).values_list("area_id", flat=True)
    )
    rows = [(area, roles.get(area.pk), leads.get(area.pk, []), area.pk in pending) for area in page]
    return render(
        request, "facharbeitskreise/area_list.html", {"page": page, "rows": rows, "total": page.paginator.count}
    )


@area_view()
def area_detail(request, area):
    members = access.member_roles(area)
    leads = access.leads_among(members)
    context = {
        "area": area,
        "role": area.user_role,
        "can_lead": may_change(area, Role.LEITUNG),
        "leads": leads,
        "member_count": len(members),
        "Role": Role,
    }
    if area.user_role == Role.LEITUNG:
        context["open_requests"] = MembershipRequest.objects.filter(
            area=area, status=MembershipRequest.Status.OPEN
        ).count()
        context["open_review"] = AccessReview.objects.filter(area=area, outcome=AccessReview.Outcome.OPEN).first()
    return render(request, "facharbeitskreise/area_detail.html", context)


def _listed_area(request, slug: str) -> Arbeitsbereich:
    """An area the user may know of; confidential and archived ones stay hidden from non-members (404)."""
    return get_object_or_404(Arbeitsbereich.objects.listed_for(request.user), slug=slug)


@require_http_methods(["GET", "POST"])
def area_request(request, slug: str):
    area = _listed_area(request, slug)
    if access.role_of(request.user, area) is not None:
        messages.info(request, "Sie sind bereits Mitglied dieses Bereichs.")
        return redirect(area)
    pending = MembershipRequest.objects.filter(
        area=area, user=request.user, status=MembershipRequest.Status.OPEN
    ).first()
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request_create(area=area, user=request.user, reason=form.cleaned_data["reason"])
        except services.AccessError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Ihr Antrag auf Mitgliedschaft in „{area.name}“ wurde gestellt. "
                "Die Leitung des Bereichs wurde benachrichtigt.",
            )
            return redirect("facharbeitskreise:area_list")
    return render(request, "facharbeitskreise/area_request.html", {"area": area, "form": form, "pending": pending})


def request_withdraw(request, slug: str):
    area = _listed_area(request, slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    pending = MembershipRequest.objects.filter(
        area=area, user=request.user, status=MembershipRequest.Status.OPEN
    ).first()
    if pending is None:
        messages.error(request, "Sie haben für diesen Bereich keinen offenen Antrag.")
        return redirect("facharbeitskreise:area_list")
    try:
        services.membership_request_withdraw(membership_request=pending, user=request.user)
    except services.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Ihr Antrag für „{area.name}“ wurde zurückgezogen.")
    return redirect("facharbeitskreise:area_list")


@area_view()
def member_list(request, area):
    roles = access.member_roles(area)
    people = User.objects.filter(pk__in=list(roles)).select_related("partner").order_by("last_name", "first_name")
    page = Paginator(people, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    rows = [(person, roles[person.pk]) for person in page]
    return render(
        request,
        "facharbeitskreise/member_list.html",
        {
            "area": area,
            "role": area.user_role,
            "can_manage": may_change(area, Role.LEITUNG),
            "page": page,
            "rows": rows,
            "total": len(roles),
            "Role": Role,
        },
    )
