"""The Geschäftsstelle's pages: every area (confidential and archived too), access and its origin.

The office administers access but reads no area content: these pages show names, members
and reasons for access, never documents, meetings or threads.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.models import Group
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from partner.models import AuditEvent, User

from . import access, reviews, services
from .access import MANAGE_PERMISSION, Role
from .forms import AreaForm, GroupGrantForm, MemberAddForm
from .models import AccessReview, Arbeitsbereich, MembershipRequest

manage_required = permission_required(MANAGE_PERMISSION, raise_exception=True)


@manage_required
def area_list(request):
    """Every area with its lead and its open membership requests (which the lead decides);
    `?offen=1` lists only areas with open requests – where the start page's number leads."""
    open_only = request.GET.get("offen") == "1"
    areas = Arbeitsbereich.objects.annotate(
        open_requests=Count("membership_requests", filter=Q(membership_requests__status=MembershipRequest.Status.OPEN))
    ).order_by("is_archived", "kind", "name")
    if open_only:
        areas = areas.filter(open_requests__gt=0)
    page = Paginator(areas, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    leads = access.leads_by_area(page)
    return render(
        request,
        "facharbeitskreise/office/area_list.html",
        {
            "page": page,
            "rows": [(area, leads.get(area.pk, [])) for area in page],
            "total": page.paginator.count,
            "open_only": open_only,
        },
    )


@manage_required
@require_http_methods(["GET", "POST"])
def area_create(request):
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        area = form.save()
        messages.success(request, f"Der Bereich „{area.name}“ wurde angelegt. Bestimmen Sie jetzt seine Leitung.")
        return redirect("facharbeitskreise:office_area_detail", slug=area.slug)
    return render(request, "facharbeitskreise/office/area_form.html", {"form": form, "area": None})


@manage_required
@require_http_methods(["GET", "POST"])
def area_edit(request, slug: str):
    area = get_object_or_404(Arbeitsbereich, slug=slug)
    form = AreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        area = form.save()
        messages.success(request, "Die Änderungen wurden gespeichert.")
        return redirect("facharbeitskreise:office_area_detail", slug=area.slug)
    return render(request, "facharbeitskreise/office/area_form.html", {"form": form, "area": area})


def area_events(area: Arbeitsbereich):
    """The area's grants, role changes and revocations from the audit log, newest first."""
    return AuditEvent.objects.filter(area=area.audit_area, kind__in=services.Access.KINDS).order_by("-at", "-pk")


def _with_role_labels(events) -> list[AuditEvent]:
    labels = dict(Role.choices)
    events = list(events)
    for event in events:
        event.role_label = labels.get(event.detail.get("role", ""), "")
        event.previous_role_label = labels.get(event.detail.get("previous_role", ""), "")
    return events


def access_rows(area: Arbeitsbereich) -> list[dict]:
    """Who has access and why: every grant with its role, its way (direct / group) and its last event."""
    grants = access.grants_of(area)
    users = User.objects.select_related("partner").in_bulk([g.user_id for g in grants if g.user_id])
    groups = Group.objects.in_bulk([g.group_id for g in grants if g.group_id])
    last_event: dict[tuple[str, int], AuditEvent] = {}
    granted = area_events(area).filter(kind__in=[services.Access.GRANTED, services.Access.CHANGED])
    for event in granted:
        key = ("user", event.subject_id) if event.subject_id else ("group", event.detail.get("group_id"))
        last_event.setdefault(key, event)
    member_counts = dict(
        User.objects.admitted()
        .filter(groups__in=list(groups))
        .values_list("groups")
        .annotate(count=Count("pk"))
        .values_list("groups", "count")
    )
    rows = []
    for grant in grants:
        if grant.user_id:
            person = users[grant.user_id]
            rows.append(
                {
                    "kind": "user",
                    "user": person,
                    "group": None,
                    "role": grant.role,
                    "admitted": person.is_active,
                    "event": last_event.get(("user", grant.user_id)),
                }
            )
        else:
            group = groups[grant.group_id]
            rows.append(
                {
                    "kind": "group",
                    "user": None,
                    "group": group,
                    "role": grant.role,
                    "admitted": True,
                    "group_size": member_counts.get(group.pk),
                    "event": last_event.get(("group", grant.group_id)),
                }
            )
    rows.sort(key=lambda r: (-r["role"].rank, r["kind"], str(r["user"] or r["group"].name)))
    return rows


def _render_detail(request, area, *, user_form=None, group_form=None):
    context = {
        "area": area,
        "rows": access_rows(area),
        "user_form": user_form or MemberAddForm(prefix="person"),
        "group_form": group_form or GroupGrantForm(prefix="gruppe"),
        "events": _with_role_labels(area_events(area)[:30]),
        "reviews": AccessReview.objects.filter(area=area)[:10],
        "member_count": len(access.member_roles(area)),
    }
    return render(request, "facharbeitskreise/office/area_detail.html", context)


@manage_required
def area_detail(request, slug: str):
    return _render_detail(request, get_object_or_404(Arbeitsbereich, slug=slug))


@manage_required
@require_POST
def grant_user(request, slug: str):
    area = get_object_or_404(Arbeitsbereich, slug=slug)
    form = MemberAddForm(request.POST, prefix="person")
    if not form.is_valid():
        return _render_detail(request, area, user_form=form)
    person, role = form.cleaned_data["user"], Role(form.cleaned_data["role"])
    try:
        services.role_grant(area=area, user=person, role=role, actor=request.user, reason="Geschäftsstelle")
    except services.AccessError as error:
        form.add_error(None, str(error))
        return _render_detail(request, area, user_form=form)
    messages.success(request, f"{person} hat jetzt die Rolle „{role.label}“ in „{area.name}“.")
    return redirect("facharbeitskreise:office_area_detail", slug=area.slug)


@manage_required
@require_POST
def grant_group(request, slug: str):
    area = get_object_or_404(Arbeitsbereich, slug=slug)
    form = GroupGrantForm(request.POST, prefix="gruppe")
    if not form.is_valid():
        return _render_detail(request, area, group_form=form)
    group, role = form.cleaned_data["group"], Role(form.cleaned_data["role"])
    try:
        services.role_grant(area=area, group=group, role=role, actor=request.user, reason="Geschäftsstelle")
    except services.AccessError as error:
        form.add_error(None, str(error))
        return _render_detail(request, area, group_form=form)
    messages.success(request, f"Die Gruppe {group.name} hat jetzt die Rolle „{role.label}“ in „{area.name}“.")
    return redirect("facharbeitskreise:office_area_detail", slug=area.slug)


def _revoke(request, area, *, template_subject: str, user=None, group=None):
    if request.method == "POST":
        try:
            services.role_revoke(area=area, user=user, group=group, actor=request.user, reason="Geschäftsstelle")
        except services.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Der Zugang von {template_subject} zu „{area.name}“ wurde entzogen.")
        return redirect("facharbeitskreise:office_area_detail", slug=area.slug)
    return render(request, "facharbeitskreise/office/revoke.html", {"area": area, "subject": template_subject})


@manage_required
@require_http_methods(["GET", "POST"])
def revoke_user(request, slug: str, user_pk: int):
    area = get_object_or_404(Arbeitsbereich, slug=slug)
    person = get_object_or_404(User, pk=user_pk)
    return _revoke(request, area, template_subject=str(person), user=person)


@manage_required
@require_http_methods(["GET", "POST"])
def revoke_group(request, slug: str, group_pk: int):
    area = get_object_or_404(Arbeitsbereich, slug=slug)
    group = get_object_or_404(Group, pk=group_pk)
    return _revoke(request, area, template_subject=f"der Gruppe {group.name}", group=group)


def _archive_or_reopen(request, slug: str, *, archive: bool):
    area = get_object_or_404(Arbeitsbereich, slug=slug)
    if request.method == "POST":
        try:
            if archive:
                services.area_archive(area=area, actor=request.user)
                messages.success(request, f"Der Bereich „{area.name}“ wurde archiviert. Er ist nur noch lesbar.")
            else:
                services.area_reopen(area=area)
                messages.success(request, f"Der Bereich „{area.name}“ ist wieder geöffnet.")
        except services.AccessError as error:
            messages.error(request, str(error))
        return redirect("facharbeitskreise:office_area_detail", slug=area.slug)
    return render(request, "facharbeitskreise/office/archive.html", {"area": area, "archive": archive})


@manage_required
@require_http_methods(["GET", "POST"])
def area_archive(request, slug: str):
    return _archive_or_reopen(request, slug, archive=True)


@manage_required
@require_http_methods(["GET", "POST"])
def area_reopen(request, slug: str):
    return _archive_or_reopen(request, slug, archive=False)


@manage_required
@require_POST
def review_start(request, slug: str):
    area = get_object_or_404(Arbeitsbereich, slug=slug)
    try:
        reviews.review_start(area=area, actor=request.user)
    except services.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Die Zugriffsüberprüfung wurde gestartet; die Leitung wurde benachrichtigt.")
    return redirect("facharbeitskreise:office_area_detail", slug=area.slug)
