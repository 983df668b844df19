"""Personal data of "Wer ist zuständig?" (see partner/data_protection.py).

The export shows the person's own entries and where she is named as a deputy – Fachgebiet,
place and authority only, never the name of the colleague she stands in for (Art. 15(4) DSGVO).
The erasure deletes her entries and takes her out of the deputies; who confirmed another
person's entry is forgotten.
"""

from __future__ import annotations

from partner.data_protection import Activity, Section

from .models import CONFIRM_MONTHS, Zustaendigkeit


def export(user) -> list[Section]:
    own = Zustaendigkeit.objects.filter(person=user).select_related("fachgebiet", "partner").order_by("pk")
    deputy = user.vertretungen.select_related("fachgebiet", "partner").order_by("pk")
    return [
        Section(
            key="zustaendigkeiten",
            title="Ihre Einträge in „Wer ist zuständig?“",
            columns=(
                ("fachgebiet", "Fachgebiet"),
                ("ort", "Stadt / Kreis"),
                ("behoerde", "Behörde"),
                ("organisationseinheit", "Organisationseinheit"),
                ("telefon", "Telefon"),
                ("hinweis", "Hinweis"),
                ("angelegt", "angelegt am"),
                ("bestaetigt", "zuletzt bestätigt am"),
                ("erinnert", "an Bestätigung erinnert am"),
            ),
            rows=[
                {
                    "fachgebiet": entry.fachgebiet.name,
                    "ort": entry.get_region_display(),
                    "behoerde": entry.partner.name,
                    "organisationseinheit": entry.unit,
                    "telefon": entry.phone,
                    "hinweis": entry.note,
                    "angelegt": entry.created_at,
                    "bestaetigt": entry.confirmed_at,
                    "erinnert": entry.reminded_at,
                }
                for entry in own
            ],
        ),
        Section(
            key="vertretungen",
            title="Als Vertretung eingetragen in „Wer ist zuständig?“",
            note="Ohne den Namen der vertretenen Person.",
            columns=(("fachgebiet", "Fachgebiet"), ("ort", "Stadt / Kreis"), ("behoerde", "Behörde")),
            rows=[
                {"fachgebiet": e.fachgebiet.name, "ort": e.get_region_display(), "behoerde": e.partner.name}
                for e in deputy
            ],
        ),
    ]


def erase(user, *, by) -> None:
    Zustaendigkeit.objects.filter(person=user).delete()
    user.vertretungen.clear()
    Zustaendigkeit.objects.filter(confirmed_by=user).update(confirmed_by=None)


def activities() -> list[Activity]:
    return [
        Activity(
            name="Verzeichnis „Wer ist zuständig?“",
            data="Je Eintrag Fachgebiet, Stadt oder Kreis, Behörde, zuständige Person und Vertretung, "
            "Organisationseinheit, Telefon, Hinweis, Datum der letzten Bestätigung und der Erinnerung; "
            "angezeigt mit Name und dienstlicher E-Mail-Adresse aus dem Profil",
            purpose="Zugelassenen Mitgliedern zeigen, wer in welcher Behörde für ein Fachgebiet vor Ort "
            f"zuständig ist; Einträge ohne Bestätigung seit {CONFIRM_MONTHS} Monaten werden markiert und "
            "die Person einmal erinnert",
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO",
            recipients="zugelassene Mitglieder des Portals",
            retention="bis die Person, die Ansprechpersonen ihrer Behörde oder die Geschäftsstelle den Eintrag "
            "löschen; nicht mehr angezeigt, sobald das Konto ruht, deaktiviert ist oder die Behörde wechselt; "
            "gelöscht mit dem Konto",
        ),
    ]
