"""Personal data of the notification outbox (see partner/data_protection.py).

The subscriptions themselves are exported by the apps whose topics they follow (with the
Fachgebiet's or the area's name): fachgebiete "Abonnierte Fachgebiete", facharbeitskreise
"Benachrichtigungen aus den Bereichen". The notices are not shown: they are the queue of
mails still to go out, and whether a closed area's news may reach the person is only decided
when the mail is sent (they may have lost access since) — an export must not show it earlier.
The erasure deletes both.
"""

from __future__ import annotations

from partner.data_protection import Activity, Section

from .models import Notice, Subscription


def export(user) -> list[Section]:
    return []


def erase(user, *, by) -> None:
    Subscription.objects.filter(user=user).delete()
    Notice.objects.filter(user=user).delete()


def activities() -> list[Activity]:
    return [
        Activity(
            name="Benachrichtigungen per E-Mail",
            data="Abonnierte Fachgebiete und Bereiche mit der gewählten Häufigkeit; je Neuigkeit Art, Titel, "
            "Link und Versandzeitpunkt",
            purpose="Mitglieder über Neues in ihren Fachgebieten und Bereichen informieren",
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO",
            recipients="niemand außer der Person selbst",
            retention="bis zur Abmeldung, Deaktivierung oder Löschung des Kontos",
        ),
    ]
