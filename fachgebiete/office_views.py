"""The Geschäftsstelle gives and takes the Redaktion of each Fachgebiet; every change is logged."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from partner.models import AuditEvent, User
from partner.office_views import office_required

from . import access, services
from .forms import EditorGrantForm
from .models import Fachgebiet

LOG_ENTRIES = 20
EDITOR_KINDS = [AuditEvent.Kind.EDITOR_GRANTED, AuditEvent.Kind.EDITOR_REVOKED]


@office_required
def editor_list(request):
    """Two queries for all Fachgebiete and their editors."""
    redaktionen = access.redaktionen()
    fachgebiete = list(Fachgebiet.objects.order_by("kind", "position", "name"))
    for fachgebiet in fachgebiete:
        fachgebiet.editors = redaktionen[fachgebiet.pk].people if fachgebiet.pk in redaktionen else []
        fachgebiet.editor_groups = redaktionen[fachgebiet.pk].groups if fachgebiet.pk in redaktionen else []
    return render(request, "fachgebiete/office/editor_list.html", {"fachgebiete": fachgebiete})


@office_required
@require_http_methods(["GET", "POST"])
def editors(request, slug: str):
    fachgebiet = get_object_or_404(Fachgebiet, slug=slug)
    form = EditorGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["email"]
        try:
            granted = services.editor_grant(fachgebiet=fachgebiet, user=user, by=request.user)
        except services.WorkflowError as error:
            form.add_error("email", str(error))
        else:
            if granted:
                messages.success(
                    request,
                    f"{user.get_full_name()} gehört jetzt zur Redaktion „{fachgebiet}“ und wird per E-Mail "
                    "benachrichtigt.",
                )
            else:
                messages.info(request, f"{user.get_full_name()} gehört bereits zur Redaktion „{fachgebiet}“.")
            return redirect("fachgebiete:office_editors", slug=fachgebiet.slug)
    log = AuditEvent.objects.filter(bereich=fachgebiet.audit_bereich, kind__in=EDITOR_KINDS).order_by("-at", "-pk")
    log = log[:LOG_ENTRIES]
    return render(
        request,
        "fachgebiete/office/editors.html",
        {"fachgebiet": fachgebiet, "editors": access.direct_editors(fachgebiet), "form": form, "log": log},
    )


@office_required
@require_http_methods(["GET", "POST"])
def editor_revoke(request, slug: str, user_pk: int):
    fachgebiet = get_object_or_404(Fachgebiet, slug=slug)
    user = get_object_or_404(User, pk=user_pk)
    if request.method == "POST":
        if services.editor_revoke(fachgebiet=fachgebiet, user=user, by=request.user):
            messages.success(
                request,
                f"{user.get_full_name()} gehört nicht mehr zur Redaktion „{fachgebiet}“ und wird per E-Mail "
                "benachrichtigt.",
            )
        else:
            messages.info(request, f"{user.get_full_name()} gehörte nicht zur Redaktion „{fachgebiet}“.")
        return redirect("fachgebiete:office_editors", slug=fachgebiet.slug)
    return render(request, "fachgebiete/office/editor_revoke.html", {"fachgebiet": fachgebiet, "person": user})
