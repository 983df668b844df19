from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from partner.models import is_admitted_account

from . import audit
from .access import entry_for
from .filters import ZustaendigkeitFilter
from .forms import ZustaendigkeitForm
from .models import CONFIRM_MONTHS, Zustaendigkeit, may_enter_for_others, may_manage_all


def zustaendigkeit_list(request):
    entries = Zustaendigkeit.objects.visible_to(request.user).for_page()
    entry_filter = ZustaendigkeitFilter(request.GET, queryset=entries, request=request)
    page = Paginator(entry_filter.qs, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    for entry in page:
        entry.stale = entry.is_stale()
        entry.changeable = entry.can_be_changed_by(request.user)
    return render(
        request,
        "zustaendigkeiten/list.html",
        {
            "filter": entry_filter,
            "page": page,
            "total": page.paginator.count,
            "months": CONFIRM_MONTHS,
            "may_create": may_create(request.user),
        },
    )


def may_create(user) -> bool:
    """Staff of an authority register themselves (contact persons their colleagues, the office anyone)."""
    if may_manage_all(user):
        return True
    return is_admitted_account(user) and user.partner_id is not None and user.partner.is_active


@transaction.atomic
def _save(form: ZustaendigkeitForm, by) -> Zustaendigkeit:
    """Saving the form is a confirmation: whoever saves vouches for the data as it stands. Done
    for another person, it is audited (`audit`)."""
    created = form.instance.pk is None
    before = None if created else audit.snapshot(Zustaendigkeit.objects.get(pk=form.instance.pk), form.Meta.fields)
    entry = form.save(commit=False)
    if created:
        entry.partner = entry.person.partner
    entry.unit = entry.unit.strip() or entry.person.unit
    entry.phone = entry.phone.strip() or entry.person.phone
    entry.confirmed_at, entry.confirmed_by = timezone.now(), by
    entry.reminded_at = entry.contacts_reminded_at = None
    entry.save()
    form.save_m2m()
    if created:
        audit.record_for_other(audit.Kind.DIRECTORY_CREATED, entry, by=by)
    else:
        audit.record_for_other(
            audit.Kind.DIRECTORY_CHANGED,
            entry,
            by=by,
            former_person_id=before["person"],
            changed=audit.changed_labels(entry, before),
        )
    return entry


@require_http_methods(["GET", "POST"])
def zustaendigkeit_create(request):
    if not may_create(request.user):
        raise PermissionDenied("Zuständigkeiten tragen Beschäftigte einer Partnerbehörde ein.")
    initial = {"fachgebiet": request.GET.get("fachgebiet"), "region": request.GET.get("region")}
    if request.user.partner_id is not None:
        initial["person"] = request.user.pk
    if not may_enter_for_others(request.user):
        # Only herself: her profile's details, to change here if they differ for this entry.
        initial.update(unit=request.user.unit, phone=request.user.phone)
    form = ZustaendigkeitForm(request.POST if request.method == "POST" else None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry = _save(form, request.user)
        messages.success(request, "Die Zuständigkeit ist eingetragen.")
        return redirect(entry.get_absolute_url())
    return render(request, "zustaendigkeiten/form.html", {"form": form, "entry": None})


@require_http_methods(["GET", "POST"])
def zustaendigkeit_edit(request, pk: int):
    entry = entry_for(request, pk, write=True)
    form = ZustaendigkeitForm(request.POST if request.method == "POST" else None, instance=entry, user=request.user)
    if request.method == "POST" and form.is_valid():
        entry = _save(form, request.user)
        messages.success(request, "Die Angaben sind gespeichert und bestätigt.")
        return redirect(entry.get_absolute_url())
    return render(request, "zustaendigkeiten/form.html", {"form": form, "entry": entry})


@require_http_methods(["GET", "POST"])
def zustaendigkeit_confirm(request, pk: int):
    entry = entry_for(request, pk, write=True)
    if request.method != "POST":
        # Asked after the access check: whoever may not confirm learns nothing more than 403.
        return HttpResponseNotAllowed(["POST"])
    with transaction.atomic():
        Zustaendigkeit.objects.filter(pk=entry.pk).update(
            confirmed_at=timezone.now(), confirmed_by=request.user, reminded_at=None, contacts_reminded_at=None
        )
        audit.record_for_other(audit.Kind.DIRECTORY_CONFIRMED, entry, by=request.user)
    messages.success(request, f"Die Angaben zu „{entry.fachgebiet} · {entry.get_region_display()}“ sind bestätigt.")
    return redirect(entry.get_absolute_url())


@require_http_methods(["GET", "POST"])
def zustaendigkeit_delete(request, pk: int):
    entry = entry_for(request, pk, write=True)
    if request.method == "POST":
        with transaction.atomic():
            audit.record_for_other(audit.Kind.DIRECTORY_DELETED, entry, by=request.user)
            entry.delete()
        messages.success(request, "Die Zuständigkeit ist gelöscht.")
        return redirect(reverse("zustaendigkeiten:list"))
    return render(request, "zustaendigkeiten/delete.html", {"entry": entry})
