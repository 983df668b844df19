"""The newsletter's provider of personal data (see partner/data_protection.py)."""

from __future__ import annotations

from django.conf import settings

from common.actors import name_snapshot
from partner.data_protection import FORMER_MEMBER, Activity, Section, days

from .models import Delivery, Issue, Subscriber


def export(user) -> list[Section]:
    subscription = Subscriber.objects.filter(user=user).first()
    rows = []
    if subscription is not None:
        rows.append(
            {
                "status": subscription.get_status_display(),
                "herkunft": subscription.get_source_display(),
                "angefordert": subscription.requested_at,
                "bestaetigt": subscription.confirmed_at,
                "abgemeldet": subscription.unsubscribed_at,
            }
        )
    return [
        Section(
            key="newsletter",
            title="Newsletter-Abonnement",
            note="Der Newsletter geht an Ihre jeweils aktuelle Anmeldeadresse.",
            columns=(
                ("status", "Status"),
                ("herkunft", "Herkunft"),
                ("angefordert", "angemeldet am"),
                ("bestaetigt", "bestätigt am"),
                ("abgemeldet", "abgemeldet am"),
            ),
            rows=rows,
        ),
        Section(
            key="newsletter_ausgaben",
            title="Von Ihnen angelegte Newsletter-Ausgaben",
            columns=(("ausgabe", "Ausgabe"), ("status", "Status"), ("angelegt", "angelegt am")),
            rows=[
                {"ausgabe": str(issue), "status": issue.get_status_display(), "angelegt": issue.created_at}
                for issue in Issue.objects.filter(created_by=user).order_by("created_at")
            ],
        ),
    ]


def erase(user, *, by) -> None:
    # The deliveries keep their counts for the issue, without the address (as after their period).
    Delivery.objects.filter(subscriber__user=user).update(email=None, subscriber=None, error="")
    Subscriber.objects.filter(user=user).delete()
    # Who started a dispatch is kept as text (name and address): the issue's record stays, the name goes.
    Issue.objects.filter(dispatch_started_by=name_snapshot(user)).update(dispatch_started_by=FORMER_MEMBER)


def activities() -> list[Activity]:
    return [
        Activity(
            name="Newsletter",
            data="E-Mail-Adresse, Name für die Anrede (nur externe Adressen), Zeitpunkte von Anmeldung, "
            "Bestätigung und Abmeldung; Zustellung je Ausgabe",
            purpose="Versand des Newsletters mit Nachweis der Einwilligung (Double-Opt-in)",
            legal_basis="Einwilligung, Art. 6 Abs. 1 lit. a, Art. 7 Abs. 1 DSGVO",
            recipients="Geschäftsstelle; der Mailserver des Portals",
            retention=(
                f"Unbestätigte Anmeldungen: {days(settings.SIKO_NEWSLETTER_CONFIRM_DAYS + 1)}; Abmeldungen externer "
                f"Adressen als Nachweis: {days(settings.SIKO_NEWSLETTER_OPTOUT_RETENTION_DAYS)}; Adressen in den "
                f"Zustellungen: {days(settings.SIKO_NEWSLETTER_DELIVERY_RETENTION_DAYS)} nach dem Versand"
            ),
        ),
    ]
