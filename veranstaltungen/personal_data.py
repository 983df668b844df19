"""The events' provider of personal data (see partner/data_protection.py).

The person's own registrations with her note (the note may concern health, e.g. accessibility
needs), their state and recorded attendance, and the events she announced. The erasure cancels
her upcoming registrations first (a freed seat goes to the waiting list, as on any cancellation)
and then deletes every registration: the statistics keep only what is left.
"""

from __future__ import annotations

from django.utils import timezone

from partner.data_protection import Activity, Section

from . import services
from .models import Event, Registration


def export(user) -> list[Section]:
    registrations = Registration.objects.filter(user=user).select_related("event").order_by("registered_at")
    return [
        Section(
            key="veranstaltungen_anmeldungen",
            title="Ihre Anmeldungen zu Veranstaltungen",
            columns=(
                ("veranstaltung", "Veranstaltung"),
                ("beginn", "Beginn"),
                ("status", "Status"),
                ("hinweis", "Ihr Hinweis"),
                ("angemeldet", "angemeldet am"),
                ("abgemeldet", "abgemeldet am"),
                ("teilgenommen", "teilgenommen"),
            ),
            rows=[
                {
                    "veranstaltung": r.event.title,
                    "beginn": r.event.starts_at,
                    "status": r.get_status_display(),
                    "hinweis": r.note,
                    "angemeldet": r.registered_at,
                    "abgemeldet": r.cancelled_at,
                    "teilgenommen": None if r.attended is None else ("ja" if r.attended else "nein"),
                }
                for r in registrations
            ],
        ),
        Section(
            key="veranstaltungen_angekuendigt",
            title="Von Ihnen angekündigte Veranstaltungen",
            columns=(("veranstaltung", "Veranstaltung"), ("beginn", "Beginn"), ("angelegt", "angelegt am")),
            rows=[
                {"veranstaltung": e.title, "beginn": e.starts_at, "angelegt": e.created_at}
                for e in Event.objects.filter(created_by=user).order_by("created_at")
            ],
        ),
    ]


def erase(user, *, by) -> None:
    upcoming = Registration.objects.filter(user=user, event__ends_at__gte=timezone.now()).exclude(
        status=Registration.Status.CANCELLED
    )
    for registration in upcoming.select_related("event"):
        services.registration_cancel(event=registration.event, user=user, notify=False)
    Registration.objects.filter(user=user).delete()


def activities() -> list[Activity]:
    return [
        Activity(
            name="Veranstaltungen",
            data="Anmeldung oder Platz auf der Warteliste, optionaler Hinweis (z. B. Ernährung, Barrierefreiheit), "
            "Abmeldung, erfasste Teilnahme",
            purpose="Fachveranstaltungen und Jahrestagung organisieren",
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO; Hinweise zu Gesundheit/Barrierefreiheit nur freiwillig",
            recipients="Geschäftsstelle und die Leitung des Kreises, an den sich die Veranstaltung richtet",
            retention="bis zur Löschung des Kontos; Teilnehmerlisten als CSV werden protokolliert",
        ),
    ]
