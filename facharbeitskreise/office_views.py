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
from .forms import ArbeitskreisForm, GroupGrantForm, MemberAddForm
from .models import AccessReview, Arbeitskreis, MembershipRequest

manage_required = permission_required(MANAGE_PERMISSION, raise_exception=True)


@manage_required
def arbeitskreis_list(request):
    """Every area with its lead and its open membership requests (which the lead decides);
    `?offen=1` lists only areas with open requests – where the start page's number leads."""
    open_only = request.GET.get("offen") == "1"
    arbeitskreise = Arbeitskreis.objects.annotate(
        open_requests=Count("membership_requests", filter=Q(membership_requests__status=MembershipRequest.Status.OPEN))
    ).order_by("is_archived", "kind", "name")
    if open_only:
        arbeitskreise = arbeitskreise.filter(open_requests__gt=0)
    page = Paginator(arbeitskreise, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    leads = access.leads_by_arbeitskreis(page)
    return render(
        request,
        "facharbeitskreise/office/arbeitskreis_list.html",
        {
            "page": page,
            "rows": [(arbeitskreis, leads.get(arbeitskreis.pk, [])) for arbeitskreis in page],
            "total": page.paginator.count,
            "open_only": open_only,
        },
    )


@manage_required
@require_http_methods(["GET", "POST"])
def arbeitskreis_create(request):
    form = ArbeitskreisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        arbeitskreis = form.save()
        messages.success(
            request, f"Der Bereich „{arbeitskreis.name}“ wurde angelegt. Bestimmen Sie jetzt seine Leitung."
        )
        return redirect("facharbeitskreise:office_arbeitskreis_detail", slug=arbeitskreis.slug)
    return render(request, "facharbeitskreise/office/arbeitskreis_form.html", {"form": form, "arbeitskreis": None})


@manage_required
@require_http_methods(["GET", "POST"])
def arbeitskreis_edit(request, slug: str):
    arbeitskreis = get_object_or_404(Arbeitskreis, slug=slug)
    form = ArbeitskreisForm(request.POST or None, instance=arbeitskreis)
    if request.method == "POST" and form.is_valid():
        arbeitskreis = form.save()
        messages.success(request, "Die Änderungen wurden gespeichert.")
        return redirect("facharbeitskreise:office_arbeitskreis_detail", slug=arbeitskreis.slug)
    return render(
        request, "facharbeitskreise/office/arbeitskreis_form.html", {"form": form, "arbeitskreis": arbeitskreis}
    )


def arbeitskreis_events(arbeitskreis: Arbeitskreis):
    """The area's grants, role changes and revocations from the audit log, newest first."""
    return AuditEvent.objects.filter(bereich=arbeitskreis.audit_bereich, kind__in=services.Access.KINDS).order_by(
        "-at", "-pk"
    )


def _with_role_labels(events) -> list[AuditEvent]:
    labels = dict(Role.choices)
    events = list(events)
    for event in events:
        event.role_label = labels.get(event.detail.get("role", ""), "")
        event.previous_role_label = labels.get(event.detail.get("previous_role", ""), "")
    return events


def access_rows(arbeitskreis: Arbeitskreis) -> list[dict]:
    """Who has access and why: every grant with its role, its way (direct / group) and its last event."""
    grants = access.grants_of(arbeitskreis)
    users = User.objects.select_related("partner").in_bulk([g.user_id for g in grants if g.user_id])
    groups = Group.objects.in_bulk([g.group_id for g in grants if g.group_id])
    last_event: dict[tuple[str, int], AuditEvent] = {}
    granted = arbeitskreis_events(arbeitskreis).filter(kind__in=[services.Access.GRANTED, services.Access.CHANGED])
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


def _render_detail(request, arbeitskreis, *, user_form=None, group_form=None):
    context = {
        "arbeitskreis": arbeitskreis,
        "rows": access_rows(arbeitskreis),
        "user_form": user_form or MemberAddForm(prefix="person"),
        "group_form": group_form or GroupGrantForm(prefix="gruppe"),
        "events": _with_role_labels(arbeitskreis_events(arbeitskreis)[:30]),
        "reviews": AccessReview.objects.filter(arbeitskreis=arbeitskreis)[:10],
        "member_count": len(access.member_roles(arbeitskreis)),
    }
    return render(request, "facharbeitskreise/office/arbeitskreis_detail.html", context)


@manage_required
def arbeitskreis_detail(request, slug: str):
    return _render_detail(request, get_object_or_404(Arbeitskreis, slug=slug))


@manage_required
@require_POST
def grant_user(request, slug: str):
    arbeitskreis = get_object_or_404(Arbeitskreis, slug=slug)
    form = MemberAddForm(request.POST, prefix="person")
    if not form.is_valid():
        return _render_detail(request, arbeitskreis, user_form=form)
    person, role = form.cleaned_data["user"], Role(form.cleaned_data["role"])
    try:
        services.role_grant(
            arbeitskreis=arbeitskreis, user=person, role=role, actor=request.user, reason="Geschäftsstelle"
        )
    except services.AccessError as error:
        form.add_error(None, str(error))
        return _render_detail(request, arbeitskreis, user_form=form)
    messages.success(request, f"{person} hat jetzt die Rolle „{role.label}“ in „{arbeitskreis.name}“.")
    return redirect("facharbeitskreise:office_arbeitskreis_detail", slug=arbeitskreis.slug)


@manage_required
@require_POST
def grant_group(request, slug: str):
    arbeitskreis = get_object_or_404(Arbeitskreis, slug=slug)
    form = GroupGrantForm(request.POST, prefix="gruppe")
    if not form.is_valid():
        return _render_detail(request, arbeitskreis, group_form=form)
    group, role = form.cleaned_data["group"], Role(form.cleaned_data["role"])
    try:
        services.role_grant(
            arbeitskreis=arbeitskreis, group=group, role=role, actor=request.user, reason="Geschäftsstelle"
        )
    except services.AccessError as error:
        form.add_error(None, str(error))
        return _render_detail(request, arbeitskreis, group_form=form)
    messages.success(request, f"Die Gruppe {group.name} hat jetzt die Rolle „{role.label}“ in „{arbeitskreis.name}“.")
    return redirect("facharbeitskreise:office_arbeitskreis_detail", slug=arbeitskreis.slug)


def _revoke(request, arbeitskreis, *, template_subject: str, user=None, group=None):
    if request.method == "POST":
        try:
            services.role_revoke(
                arbeitskreis=arbeitskreis, user=user, group=group, actor=request.user, reason="Geschäftsstelle"
            )
        except services.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Der Zugang von {template_subject} zu „{arbeitskreis.name}“ wurde entzogen.")
        return redirect("facharbeitskreise:office_arbeitskreis_detail", slug=arbeitskreis.slug)
    return render(
        request, "facharbeitskreise/office/revoke.html", {"arbeitskreis": arbeitskreis, "subject": template_subject}
    )


@manage_required
@require_http_methods(["GET", "POST"])
def revoke_user(request, slug: str, user_pk: int):
    arbeitskreis = get_object_or_404(Arbeitskreis, slug=slug)
    person = get_object_or_404(User, pk=user_pk)
    return _revoke(request, arbeitskreis, template_subject=str(person), user=person)


@manage_required
@require_http_methods(["GET", "POST"])
def revoke_group(request, slug: str, group_pk: int):
    arbeitskreis = get_object_or_404(Arbeitskreis, slug=slug)
    group = get_object_or_404(Group, pk=group_pk)
    return _revoke(request, arbeitskreis, template_subject=f"der Gruppe {group.name}", group=group)


def _archive_or_reopen(request, slug: str, *, archive: bool):
    arbeitskreis = get_object_or_404(Arbeitskreis, slug=slug)
    if request.method == "POST":
        try:
            if archive:
                services.arbeitskreis_archive(arbeitskreis=arbeitskreis, actor=request.user)
                messages.success(
                    request, f"Der Bereich „{arbeitskreis.name}“ wurde archiviert. Er ist nur noch lesbar."
                )
            else:
                services.arbeitskreis_reopen(arbeitskreis=arbeitskreis)
                messages.success(request, f"Der Bereich „{arbeitskreis.name}“ ist wieder geöffnet.")
        except services.AccessError as error:
            messages.error(request, str(error))
        return redirect("facharbeitskreise:office_arbeitskreis_detail", slug=arbeitskreis.slug)
    return render(request, "facharbeitskreise/office/archive.html", {"arbeitskreis": arbeitskreis, "archive": archive})


@manage_required
@require_http_methods(["GET", "POST"])
def arbeitskreis_archive(request, slug: str):
    return _archive_or_reopen(request, slug, archive=True)


@manage_required
@require_http_methods(["GET", "POST"])
def arbeitskreis_reopen(request, slug: str):
    return _archive_or_reopen(request, slug, archive=False)


@manage_required
@require_POST
def review_start(request, slug: str):
    arbeitskreis = get_object_or_404(Arbeitskreis, slug=slug)
    try:
        reviews.review_start(arbeitskreis=arbeitskreis, actor=request.user)
    except services.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Die Zugriffsüberprüfung wurde gestartet; die Leitung wurde benachrichtigt.")
    return redirect("facharbeitskreise:office_arbeitskreis_detail", slug=arbeitskreis.slug)
