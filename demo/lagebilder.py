"""Demo Lagebilder and Hinweise for `manage.py load_demo`: four entries of the Geschäftsstelle to
different audiences (all members, authority types, chosen partners, a closed area), some of
them acknowledged, one with an attachment and a handling note.

Idempotent: matched by title; the audience and acknowledgements are only created, never changed.
Run after the accounts and areas exist. No mail is sent (the demo's news are old already).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from demo import data as demo_data
from demo.dates import at
from devtools.generate import pdf_bytes
from dokumente.services import files_atomic
from facharbeitskreise.models import Arbeitskreis
from lagebilder import services
from lagebilder.models import Acknowledgement, HandlingNote, Kind, Lagebild
from partner.models import Partner, PartnerType, User
from zielgruppen.models import Audience, AudienceType, Scope

ENTRIES: list[dict] = [
    {
        "title": "Lagebild Clankriminalität Ruhr – 1. Halbjahr 2026",
        "kind": Kind.LAGEBILD,
        "handling_note": HandlingNote.VS_NFD,
        "days": -40,
        "scope": Scope.ALLE,
        "summary": (
            "Die Geschäftsstelle hat die Erkenntnisse der Kooperationspartner aus dem ersten Halbjahr 2026 "
            "zusammengeführt.\n\n"
            "**Kernaussagen**\n\n"
            "- Schwerpunkte bleiben Shisha-Bars, Spielhallen und Wettbüros sowie das Bewachungsgewerbe.\n"
            "- Immobilienerwerbe mit Barmitteln nehmen zu; die Vermögensabschöpfung durch Kommunen gewinnt an "
            "Bedeutung.\n"
            "- Bedrohungen gegen Bedienstete der Ordnungsbehörden wurden häufiger gemeldet.\n\n"
            "**Handlungsempfehlung:** gemeinsame Kontrollen mit Zoll und Steuerfahndung frühzeitig abstimmen."
        ),
        "attachment": ("Lagebild Clankriminalität Ruhr 2026-1.pdf", ["Auswertung der Meldungen aus 22 Behörden."]),
        "acknowledged": ["nutzer@essen.de", "ak-leitung@dortmund.de", "michael.schmitz@polizei.bund.de"],
    },
    {
        "title": "Hinweis: Schwerpunktkontrollen Shisha-Bars im Dezember",
        "kind": Kind.HINWEIS,
        "handling_note": HandlingNote.NFD,
        "days": -12,
        "scope": Scope.BEHOERDENARTEN,
        "types": [PartnerType.KOMMUNE, PartnerType.KREIS, PartnerType.ZOLL],
        "summary": (
            "Im Dezember finden in mehreren Städten abgestimmte Schwerpunktkontrollen von Shisha-Bars statt. "
            "Bitte melden Sie Ihre Ansprechperson für Lebensmittelüberwachung und Gewerbeaufsicht bis zum "
            "Monatsende an die Geschäftsstelle."
        ),
        "acknowledged": ["nutzer@essen.de", "andrea.lang@zoll.bund.de"],
    },
    {
        "title": "Hinweis an Zoll und Bundespolizei: Bargeldkuriere an Bahnhöfen",
        "kind": Kind.HINWEIS,
        "days": -5,
        "scope": Scope.PARTNER,
        "partners": ["generalzolldirektion", "bundespolizei"],
        "summary": (
            "Mehrere Partner berichten von Bargeldkurieren zwischen Duisburg, Essen und Dortmund. Bitte "
            "berücksichtigen Sie die Hinweise bei Kontrollen im Bahnhofsumfeld."
        ),
        "acknowledged": ["jens.kaya@zoll.bund.de"],
    },
    {
        "title": "Lagebild illegales Glücksspiel – Auswertung für den Arbeitskreis",
        "kind": Kind.LAGEBILD,
        "handling_note": HandlingNote.INTERN,
        "days": -2,
        "scope": Scope.ARBEITSKREISE,
        "arbeitskreise": ["gluecksspiel"],
        "summary": (
            "Auswertung der Kontrollen in Spielhallen und Wettbüros seit Jahresbeginn: Verstöße gegen das "
            "Trennungsgebot und nicht zugelassene Geräte. Nur für die Mitglieder des Arbeitskreises."
        ),
        "acknowledged": [],
    },
]


def _audience(entry: dict) -> Audience:
    audience = Audience.objects.create(scope=entry["scope"])
    audience.partners.set(Partner.objects.filter(slug__in=entry.get("partners", [])))
    audience.arbeitskreise.set(Arbeitskreis.objects.filter(slug__in=entry.get("arbeitskreise", [])))
    AudienceType.objects.bulk_create(AudienceType(audience=audience, type=value) for value in entry.get("types", []))
    return audience


def load(stdout) -> None:
    office = User.objects.get(email=demo_data.OFFICE_EMAIL)
    created = 0
    for entry in ENTRIES:
        if Lagebild.objects.filter(title=entry["title"]).exists():
            continue
        item = Lagebild.objects.create(
            title=entry["title"],
            kind=entry["kind"],
            summary=entry["summary"],
            handling_note=entry.get("handling_note", ""),
            audience=_audience(entry),
            published_at=at(entry["days"]),
            published_by=office,
        )
        if "attachment" in entry:
            name, paragraphs = entry["attachment"]
            upload = SimpleUploadedFile(name, pdf_bytes(entry["title"], paragraphs), content_type="application/pdf")
            with files_atomic() as files:
                services.attachment_add(lagebild=item, upload=upload, user=office, files=files)
        for offset, person in enumerate(User.objects.filter(email__in=entry["acknowledged"]).order_by("email")):
            if item.audience.includes(person):
                Acknowledgement.objects.create(lagebild=item, user=person, at=at(entry["days"] + 1 + offset, 9))
        created += 1
    stdout.write(f"Lagebilder und Hinweise: {created} angelegt.")
