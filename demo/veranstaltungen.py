"""Demo events for `manage.py load_demo`: the Jahrestagung, Fachveranstaltungen for target groups
(annual report 3.2.2 and 3.4.2: Kreispolizeibehörden, Bundespolizei, Zoll, Steuerfahndung), one
postponed and one cancelled date, one for a closed area, and past ones with their material.

Idempotent: events are matched by title; registrations are made once through the services
(waiting list included), so the demo shows what a member would see.
"""

from __future__ import annotations

import datetime

from demo import data as demo_data
from demo.dates import at
from demo.fachgebiete import file_upload
from dokumente.services import files_atomic
from facharbeitskreise.models import Arbeitskreis
from partner.models import PartnerType, User
from veranstaltungen import services
from veranstaltungen.models import Event, EventDocument, Registration
from zielgruppen.models import Audience, AudienceType, Scope

PROGRAMME = (
    "09:30 Ankommen und Kaffee\n"
    "10:00 Begrüßung durch die Leitung der Sicherheitskooperation Ruhr\n"
    "10:30 Lagebild Clankriminalität im Ruhrgebiet\n"
    "12:00 Mittagspause\n"
    "13:00 Foren: Vermögensabschöpfung, Glücksspiel, Shisha-Bars\n"
    "15:30 Ergebnisse und Ausblick"
)

# title, audience (scope, selection), start (days from today, hour), duration in hours (or days as
# multi-day), venue, capacity, status, description, material [(title, kind, text)]
EVENTS: list[dict] = [
    {
        "titel": "Jahrestagung der Sicherheitskooperation Ruhr 2027",
        "zielgruppe": (Scope.ALLE, []),
        "tage": 45,
        "stunden": 30,
        "ort": "Zeche Zollverein, Halle 12, Gelsenkirchener Str. 181, 45309 Essen",
        "plaetze": 250,
        "beschreibung": "Zwei Tage Austausch aller Kooperationspartner: Lagebild, Foren und Ergebnisse der "
        "Facharbeitskreise.\n\n**Programm am ersten Tag**\n\n" + PROGRAMME.replace("\n", "  \n"),
        "unterlagen": [("Programm der Jahrestagung 2027", "programme", PROGRAMME)],
    },
    {
        "titel": "Fachveranstaltung Vermögensabschöpfung für Kreispolizeibehörden",
        "zielgruppe": (Scope.BEHOERDENARTEN, [PartnerType.LANDESPOLIZEI, PartnerType.KOMMUNE]),
        "tage": 21,
        "stunden": 6,
        "ort": "Polizeipräsidium Essen, Büscherstraße 2–6, Saal 1",
        "plaetze": 2,
        "beschreibung": "Vermögensabschöpfung in der Praxis: Verdachtsmomente erkennen, Beweise sichern, "
        "Verfahren gemeinsam mit den Kommunen führen. Begrenzte Plätze – bei Absagen rückt die Warteliste nach.",
    },
    {
        "titel": "Fachveranstaltung Zoll und Steuerfahndung: Bargeldkontrollen",
        "zielgruppe": (Scope.BEHOERDENARTEN, [PartnerType.ZOLL, PartnerType.FINANZVERWALTUNG]),
        "tage": 35,
        "stunden": 5,
        "ort": "Hauptzollamt Dortmund, Schulungsraum",
        "plaetze": 40,
        "beschreibung": "Bargeldkontrollen, Geldwäscheverdachtsmeldungen und die Zusammenarbeit mit der "
        "Steuerfahndung.",
    },
    {
        "titel": "Fachveranstaltung Bundespolizei: Lagebild Bahnhöfe",
        "zielgruppe": (Scope.BEHOERDENARTEN, [PartnerType.BUNDESPOLIZEI, PartnerType.LANDESPOLIZEI]),
        "tage": 60,
        "stunden": 4,
        "ort": "",
        "online": "https://video.example.org/siko-ruhr/bahnhoefe",
        "plaetze": None,
        "status": Event.Status.POSTPONED,
        "hinweis": "Wegen einer Einsatzlage auf einen späteren Termin verschoben.",
        "beschreibung": "Online-Veranstaltung zum gemeinsamen Lagebild an den Hauptbahnhöfen des Ruhrgebiets.",
    },
    {
        "titel": "Workshop Glücksspielaufsicht",
        "zielgruppe": (Scope.ALLE, []),
        "tage": 14,
        "stunden": 3,
        "ort": "Rathaus Duisburg, Raum 200",
        "plaetze": 30,
        "status": Event.Status.CANCELLED,
        "hinweis": "Der Workshop entfällt wegen Erkrankung der Referierenden; ein neuer Termin folgt.",
        "beschreibung": "Kontrollen in Spielhallen und Wettbüros: Rechtsgrundlagen und Erfahrungen.",
    },
    {
        "titel": "Fallwerkstatt des FAK Shisha",
        "zielgruppe": (Scope.ARBEITSKREISE, ["shisha"]),
        "tage": 28,
        "stunden": 4,
        "ort": "Stadt Dortmund, Ordnungsamt, Raum 3.12",
        "plaetze": 20,
        "beschreibung": "Nur für die Mitglieder des Facharbeitskreises: Auswertung gemeinsamer Kontrollen.",
    },
    {
        "titel": "Jahrestagung der Sicherheitskooperation Ruhr 2026",
        "zielgruppe": (Scope.ALLE, []),
        "tage": -200,
        "stunden": 7,
        "ort": "Zeche Zollverein, Halle 12, Essen",
        "plaetze": 200,
        "beschreibung": "Rückblick: Vorträge zu 360°-Analysen, Nadelstichtaktik und Prävention.",
        "unterlagen": [
            ("Programm der Jahrestagung 2026", "programme", PROGRAMME),
            (
                "Vortrag: 360°-Analysen – Ergebnisse 2025",
                "slides",
                "18 abgeschlossene Analysen\nSchwerpunkte: Steuerdelikte, Glücksspiel, Immobilien",
            ),
        ],
    },
    {
        "titel": "Fachveranstaltung Shisha-Bars: Kontrollen mit Zoll und Ordnungsamt",
        "zielgruppe": (Scope.ALLE, []),
        "tage": -60,
        "stunden": 5,
        "ort": "Stadt Hagen, Rathaus, Sitzungssaal",
        "plaetze": 60,
        "beschreibung": "Rückblick: gemeinsame Kontrollen, Tabaksteuer, Kohlenmonoxid-Warnmelder.",
        "unterlagen": [
            ("Vortragsfolien Shisha-Kontrollen", "slides", "Kontrollablauf\nTabaksteuer\nCO-Warnmelder"),
        ],
    },
]

