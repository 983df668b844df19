"""The Leitung's pages of one area: requests, members and roles, description, access review."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from partner.audit import audit_record
from partner.models import AuditEvent, User

from . import access, reviews, services
from .access import Role, area_view
from .forms import DecideForm, DescriptionForm, MemberAddForm, RoleForm
from .models import AccessReview, AccessReviewItem, MembershipRequest


@area_view(need=Role.LEITUNG)
def lead_requests(request, area):
    requests = MembershipRequest.objects.filter(area=area).select_related("user__partner", "decided_by")
    open_requests = requests.filter(status=MembershipRequest.Status.OPEN)
    decided = requests.exclude(status=MembershipRequest.Status.OPEN)[:50]
    return render(
        request,
        "facharbeitskreise/lead/requests.html",
        {"area": area, "open_requests": open_requests, "decided": decided, "form": DecideForm()},
    )


@area_view(need=Role.LEITUNG, methods=("POST",), write=True)
def lead_request_decide(request, area, pk: int):
    membership_request = get_object_or_404(MembershipRequest, pk=pk, area=area)
    form = DecideForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    decision = request.POST.get("entscheidung")
    try:
        if decision == "annehmen":
            services.membership_request_accept(
                membership_request=membership_request, actor=request.user, comment=comment
            )
            messages.success(request, f"{membership_request.user} ist jetzt Mitglied des Bereichs.")
        elif decision == "ablehnen":
            services.membership_request_decline(
                membership_request=membership_request, actor=request.user, comment=comment
            )
            messages.success(request, f"Der Antrag von {membership_request.user} wurde abgelehnt.")
        else:
            messages.error(request, "Bitte wählen Sie „Annehmen“ oder „Ablehnen“.")
    except services.AccessError as error:
        messages.error(request, str(error))
    return redirect("facharbeitskreise:lead_requests", slug=area.slug)


@area_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def lead_member_add(request, area):
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["user"]
        if access.role_of(person, area) is not None:
            form.add_error("user", f"{person} hat bereits Zugang zu diesem Bereich. Ändern Sie ggf. die Rolle.")
        else:
            try:
                services.role_grant(
                    area=area,
                    user=person,
                    role=form.cleaned_data["role"],
                    actor=request.user,
                    reason="Von der Leitung hinzugefügt",
                )
            except services.AccessError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{person} wurde als „{Role(form.cleaned_data['role']).label}“ hinzugefügt.")
                return redirect("facharbeitskreise:member_list", slug=area.slug)
    return render(request, "facharbeitskreise/lead/member_add.html", {"area": area, "form": form})


def _member(area, user_pk: int) -> tuple[User, Role]:
    roles = access.member_roles(area)
    if user_pk not in roles:
        raise Http404("Diese Person ist nicht Mitglied des Bereichs.")
    return get_object_or_404(User, pk=user_pk), roles[user_pk]


@area_view(need=Role.LEITUNG, methods=("POST",), write=True)
def lead_member_role(request, area, user_pk: int):
    person, _role = _member(area, user_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte wählen Sie eine gültige Rolle.")
    else:
        try:
            services.role_grant(
                area=area,
                user=person,
                role=form.cleaned_data["role"],
                actor=request.user,
                reason="Rolle von der Leitung geändert",
            )
        except services.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{person} hat jetzt die Rolle „{Role(form.cleaned_data['role']).label}“.")
    return redirect("facharbeitskreise:member_list", slug=area.slug)


@area_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def lead_member_remove(request, area, user_pk: int):
    person, role = _member(area, user_pk)
    if request.method == "POST":
        try:
            services.member_remove(area=area, user=person, actor=request.user)
        except services.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{person} wurde aus dem Bereich entfernt.")
        return redirect("facharbeitskreise:member_list", slug=area.slug)
    return render(
        request, "facharbeitskreise/lead/member_remove.html", {"area": area, "person": person, "person_role": role}
    )


@area_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def lead_description(request, area):
    form = DescriptionForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Die Beschreibung wurde gespeichert.")
        return redirect(area)
    return render(request, "facharbeitskreise/lead/description.html", {"area": area, "form": form})


def _review_context(area) -> dict:
    review = AccessReview.objects.filter(area=area, outcome=AccessReview.Outcome.OPEN).first()
    items = list(review.items.select_related("user__partner")) if review else []
    past = AccessReview.objects.filter(area=area).exclude(outcome=AccessReview.Outcome.OPEN)[:10]
    return {
        "area": area,
        "review": review,
        "items": items,
        "past": past,
        "Decision": AccessReviewItem.Decision,
        "review_days": settings.SIKO_ACCESS_REVIEW_DAYS,
    }


@area_view(need=Role.LEITUNG, methods=("GET", "POST"), write="POST")
def lead_review(request, area):
    """GET shows the running review; POST confirms the ticked members."""
    context = _review_context(area)
    if request.method == "POST":
        review = context["review"]
        if review is None:
            messages.error(request, "Für diesen Bereich läuft derzeit keine Zugriffsüberprüfung.")
            return redirect("facharbeitskreise:lead_review", slug=area.slug)
        ids = [int(value) for value in request.POST.getlist("bestaetigt") if value.isdigit()]
        try:
            count = reviews.review_confirm(review=review, user_ids=ids)
        except services.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{count} Mitgliedschaft(en) bestätigt.")
        return redirect("facharbeitskreise:lead_review", slug=area.slug)
    return render(request, "facharbeitskreise/lead/review.html", context)


@area_view(need=Role.LEITUNG, methods=("POST",))
def lead_review_start(request, area):
    """The Leitung starts a review of its own area now instead of waiting for the periodic one.
    Not `write`: an archived area has no review, which `reviews.review_start` says in its words."""
    try:
        review = reviews.review_start(area=area, actor=request.user)
    except services.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Die Zugriffsüberprüfung wurde gestartet. Bitte bestätigen Sie die Mitglieder bis zum "
            f"{review.due_date:%d.%m.%Y}.",
        )
    return redirect("facharbeitskreise:lead_review", slug=area.slug)


@area_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def lead_review_complete(request, area):
    context = _review_context(area)
    review = context["review"]
    if review is None:
        messages.error(request, "Für diesen Bereich läuft derzeit keine Zugriffsüberprüfung.")
        return redirect("facharbeitskreise:lead_review", slug=area.slug)
    if request.method == "POST":
        try:
            done = reviews.review_complete(review=review, actor=request.user)
        except services.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Die Zugriffsüberprüfung ist abgeschlossen: {done.confirmed_count} bestätigt, "
                f"{done.removed_count} entfernt.",
            )
        return redirect("facharbeitskreise:lead_review", slug=area.slug)
    context["pending"] = [item for item in context["items"] if item.decision == AccessReviewItem.Decision.PENDING]
    return render(request, "facharbeitskreise/lead/review_complete.html", context)


AREA_ACCESS_KINDS = [*services.Access.KINDS, AuditEvent.Kind.DOWNLOAD]


@area_view(need=Role.LEITUNG)
def lead_access_log(request, area):
    """The lead's view of the audit log: grants, role changes, revocations and downloads of this
    area only (other areas 404 through `area_view`). The view is itself logged; archived areas keep it."""
    scope = area.audit_area
    events = AuditEvent.objects.filter(area=scope, kind__in=AREA_ACCESS_KINDS).order_by("-at", "-pk")
    page = Paginator(events, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    audit_record(kind=AuditEvent.Kind.AUDIT_VIEWED, actor=request.user, area=scope, detail={"export": False})
    return render(request, "facharbeitskreise/lead/access_log.html", {"area": area, "page": page})
