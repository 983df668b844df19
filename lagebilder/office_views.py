"""The Geschäftsstelle's pages: publish, follow up who has taken note, remind once, export."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dokumente.services import files_atomic
from partner.audit import audit_record
from partner.csv_export import csv_response
from partner.models import AuditEvent
from zielgruppen.forms import AudienceForm

from . import services, statistics
from .forms import AttachmentForm, LagebildForm
from .models import MANAGE_PERMISSION, Lagebild

manage_required = permission_required(MANAGE_PERMISSION, raise_exception=True)


def _lagebild(pk: int) -> Lagebild:
    return get_object_or_404(Lagebild.objects.select_related("audience"), pk=pk)


@manage_required
@require_GET
def manage_list(request):
    """Every Lagebild with its number of acknowledgements (the audience's size on its own page)."""
    items = (
        Lagebild.objects.annotate(acknowledged=Count("acknowledgements"))
        .select_related("audience")
        .order_by("-published_at", "-pk")
    )
    page = Paginator(items, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "lagebilder/office/list.html", {"page": page})


@manage_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = LagebildForm(request.POST or None, request.FILES or None)
    audience_form = AudienceForm(request.POST or None, prefix="zielgruppe")
    if request.method == "POST" and form.is_valid() and audience_form.is_valid():
        upload = form.cleaned_data.get("attachment")
        with files_atomic() as files:
            lagebild = services.lagebild_publish(
                form=form,
                audience_form=audience_form,
                uploads=[upload] if upload else [],
                user=request.user,
                files=files,
            )
        messages.success(request, f"„{lagebild.title}“ ist veröffentlicht; die Zielgruppe wird benachrichtigt.")
        return redirect("lagebilder:status", pk=lagebild.pk)
    return render(request, "lagebilder/office/form.html", {"form": form, "audience_form": audience_form})


def _status_page(request, lagebild: Lagebild, attachment_form: AttachmentForm):
    rows, total = statistics.by_authority(lagebild)
    people = Paginator(statistics.people(lagebild), settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {
        "lagebild": lagebild,
        "rows": rows,
        "total": total,
        "people": people,
        "audience_label": lagebild.audience.describe(),
        "attachment_form": attachment_form,
        "attachments": list(lagebild.attachments.select_related("file")),
    }
    return render(request, "lagebilder/office/status.html", context)


@manage_required
@require_GET
def status(request, pk: int):
    """Who has taken note: figures per authority and the people, missing ones first."""
    return _status_page(request, _lagebild(pk), AttachmentForm())


@manage_required
@require_POST
def remind(request, pk: int):
    lagebild = _lagebild(pk)
    if lagebild.is_withdrawn:
        messages.error(request, "Dieser Eintrag ist zurückgezogen; eine Erinnerung ist nicht vorgesehen.")
        return redirect("lagebilder:status", pk=lagebild.pk)
    count = services.remind(lagebild=lagebild, user=request.user)
    if count is None:
        messages.error(
            request,
            "An diesen Eintrag wurde bereits erinnert. Eine zweite Erinnerung ist nicht vorgesehen.",
        )
    elif count == 0:
        messages.info(
            request, "Alle Personen der Zielgruppe haben bereits zur Kenntnis genommen; niemand wurde erinnert."
        )
    else:
        people = "1 Person wird" if count == 1 else f"{count} Personen werden"
        messages.success(request, f"{people} per E-Mail an die Kenntnisnahme erinnert.")
    return redirect("lagebilder:status", pk=lagebild.pk)


@manage_required
@require_GET
def export(request, pk: int):
    lagebild = _lagebild(pk)
    audit_record(
        kind=AuditEvent.Kind.ACKNOWLEDGEMENTS_EXPORTED,
        actor=request.user,
        detail={"title": lagebild.title[:200]},
        target=f"lagebilder.lagebild:{lagebild.pk}",
    )
    prefix = f"{lagebild.file_prefix}_" if lagebild.file_prefix else ""
    return csv_response(statistics.csv_rows(lagebild), f"{prefix}kenntnisnahmen-{lagebild.pk}.csv")


@manage_required
@require_POST
def attachment_add(request, pk: int):
    lagebild = _lagebild(pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        with files_atomic() as files:
            services.attachment_add(
                lagebild=lagebild, upload=form.cleaned_data["attachment"], user=request.user, files=files
            )
        messages.success(request, "Die Anlage ist hinzugefügt.")
        return redirect("lagebilder:status", pk=lagebild.pk)
    return _status_page(request, lagebild, form)
