"""Data-subject rights in "Mein Profil" and the Geschäftsstelle's data-protection pages."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .audit import audit_record
from .data_protection import export_sections, processing_activities
from .erasure import (
    ErasureError,
    deletion_request_confirm,
    deletion_request_create,
    deletion_request_decline,
    deletion_request_withdraw,
)
from .forms import DecisionForm, DeletionConfirmForm, DeletionRequestForm
from .models import AuditEvent, DeletionRequest
from .office_views import account_manager_required, office_required
from .sso.reauth import reauthentication_required

_DECLINE = {
    "reason_required": True,
    "label": "Begründung der Ablehnung",
    "help_text": "Die Begründung wird der Person per E-Mail mitgeteilt.",
}


def _exported(request, fmt: str) -> list:
    sections = export_sections(request.user)
    audit_record(
        kind=AuditEvent.Kind.DATA_EXPORTED, actor=request.user, subject=request.user, detail={"type": fmt.upper()}
    )
    return sections


@require_GET
@never_cache
@reauthentication_required
def my_data(request):
    """Everything the portal holds about the person, readable and printable (Art. 15 DSGVO)."""
    sections = _exported(request, "html")
    return render(request, "partner/my_data.html", {"sections": sections, "created_at": timezone.now()})


@require_GET
@never_cache
@reauthentication_required
def my_data_json(request):
    """The same as a JSON file (Art. 20 DSGVO)."""
    now = timezone.now()
    sections = _exported(request, "json")
    payload = {
        "erstellt_am": now,
        "portal": settings.SIKO_BASE_URL,
        "abschnitte": {section.key: section.as_json() for section in sections},
    }
    response = HttpResponse(
        json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="siko-ruhr-meine-daten-{timezone.localdate(now):%Y-%m-%d}.json"'
    )
    return response


@require_http_methods(["GET", "POST"])
@never_cache
@reauthentication_required
def deletion_request(request):
    """The person asks for the deletion of their account; the Geschäftsstelle decides."""
    open_request = DeletionRequest.objects.open().filter(user=request.user).first()
    form = DeletionRequestForm(request.POST or None)
    if request.method == "POST" and open_request is None and form.is_valid():
        try:
            deletion_request_create(user=request.user, reason=form.cleaned_data["reason"])
        except ErasureError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "Ihr Antrag auf Löschung ist bei der Geschäftsstelle eingegangen. "
                "Sie erhalten eine E-Mail, sobald darüber entschieden ist.",
            )
            return redirect("partner:deletion_request")
    elif request.method == "POST" and open_request is not None:
        messages.info(request, "Sie haben die Löschung Ihres Kontos bereits beantragt.")
        return redirect("partner:deletion_request")
    return render(request, "partner/deletion_request.html", {"form": form, "open_request": open_request})


@require_POST
def deletion_request_withdraw_view(request):
    if deletion_request_withdraw(user=request.user):
        messages.success(request, "Ihr Löschantrag ist zurückgezogen. Ihr Konto bleibt bestehen.")
    else:
        messages.info(request, "Es liegt kein offener Löschantrag vor.")
    return redirect("partner:profile")


@office_required
def deletion_request_list(request):
    requests = (
        DeletionRequest.objects.select_related("user__partner", "decided_by")
        .annotate(
            waiting=Case(
                When(status=DeletionRequest.Status.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("waiting", "-requested_at", "-pk")
    )
    page = Paginator(requests, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "partner/office/deletion_request_list.html",
        {"page": page, "open_count": DeletionRequest.objects.open().count()},
    )


def _render_request(request, deletion_request, *, confirm_form=None, decline_form=None):
    return render(
        request,
        "partner/office/deletion_request_detail.html",
        {
            "deletion_request": deletion_request,
            "account": deletion_request.user,
            "confirm_form": confirm_form or DeletionConfirmForm(prefix="confirm"),
            "decline_form": decline_form or DecisionForm(prefix="decline", **_DECLINE),
        },
    )


def _get_request(pk: int) -> DeletionRequest:
    return get_object_or_404(DeletionRequest.objects.select_related("user__partner", "decided_by"), pk=pk)


@office_required
def deletion_request_detail(request, pk: int):
    return _render_request(request, _get_request(pk))


@account_manager_required
@require_POST
def deletion_request_confirm_view(request, pk: int):
    deletion_request = _get_request(pk)
    form = DeletionConfirmForm(request.POST, prefix="confirm")
    if not form.is_valid():
        return _render_request(request, deletion_request, confirm_form=form)
    try:
        erased = deletion_request_confirm(deletion_request=deletion_request, by=request.user)
    except ErasureError as error:
        messages.error(request, str(error))
    else:
        if erased:
            messages.success(
                request,
                "Das Konto wurde gelöscht (anonymisiert). Die Person wurde an ihre bisherige Adresse benachrichtigt.",
            )
        else:
            messages.info(request, "Dieser Löschantrag war bereits bestätigt; das Konto ist gelöscht.")
    return redirect("partner:deletion_request_detail", pk=pk)


@account_manager_required
@require_POST
def deletion_request_decline_view(request, pk: int):
    deletion_request = _get_request(pk)
    form = DecisionForm(request.POST, prefix="decline", **_DECLINE)
    if not form.is_valid():
        return _render_request(request, deletion_request, decline_form=form)
    try:
        deletion_request_decline(deletion_request=deletion_request, by=request.user, reason=form.cleaned_data["reason"])
    except ErasureError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Der Löschantrag wurde abgelehnt. Die Person wurde per E-Mail benachrichtigt.")
    return redirect("partner:deletion_request_detail", pk=pk)


@office_required
def processing_register(request):
    """Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO), from the same settings the portal runs on."""
    return render(request, "partner/office/processing_register.html", {"activities": processing_activities()})
