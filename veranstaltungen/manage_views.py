"""Announcing and running events: the Geschäftsstelle (every event) and an area's Leitung (events for
her own areas, `access.managed_by`). Everything state-changing is a POST after a page that says what
will happen; every write goes through `services`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from common.actors import request_user
from dokumente.services import files_atomic
from partner.audit import audit_record
from partner.csv_export import csv_response
from partner.models import AuditEvent
from zielgruppen.forms import AudienceForm
from zielgruppen.models import Audience, Scope

from . import services
from .access import event_for, is_office, led_arbeitskreise, may_announce
from .forms import AttendanceForm, CancelForm, DocumentForm, EventForm, PostponeForm
from .models import Event, Registration

GET_POST = require_http_methods(["GET", "POST"])


def _data(request):
    """The submitted data on a POST (even an empty one: a form of optional fields is then valid)."""
    return request.POST if request.method == "POST" else None


def _audience_form(request, audience: Audience | None):
    """The office offers every scope; an area's Leitung only her own areas."""
    data = _data(request)
    if is_office(request.user):
        return AudienceForm(data, instance=audience, prefix="zielgruppe")
    return AudienceForm(
        data,
        instance=audience,
        prefix="zielgruppe",
        scopes=[Scope.ARBEITSKREISE],
        arbeitskreise=led_arbeitskreise(request.user),
    )


def _edit(request, event: Event | None):
    instance = event or Event()
    form = EventForm(_data(request), instance=instance)
    audience_form = _audience_form(request, event.audience if event else None)
    if request.method == "POST" and form.is_valid() and audience_form.is_valid():
        saved = services.event_save(
            event=form.save(commit=False),
            audience_form=audience_form,
            user=request.user,
            calendar_changed=event is not None and form.calendar_changed,
        )
        messages.success(request, f"Die Veranstaltung „{saved.title}“ wurde gespeichert.")
        return redirect(saved)
    return render(
        request,
        "veranstaltungen/manage/event_form.html",
        {"form": form, "audience_form": audience_form, "event": event},
    )


@GET_POST
def event_create(request):
    if not may_announce(request.user):
        raise PermissionDenied("Veranstaltungen kündigen die Geschäftsstelle und die Leitungen der Arbeitskreise an.")
    return _edit(request, None)


@GET_POST
def event_edit(request, pk: int):
    return _edit(request, event_for(request, pk, manage=True))


@GET_POST
def event_postpone(request, pk: int):
    event = event_for(request, pk, manage=True)
    if event.is_cancelled:
        messages.error(request, "Eine abgesagte Veranstaltung kann nicht verschoben werden.")
        return redirect(event)
    form = PostponeForm(
        _data(request),
        initial={"starts_at": timezone.localtime(event.starts_at), "ends_at": timezone.localtime(event.ends_at)},
    )
    if request.method == "POST" and form.is_valid():
        services.event_postpone(event=event, **form.cleaned_data)
        messages.success(request, "Die Veranstaltung wurde verschoben. Alle Angemeldeten werden per E-Mail informiert.")
        return redirect(event)
    return render(
        request, "veranstaltungen/manage/event_postpone.html", {"event": event, "form": form, **_counts(event)}
    )


@GET_POST
def event_cancel(request, pk: int):
    event = event_for(request, pk, manage=True)
    if event.is_cancelled:
        messages.info(request, "Die Veranstaltung ist bereits abgesagt.")
        return redirect(event)
    form = CancelForm(_data(request))
    if request.method == "POST" and form.is_valid():
        services.event_cancel(event=event, note=form.cleaned_data["note"])
        messages.success(request, "Die Veranstaltung wurde abgesagt. Alle Angemeldeten werden per E-Mail informiert.")
        return redirect(event)
    return render(request, "veranstaltungen/manage/event_cancel.html", {"event": event, "form": form, **_counts(event)})


def _counts(event: Event) -> dict:
    active = event.registrations.exclude(status=Registration.Status.CANCELLED)
    return {"told_count": active.count()}


@GET_POST
def document_add(request, pk: int):
    event = event_for(request, pk, manage=True)
    form = DocumentForm(_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with files_atomic() as files:
            document = services.document_add(
                event=event,
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                user=request.user,
                files=files,
            )
        messages.success(request, f"Die Unterlage „{document.title}“ wurde hochgeladen.")
        return redirect(event)
    return render(request, "veranstaltungen/manage/document_form.html", {"event": event, "form": form})


def _registrations(event: Event):
    return event.registrations.select_related("user__partner").order_by("status", "registered_at", "pk")


@GET_POST
def registration_list(request, pk: int):
    """Who registered, who waits, who cancelled; the attendance of the confirmed."""
    event = event_for(request, pk, manage=True)
    registrations = list(_registrations(event))
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    form = AttendanceForm(_data(request), registrations=confirmed)
    if request.method == "POST":
        if event.starts_at > timezone.now():
            messages.error(request, "Die Teilnahme kann erst ab Beginn der Veranstaltung erfasst werden.")
            return redirect("veranstaltungen:registrations", pk=event.pk)
        if form.is_valid():
            count = services.attendance_save(event=event, attended_ids=form.attended_ids())
            messages.success(request, f"Die Teilnahme wurde gespeichert ({count} teilgenommen).")
            return redirect("veranstaltungen:registrations", pk=event.pk)
    return render(
        request,
        "veranstaltungen/manage/registration_list.html",
        {
            "event": event,
            "form": form,
            "rows": form.rows(),
            "waiting": [r for r in registrations if r.status == Registration.Status.WAITING],
            "cancelled": [r for r in registrations if r.status == Registration.Status.CANCELLED],
            "can_mark": event.starts_at <= timezone.now(),
        },
    )


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nein")


def registration_csv(request, pk: int):
    """The participant list; personal data leaves the portal, so the export is audited."""
    event = event_for(request, pk, manage=True)  # first: who may not manage learns 403/404, not 405
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    registrations = _registrations(event).filter(
        Q(status=Registration.Status.CONFIRMED) | Q(status=Registration.Status.WAITING)
    )
    rows = [
        [
            "Status",
            "Nachname",
            "Vorname",
            "E-Mail",
            "Behörde",
            "Organisationseinheit",
            "Hinweis",
            "Angemeldet am",
            "Teilgenommen",
        ]
    ]
    for registration in registrations:
        user = registration.user
        rows.append(
            [
                registration.get_status_display(),
                user.last_name,
                user.first_name,
                user.email,
                user.partner.name if user.partner else "",
                user.unit,
                registration.note,
                f"{timezone.localtime(registration.registered_at):%d.%m.%Y %H:%M}",
                _yes_no(registration.attended),
            ]
        )
    audit_record(
        kind=AuditEvent.Kind.PARTICIPANTS_EXPORTED,
        actor=request_user(request),
        detail={"event": event.pk, "title": event.title[:200], "rows": len(rows) - 1},
        target=f"veranstaltungen.event:{event.pk}",
    )
    return csv_response(rows, f"teilnehmende-veranstaltung-{event.pk}.csv")
