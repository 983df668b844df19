"""Demo entries of "Wer ist zuständig?" for `manage.py load_demo`: the demo's own people (fictitious
names) as responsible persons per Fachgebiet and city/Kreis, with deputies; two entries are older
than twelve months, so the page shows its flag and `remind_zustaendigkeiten` has something to do.

Idempotent: an entry is matched by Fachgebiet, place, authority and person and only created, never
changed, so what was confirmed or edited in the demo stays.
"""

from __future__ import annotations

from demo.dates import at
from fachgebiete.models import Fachgebiet
from partner.models import User
from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.regions import Region

# person, Fachgebiet, place, deputies, confirmed (days ago), note
ENTRIES: list[tuple[str, str, str, list[str], int, str]] = [
    (
        "jens.kaya@zoll.bund.de",
        "shisha",
        Region.DUISBURG,
        ["andrea.lang@zoll.bund.de"],
        40,
        "Shisha-Tabak: Steuerzeichen, Mengen, gemeinsame Kontrollen",
    ),
    ("jens.kaya@zoll.bund.de", "shisha", Region.OBERHAUSEN, ["andrea.lang@zoll.bund.de"], 40, ""),
    (
        "andrea.lang@zoll.bund.de",
        "shisha",
        Region.DORTMUND,
        ["jens.kaya@zoll.bund.de"],
        95,
        "Finanzkontrolle Schwarzarbeit: Beschäftigte in Shisha-Bars",
    ),
    ("lea.krause@stadt-duisburg.de", "shisha", Region.DUISBURG, [], 20, "Gaststätten- und Gewerberecht"),
    ("lea.krause@stadt-duisburg.de", "rotlicht", Region.DUISBURG, [], 410, "Prostituiertenschutzgesetz"),
    ("nutzer@essen.de", "shisha", Region.ESSEN, [], 60, ""),
    ("redaktion@hagen.de", "shisha", Region.HAGEN, [], 15, ""),
    ("ak-leitung@dortmund.de", "shisha", Region.DORTMUND, [], 500, "Koordination der Verbundkontrollen"),
    ("claudia.weber@gelsenkirchen.de", "shisha", Region.GELSENKIRCHEN, [], 75, ""),
    ("ak-mitglied@polizei.nrw.de", "shisha", Region.GELSENKIRCHEN, ["n.yilmaz@polizei.nrw.de"], 30, ""),
    ("stefan.richter@bochum.de", "gluecksspiel", Region.BOCHUM, [], 120, "Spielhallen und Wettbüros"),
    ("f.lehmann@kreis-unna.de", "gluecksspiel", Region.KREIS_UNNA, [], 180, ""),
    ("julia.brandt@kreis-re.de", "aufenthaltsrecht", Region.KREIS_RECKLINGHAUSEN, [], 30, ""),
    ("michael.schmitz@polizei.bund.de", "aufenthaltsrecht", Region.DORTMUND, [], 200, "Hauptbahnhof und Umfeld"),
    ("thorsten.wolff@fv.nrw.de", "vermoegensabschoepfung", Region.ESSEN, ["k.brinkmann@fv.nrw.de"], 50, ""),
    ("k.brinkmann@fv.nrw.de", "vermoegensabschoepfung", Region.BOCHUM, ["thorsten.wolff@fv.nrw.de"], 50, ""),
    (
        "anna.wiesner@justiz.nrw.de",
        "vermoegensabschoepfung",
        Region.LANDESWEIT,
        [],
        100,
        "Einziehung nach §§ 73 ff. StGB",
    ),
    ("b.keller@en-kreis.de", "bewachungsgewerbe", Region.ENNEPE_RUHR_KREIS, [], 150, ""),
]


def load(stdout) -> None:
    people = {user.email: user for user in User.objects.select_related("partner")}
    fachgebiete = {f.slug: f for f in Fachgebiet.objects.fachgebiete()}
    created = 0
    for email, slug, region, deputies, days, note in ENTRIES:
        person = people[email]
        entry, is_new = Zustaendigkeit.objects.get_or_create(
            fachgebiet=fachgebiete[slug],
            region=region,
            partner=person.partner,
            person=person,
            defaults={
                "unit": person.unit,
                "phone": person.phone,
                "note": note,
                "confirmed_at": at(-days),
                "confirmed_by": person,
                "created_at": at(-days),
            },
        )
        if is_new:
            entry.deputies.set([people[address] for address in deputies])
            created += 1
    stdout.write(f"  Wer ist zuständig?: {len(ENTRIES)} Einträge ({created} neu)")