# Who registers (e-mail, event title, note); the capacity of two fills the Vermögensabschöpfung seats.
REGISTRATIONS = [
    (demo_data.OFFICE_EMAIL, "Jahrestagung der Sicherheitskooperation Ruhr 2027", ""),
    ("nutzer@essen.de", "Jahrestagung der Sicherheitskooperation Ruhr 2027", "vegetarisch"),
    ("ak-mitglied@polizei.nrw.de", "Fachveranstaltung Vermögensabschöpfung für Kreispolizeibehörden", ""),
    ("nutzer@essen.de", "Fachveranstaltung Vermögensabschöpfung für Kreispolizeibehörden", ""),
    ("ak-leitung@dortmund.de", "Fachveranstaltung Vermögensabschöpfung für Kreispolizeibehörden", ""),
]


def _audience(scope: str, selection: list[str]) -> Audience:
    audience = Audience.objects.create(scope=scope)
    if scope == Scope.BEHOERDENARTEN:
        AudienceType.objects.bulk_create(AudienceType(audience=audience, type=value) for value in selection)
    elif scope == Scope.ARBEITSKREISE:
        audience.arbeitskreise.set(Arbeitskreis.objects.filter(slug__in=selection))
    return audience


def _event(entry: dict, office: User) -> Event:
    event = Event.objects.filter(title=entry["titel"]).first()
    if event is not None:
        return event
    starts_at = at(entry["tage"], 10 if entry["stunden"] < 24 else 9)
    event = Event.objects.create(
        title=entry["titel"],
        description=entry["beschreibung"],
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=entry["stunden"]),
        venue=entry["ort"],
        online_url=entry.get("online", ""),
        capacity=entry["plaetze"],
        status=entry.get("status", Event.Status.PLANNED),
        status_note=entry.get("hinweis", ""),
        sequence=0 if entry.get("status", Event.Status.PLANNED) == Event.Status.PLANNED else 1,
        audience=_audience(*entry["zielgruppe"]),
        created_by=office,
    )
    for title, kind, text in entry.get("unterlagen", []):
        with files_atomic() as files:
            services.document_add(
                event=event, title=title, kind=kind, upload=file_upload(title, "pdf", text), user=office, files=files
            )
    return event


def load(stdout) -> None:
    office = User.objects.get(email=demo_data.OFFICE_EMAIL)
    events = {entry["titel"]: _event(entry, office) for entry in EVENTS}
    for email, title, note in REGISTRATIONS:
        user = User.objects.filter(email=email).first()
        event = events[title]
        if user is None or Registration.objects.filter(event=event, user=user).exists():
            continue
        if event.audience.includes(user):
            services.registration_create(event=event, user=user, note=note)
    stdout.write(
        f"  Veranstaltungen: {Event.objects.count()}, {Registration.objects.count()} Anmeldungen, "
        f"{EventDocument.objects.count()} Unterlagen"
    )
