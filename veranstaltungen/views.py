"""What a member of an event's audience sees and does: lists, detail, registration, calendar, material."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from common.ical import calendar, ics_response
from common.markdown import render_markdown
from dokumente.downloads import file_response
from facharbeitskreise.models import CalendarToken

from . import services
from .access import event_for, listed_for, may_announce
from .calendar import event_entry, event_file
from .forms import RegistrationForm
from .models import Event, EventDocument, Registration

# The personal feed: what is coming and what happened recently, not years of history.
FEED_PAST_DAYS = 180


def _with_own_registration(events, user):
    """Each event with the user's own registration (`mine`, a list of at most one) and its seat count."""
    return (
        events.select_related("audience")
        .prefetch_related(Prefetch("registrations", queryset=Registration.objects.filter(user=user), to_attr="mine"))
        .annotate(confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)))
    )


@require_GET
def event_list(request):
    events = list(_with_own_registration(listed_for(request.user).upcoming(), request.user))
    return render(
        request,
        "veranstaltungen/event_list.html",
        {"events": events, "may_announce": may_announce(request.user)},
    )


@require_GET
def event_archive(request):
    """Rückblick: past events with their material."""
    past = (
        listed_for(request.user)
        .past()
        .prefetch_related(Prefetch("documents", queryset=EventDocument.objects.select_related("file")))
    )
    page = Paginator(past, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "veranstaltungen/event_archive.html", {"page": page})


@require_GET
def event_detail(request, pk: int):
    event = event_for(request, pk)
    registration = Registration.objects.filter(event=event, user=request.user).first()
    confirmed = services.confirmed_count(event)
    waiting = event.registrations.filter(status=Registration.Status.WAITING).count()
    position = None
    if registration is not None and registration.status == Registration.Status.WAITING:
        position = (
            event.registrations.filter(status=Registration.Status.WAITING)
            .filter(
                Q(registered_at__lt=registration.registered_at)
                | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
            )
            .count()
            + 1
        )
    return render(
        request,
        "veranstaltungen/event_detail.html",
        {
            "event": event,
            "description": render_markdown(event.description),
            "audience_label": event.audience.describe(request.user),
            "registration": registration,
            "registered": registration is not None and registration.status != Registration.Status.CANCELLED,
            "confirmed": confirmed,
            "waiting": waiting,
            "position": position,
            "free": None if event.capacity is None else max(0, event.capacity - confirmed),
            "form": RegistrationForm(),
            "documents": list(event.documents.select_related("file")),
        },
    )


@require_POST
def event_register(request, pk: int):
    event = event_for(request, pk)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Der Hinweis ist zu lang (höchstens 500 Zeichen). Sie sind nicht angemeldet.")
        return redirect(event)
    try:
        registration = services.registration_create(event=event, user=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(event)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, "Sie sind angemeldet. Die Bestätigung mit dem Kalendereintrag kommt per E-Mail.")
    else:
        messages.success(
            request,
            "Die Veranstaltung ist ausgebucht: Sie stehen auf der Warteliste und rücken automatisch nach, "
            "sobald ein Platz frei wird.",
        )
    return redirect(event)


@require_POST
def event_unregister(request, pk: int):
    event = event_for(request, pk)
    if services.registration_cancel(event=event, user=request.user) is None:
        messages.info(request, "Sie waren für diese Veranstaltung nicht angemeldet.")
    else:
        messages.success(request, "Sie sind von der Veranstaltung abgemeldet.")
    return redirect(event)


@require_GET
def event_ics(request, pk: int):
    event = event_for(request, pk)
    registration = Registration.objects.filter(event=event, user=request.user).first()
    return ics_response(event_file(event, registration), f"veranstaltung-{event.pk}.ics")


@require_GET
def document_download(request, pk: int, document_pk: int):
    """The event's rule, not a file's own: whoever sees the event may fetch its material."""
    event = event_for(request, pk)
    document = get_object_or_404(EventDocument.objects.select_related("file"), pk=document_pk, event=event)
    return file_response(
        request,
        document.file,
        bereich=f"veranstaltungen:{event.pk}",
        target=f"veranstaltungen.eventdocument:{document.pk}",
    )


@login_not_required
@require_GET
def calendar_feed(request, token: str):
    """The events the person is registered for, by the same secret as her meetings' feed
    (facharbeitskreise:calendar). The audience rule is asked now: someone who left the audience
    loses the event. A cancelled event or a withdrawn registration stays as STATUS:CANCELLED."""
    row = CalendarToken.objects.select_related("user").filter(token_hash=CalendarToken.hash(token)).first()
    if row is None or not row.user.is_admitted or not row.user.is_active:
        raise Http404("Unbekannte oder widerrufene Kalenderadresse.")
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    registrations = (
        Registration.objects.filter(
            user=row.user,
            event__in=Event.objects.visible_to(row.user).filter(ends_at__gte=since),
            status__in=[Registration.Status.CONFIRMED, Registration.Status.CANCELLED],
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    entries = [event_entry(registration.event, registration) for registration in registrations]
    return ics_response(calendar(entries, name="SiKo Ruhr – meine Veranstaltungen"), "veranstaltungen.ics")
