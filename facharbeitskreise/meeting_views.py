"""Meetings of an area, their attendance lists and calendar files, and the personal calendar feed."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from common.ical import calendar, ics_response
from common.mail import absolute_url
from common.markdown import render_markdown
from partner.models import User

from . import content_services, feeds
from .access import Role, arbeitskreis_view, member_roles
from .content_forms import AttendanceForm, MeetingForm
from .models import Arbeitskreis
from .models.content import Attendance, CalendarToken, CancelledMeeting, Meeting
from .view_helpers import arbeitskreis_context, form_status

# The personal feed shows what is coming and what happened recently, not years of history.
FEED_PAST_DAYS = 180
# What a calendar copy of a meeting shows: a change of one of these raises its SEQUENCE.
CALENDAR_FIELDS = {"title", "starts_at", "ends_at", "location", "video_url"}


@arbeitskreis_view()
def meeting_list(request, arbeitskreis):
    now = timezone.now()
    upcoming = list(arbeitskreis.meetings.upcoming(now).select_related("minutes"))
    past = Paginator(arbeitskreis.meetings.past(now).select_related("minutes"), settings.SIKO_PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    return render(
        request,
        "facharbeitskreise/meetings/meeting_list.html",
        arbeitskreis_context(arbeitskreis, upcoming=upcoming, page=past, total_past=past.paginator.count),
    )


@arbeitskreis_view()
def meeting_detail(request, arbeitskreis, pk: int):
    meeting = get_object_or_404(arbeitskreis.meetings.select_related("minutes", "created_by"), pk=pk)
    attendances = list(meeting.attendances.select_related("user__partner"))
    return render(
        request,
        "facharbeitskreise/meetings/meeting_detail.html",
        arbeitskreis_context(
            arbeitskreis, meeting=meeting, agenda=render_markdown(meeting.agenda), attendances=attendances
        ),
    )


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write="POST")
def meeting_create(request, arbeitskreis):
    form = MeetingForm(request.POST or None, arbeitskreis=arbeitskreis, instance=Meeting(arbeitskreis=arbeitskreis))
    status = form_status(arbeitskreis, form)
    if request.method == "POST" and form.is_valid():
        meeting = content_services.meeting_create(meeting=form.save(commit=False), user=request.user)
        messages.success(request, f"Die Sitzung „{meeting.title}“ wurde angelegt.")
        return redirect(meeting.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/meetings/meeting_form.html",
        arbeitskreis_context(arbeitskreis, form=form, meeting=None),
        status=status,
    )


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write="POST")
def meeting_edit(request, arbeitskreis, pk: int):
    meeting = get_object_or_404(arbeitskreis.meetings, pk=pk)
    form = MeetingForm(request.POST or None, arbeitskreis=arbeitskreis, instance=meeting)
    status = form_status(arbeitskreis, form)
    if request.method == "POST" and form.is_valid():
        if CALENDAR_FIELDS & set(form.changed_data):
            meeting.sequence += 1  # calendars replace their copy (common.ical)
        form.save()
        messages.success(request, "Die Änderungen an der Sitzung wurden gespeichert.")
        return redirect(meeting.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/meetings/meeting_form.html",
        arbeitskreis_context(arbeitskreis, form=form, meeting=meeting),
        status=status,
    )


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def meeting_cancel(request, arbeitskreis, pk: int):
    """Cancel an upcoming meeting (members are told) or delete a past one; always after confirmation."""
    meeting = get_object_or_404(arbeitskreis.meetings, pk=pk)
    if request.method == "POST":
        title = meeting.title
        told = content_services.meeting_cancel(meeting=meeting, user=request.user)
        if told:
            messages.success(
                request,
                f"Die Sitzung „{title}“ wurde abgesagt. Die Mitglieder werden nach ihren Einstellungen informiert.",
            )
        else:
            messages.success(request, f"Die Sitzung „{title}“ wurde gelöscht.")
        return redirect("facharbeitskreise:meeting_list", slug=arbeitskreis.slug)
    return render(
        request,
        "facharbeitskreise/meetings/meeting_cancel.html",
        arbeitskreis_context(arbeitskreis, meeting=meeting, attendance_count=meeting.attendances.count()),
    )


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write="POST")
def meeting_attendance(request, arbeitskreis, pk: int):
    meeting = get_object_or_404(arbeitskreis.meetings, pk=pk)
    current = dict(meeting.attendances.values_list("user_id", "status"))
    # Current members, plus whoever was recorded before and has left since.
    ids = set(member_roles(arbeitskreis)) | set(current)
    members = User.objects.filter(pk__in=ids).select_related("partner").order_by("last_name", "first_name", "pk")
    form = AttendanceForm(request.POST or None, members=members, current=current)
    status = form_status(arbeitskreis, form)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for user_id, status in form.statuses().items():
                if status:
                    Attendance.objects.update_or_create(meeting=meeting, user_id=user_id, defaults={"status": status})
                else:
                    Attendance.objects.filter(meeting=meeting, user_id=user_id).delete()
        messages.success(request, "Die Anwesenheitsliste wurde gespeichert.")
        return redirect(meeting.get_absolute_url())
    rows = [(user, form[f"teilnahme-{user.pk}"]) for user in form.members]
    return render(
        request,
        "facharbeitskreise/meetings/meeting_attendance.html",
        arbeitskreis_context(arbeitskreis, meeting=meeting, form=form, rows=rows),
        status=status,
    )


@arbeitskreis_view()
def meeting_ics(request, arbeitskreis, pk: int):
    meeting = get_object_or_404(arbeitskreis.meetings, pk=pk)
    return ics_response(calendar(feeds.entries([meeting]), name=arbeitskreis.name), f"sitzung-{meeting.pk}.ics")


# --- The personal calendar feed -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def calendar_token(request):
    """Create, renew or revoke the feed's secret; the new address is shown once, never stored in clear."""
    token = CalendarToken.objects.filter(user=request.user).first()
    feed_url = event_feed_url = None
    if request.method == "POST":
        action = request.POST.get("aktion")
        if action == "widerrufen":
            CalendarToken.objects.filter(user=request.user).delete()
            messages.success(
                request, "Die Kalenderadresse wurde widerrufen. Kalender, die sie nutzen, erhalten keine Termine mehr."
            )
            return redirect("facharbeitskreise:calendar")
        if action == "erstellen":
            secret = secrets.token_urlsafe(32)
            token, _ = CalendarToken.objects.update_or_create(
                user=request.user, defaults={"token_hash": CalendarToken.hash(secret), "created_at": timezone.now()}
            )
            feed_url = absolute_url(reverse("facharbeitskreise:calendar_feed", kwargs={"token": secret}))
            # The same secret opens the feed of the events one is registered for (veranstaltungen).
            event_feed_url = absolute_url(reverse("veranstaltungen:calendar_feed", kwargs={"token": secret}))
    return render(
        request,
        "facharbeitskreise/meetings/calendar_token.html",
        {"token": token, "feed_url": feed_url, "event_feed_url": event_feed_url},
    )


@login_not_required
@require_GET
def calendar_feed(request, token: str):
    """No session: the secret identifies the user. Access is checked now, not when the token was made."""
    row = CalendarToken.objects.select_related("user").filter(token_hash=CalendarToken.hash(token)).first()
    if row is None or not row.user.is_admitted or not row.user.is_active:
        raise Http404("Unbekannte oder widerrufene Kalenderadresse.")
    arbeitskreise = Arbeitskreis.objects.member_of(row.user)
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    meetings = Meeting.objects.filter(arbeitskreis__in=arbeitskreise, ends_at__gte=since).select_related("arbeitskreis")
    cancelled = CancelledMeeting.objects.filter(arbeitskreis__in=arbeitskreise, ends_at__gte=since).select_related(
        "arbeitskreis"
    )
    body = calendar(feeds.entries(meetings, cancelled), name="SiKo Ruhr – meine Sitzungen")
    return ics_response(body, "sitzungen.ics")
