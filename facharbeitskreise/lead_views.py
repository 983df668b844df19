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
from .access import Role, arbeitskreis_view
from .forms import DecideForm, DescriptionForm, MemberAddForm, RoleForm
from .models import AccessReview, AccessReviewItem, MembershipRequest


@arbeitskreis_view(need=Role.LEITUNG)
def lead_requests(request, arbeitskreis):
    requests = MembershipRequest.objects.filter(arbeitskreis=arbeitskreis).select_related("user__partner", "decided_by")
    open_requests = requests.filter(status=MembershipRequest.Status.OPEN)
    decided = requests.exclude(status=MembershipRequest.Status.OPEN)[:50]
    return render(
        request,
        "facharbeitskreise/lead/requests.html",
        {"arbeitskreis": arbeitskreis, "open_requests": open_requests, "decided": decided, "form": DecideForm()},
    )


@arbeitskreis_view(need=Role.LEITUNG, methods=("POST",), write=True)
def lead_request_decide(request, arbeitskreis, pk: int):
    membership_request = get_object_or_404(MembershipRequest, pk=pk, arbeitskreis=arbeitskreis)
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
    return redirect("facharbeitskreise:lead_requests", slug=arbeitskreis.slug)


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def lead_member_add(request, arbeitskreis):
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["user"]
        if access.role_of(person, arbeitskreis) is not None:
            form.add_error("user", f"{person} hat bereits Zugang zu diesem Bereich. Ändern Sie ggf. die Rolle.")
        else:
            try:
                services.role_grant(
                    arbeitskreis=arbeitskreis,
                    user=person,
                    role=form.cleaned_data["role"],
                    actor=request.user,
                    reason="Von der Leitung hinzugefügt",
                )
            except services.AccessError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{person} wurde als „{Role(form.cleaned_data['role']).label}“ hinzugefügt.")
                return redirect("facharbeitskreise:member_list", slug=arbeitskreis.slug)
    return render(request, "facharbeitskreise/lead/member_add.html", {"arbeitskreis": arbeitskreis, "form": form})


def _member(arbeitskreis, user_pk: int) -> tuple[User, Role]:
    roles = access.member_roles(arbeitskreis)
    if user_pk not in roles:
        raise Http404("Diese Person ist nicht Mitglied des Bereichs.")
    return get_object_or_404(User, pk=user_pk), roles[user_pk]


@arbeitskreis_view(need=Role.LEITUNG, methods=("POST",), write=True)
def lead_member_role(request, arbeitskreis, user_pk: int):
    person, _role = _member(arbeitskreis, user_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte wählen Sie eine gültige Rolle.")
    else:
        try:
            services.role_grant(
                arbeitskreis=arbeitskreis,
                user=person,
                role=form.cleaned_data["role"],
                actor=request.user,
                reason="Rolle von der Leitung geändert",
            )
        except services.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{person} hat jetzt die Rolle „{Role(form.cleaned_data['role']).label}“.")
    return redirect("facharbeitskreise:member_list", slug=arbeitskreis.slug)


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def lead_member_remove(request, arbeitskreis, user_pk: int):
    person, role = _member(arbeitskreis, user_pk)
    if request.method == "POST":
        try:
            services.member_remove(arbeitskreis=arbeitskreis, user=person, actor=request.user)
        except services.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{person} wurde aus dem Bereich entfernt.")
        return redirect("facharbeitskreise:member_list", slug=arbeitskreis.slug)
    return render(
        request,
        "facharbeitskreise/lead/member_remove.html",
        {"arbeitskreis": arbeitskreis, "person": person, "person_role": role},
    )


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def lead_description(request, arbeitskreis):
    form = DescriptionForm(request.POST or None, instance=arbeitskreis)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Die Beschreibung wurde gespeichert.")
        return redirect(arbeitskreis)
    return render(request, "facharbeitskreise/lead/description.html", {"arbeitskreis": arbeitskreis, "form": form})


def _review_context(arbeitskreis) -> dict:
    review = AccessReview.objects.filter(arbeitskreis=arbeitskreis, outcome=AccessReview.Outcome.OPEN).first()
    items = list(review.items.select_related("user__partner")) if review else []
    past = AccessReview.objects.filter(arbeitskreis=arbeitskreis).exclude(outcome=AccessReview.Outcome.OPEN)[:10]
    return {
        "arbeitskreis": arbeitskreis,
        "review": review,
        "items": items,
        "past": past,
        "Decision": AccessReviewItem.Decision,
        "review_days": settings.SIKO_ACCESS_REVIEW_DAYS,
    }


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write="POST")
def lead_review(request, arbeitskreis):
    """GET shows the running review; POST confirms the ticked members."""
    context = _review_context(arbeitskreis)
    if request.method == "POST":
        review = context["review"]
        if review is None:
            messages.error(request, "Für diesen Bereich läuft derzeit keine Zugriffsüberprüfung.")
            return redirect("facharbeitskreise:lead_review", slug=arbeitskreis.slug)
        ids = [int(value) for value in request.POST.getlist("bestaetigt") if value.isdigit()]
        try:
            count = reviews.review_confirm(review=review, user_ids=ids)
        except services.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{count} Mitgliedschaft(en) bestätigt.")
        return redirect("facharbeitskreise:lead_review", slug=arbeitskreis.slug)
    return render(request, "facharbeitskreise/lead/review.html", context)


@arbeitskreis_view(need=Role.LEITUNG, methods=("POST",))
def lead_review_start(request, arbeitskreis):
    """The Leitung starts a review of its own area now instead of waiting for the periodic one.
    Not `write`: an archived area has no review, which `reviews.review_start` says in its words."""
    try:
        review = reviews.review_start(arbeitskreis=arbeitskreis, actor=request.user)
    except services.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Die Zugriffsüberprüfung wurde gestartet. Bitte bestätigen Sie die Mitglieder bis zum "
            f"{review.due_date:%d.%m.%Y}.",
        )
    return redirect("facharbeitskreise:lead_review", slug=arbeitskreis.slug)


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def lead_review_complete(request, arbeitskreis):
    context = _review_context(arbeitskreis)
    review = context["review"]
    if review is None:
        messages.error(request, "Für diesen Bereich läuft derzeit keine Zugriffsüberprüfung.")
        return redirect("facharbeitskreise:lead_review", slug=arbeitskreis.slug)
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
        return redirect("facharbeitskreise:lead_review", slug=arbeitskreis.slug)
    context["pending"] = [item for item in context["items"] if item.decision == AccessReviewItem.Decision.PENDING]
    return render(request, "facharbeitskreise/lead/review_complete.html", context)


ARBEITSKREIS_ACCESS_KINDS = [*services.Access.KINDS, AuditEvent.Kind.DOWNLOAD]


@arbeitskreis_view(need=Role.LEITUNG)
def lead_access_log(request, arbeitskreis):
    """The lead's view of the audit log: grants, role changes, revocations and downloads of this
    area only (other areas 404 through `arbeitskreis_view`). The view is itself logged; archived areas keep it."""
    scope = arbeitskreis.audit_bereich
    events = AuditEvent.objects.filter(bereich=scope, kind__in=ARBEITSKREIS_ACCESS_KINDS).order_by("-at", "-pk")
    page = Paginator(events, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    audit_record(kind=AuditEvent.Kind.AUDIT_VIEWED, actor=request.user, bereich=scope, detail={"export": False})
    return render(request, "facharbeitskreise/lead/access_log.html", {"arbeitskreis": arbeitskreis, "page": page})
