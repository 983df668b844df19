"""The newsletter's provider of personal data (see partner/data_protection.py)."""

from __future__ import annotations

from django.conf import settings

from partner.data_protection import Activity, Section, days

from .models import Delivery, Subscriber


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
        )
    ]


def erase(user, *, by) -> None:
    # The deliveries keep their counts for the issue, without the address (as after their period).
    Delivery.objects.filter(subscriber__user=user).update(email=None, subscriber=None, error="")
    Subscriber.objects.filter(user=user).delete()


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
