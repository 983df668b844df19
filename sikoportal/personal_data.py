"""The portal layer's provider of personal data (see partner/data_protection.py): the login visit."""

from __future__ import annotations

from partner.data_protection import Activity, Section

from .models import Visit


def export(user) -> list[Section]:
    return [
        Section(
            key="besuche",
            title="Letzte Anmeldungen (für „Neu im Portal“)",
            columns=(("diese", "diese Anmeldung"), ("vorige", "vorige Anmeldung")),
            rows=[
                {"diese": v.current_login_at, "vorige": v.previous_login_at} for v in Visit.objects.filter(user=user)
            ],
        )
    ]


def erase(user, *, by) -> None:
    Visit.objects.filter(user=user).delete()


def activities() -> list[Activity]:
    return [
        Activity(
            name="Startseite „Neu im Portal“",
            data="Zeitpunkt dieser und der vorigen Anmeldung",
            purpose="Anzeigen, was seit dem letzten Besuch neu ist",
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO",
            recipients="niemand außer der Person selbst",
            retention="bis zur Löschung des Kontos (jede Anmeldung überschreibt den Eintrag)",
        ),
    ]
