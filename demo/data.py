"""Demo data for `manage.py load_demo`: the real subject areas and working groups
of the Sicherheitskooperation Ruhr (from the annual report 2020/2021 and the presentation slides
in `seeds/`) plus one fictitious account per role. The partners are in `behoerden.py`, the
newsletter in `newsletter_ausgaben.py`.

Only for demo mode (settings.SIKO_DEMO_MODE); the passwords below are public.
"""

from __future__ import annotations

from facharbeitskreise.models import Arbeitskreis
from partner.models import User

# One password for every demo account, documented so that anyone can try each role.
DEMO_PASSWORD = "SiKo-Demo-2026!"

# Fixed base32 TOTP secret of the demo accounts that need a second factor (Geschäftsstelle,
# Redaktion, AK-Leitung), so that `manage.py demo_totp` can print their current code.
# Never use it for a real account.
DEMO_TOTP_SECRET = "SIKORUHRDEMOGESCHAEFTSSTELLE2FAK"

OFFICE_EMAIL = "geschaeftsstelle@sikoruhr.nrw.de"

FACHGEBIETE: list[dict] = [
    {
        "name": "Rotlicht",
        "slug": "rotlicht",
        "description": (
            "Kontrollen im Prostitutionsgewerbe und der Wohnungsprostitution. Erfahrungen aus dem "
            "Facharbeitskreis, etwa Verfahren auch gegen Nutzerinnen und Nutzer als Beteiligte einer "
            "Ordnungswidrigkeit."
        ),
    },
    {
        "name": "Shisha",
        "slug": "shisha",
        "description": (
            "Konzentrierte Kontrollen von Shisha-Bars, z. B. unter Beteiligung der Lebensmittelüberwachung, "
            "die Proben für eine gerichtsverwertbare Beweissicherung entnimmt."
        ),
    },
    {
        "name": "Glücksspiel",
        "slug": "gluecksspiel",
        "description": (
            "Bekämpfung des illegalen Glücksspiels: Prozessabläufe, Muster und Rechtstatsachen, "
            "ergänzt um Hinweise von Experten des Landeskriminalamtes NRW."
        ),
    },
    {
        "name": "Vermögensabschöpfung",
        "slug": "vermoegensabschoepfung",
        "description": (
            "Abschöpfung und Einziehung illegal erworbener Vermögen nach dem Grundsatz „Follow the Money“, "
            "auch durch die Kommunen."
        ),
    },
    {
        "name": "Bedrohungsmanagement",
        "slug": "bedrohungsmanagement",
        "description": (
            "Professioneller Umgang mit Konflikten, Bedrohungen und Übergriffen aus dem Clanmilieu, "
            "u. a. das Pilottraining des Projekts „360°“ für Beschäftigte von Polizei und Ordnungsdiensten."
        ),
    },
    {
        "name": "Aufenthaltsrecht",
        "slug": "aufenthaltsrecht",
        "description": (
            "Wirksame Anwendung des Aufenthaltsrechts bei der Bekämpfung der Clankriminalität, "
            "u. a. im Zusammenspiel mit dem Fallmanagement NRW."
        ),
    },
    {
        "name": "Verkehr",
        "slug": "verkehr",
        "description": (
            "Verkehrsrechtliche Kontrollen und Maßnahmen von Straßenverkehrsbehörden und Polizei, "
            "z. B. zur Vermietung von Fahrzeugen für die Begehung von Straftaten."
        ),
    },
    {
        "name": "Bewachungsgewerbe",
        "slug": "bewachungsgewerbe",
        "description": (
            "Gewerberechtliche Überwachung von Bewachungsunternehmen und ihres Personals; "
            "Austausch der Gewerbe- und Ordnungsbehörden."
        ),
    },
    {
        "name": "Geldwäscheprävention",
        "slug": "geldwaeschepraevention",
        "description": (
            "Aufsicht über den Nichtfinanzsektor durch die Bezirksregierungen und frühzeitige Information "
            "der Gewerbetreibenden über ihre Pflichten, etwa schon bei der Gewerbeanmeldung."
        ),
    },
]

_FAK = Arbeitskreis.Kind.FACHARBEITSKREIS
_PROJEKT = Arbeitskreis.Kind.PROJEKT

# The seven Facharbeitskreise (annual report 3.2.1) and two cross-agency projects.
ARBEITSKREISE: list[dict] = [
    {
        "name": "Rotlicht",
        "slug": "rotlicht",
        "kind": _FAK,
        "description": (
            "Erfahrungsaustausch zu Kontrollen im Prostitutionsgewerbe und der Wohnungsprostitution; "
            "tagte 2021 im April/Mai und im August/September."
        ),
    },
    {
        "name": "Shisha",
        "slug": "shisha",
        "kind": _FAK,
        "description": (
            "Austausch zu konzentrierten Kontrollen von Shisha-Bars und zu Good-Practice-Beispielen "
            "der beteiligten Kommunen."
        ),
    },
    {
        "name": "Glücksspiel",
        "slug": "gluecksspiel",
        "kind": _FAK,
        "description": (
            "Bekämpfung des illegalen Glücksspiels, mit Informationen von Experten des "
            "Landeskriminalamtes NRW und des Polizeipräsidiums Köln."
        ),
    },
    {
        "name": "Bewachungsgewerbe",
        "slug": "bewachungsgewerbe",
        "kind": _FAK,
        "description": "Erfahrungsaustausch der Gewerbe- und Ordnungsbehörden zum Bewachungsgewerbe.",
    },
    {
        "name": "Vermögensabschöpfung durch Kommunen",
        "slug": "vermoegensabschoepfung-durch-kommunen",
        "kind": _FAK,
        "description": "Kommunale Vermögensabschöpfung und -einziehung: Erfahrungen, Muster und Arbeitspakete.",
    },
    {
        "name": "Prävention",
        "slug": "praevention",
        "kind": _FAK,
        "description": (
            "Prävention von Clankriminalität, u. a. mit „Communities That Care“ (CTC); "
            "Auftaktveranstaltung im September 2021."
        ),
    },
    {
        "name": "Aufenthaltsrecht",
        "slug": "aufenthaltsrecht",
        "kind": _FAK,
        "description": (
            "Wirksame Anwendung des Aufenthaltsrechts bei der Bekämpfung der Clankriminalität; "
            "die für November 2021 geplante konstituierende Sitzung fiel pandemiebedingt aus."
        ),
    },
    {
        "name": "Informationsaustausch Sozialleistungsbetrug",
        "slug": "informationsaustausch-sozialleistungsbetrug",
        "kind": _PROJEKT,
        "description": (
            "Projekt „Intra- und interbehördlicher Informationsaustausch“: Handreichung zu den gesetzlichen "
            "Bestimmungen für den eigeninitiierten Informationsaustausch beim Sozialleistungsbetrug – für "
            "Polizei, Zoll, Finanzverwaltung, Jobcenter und kommunale Ämter; im Dezember 2021 veröffentlicht."
        ),
        # Working material on passing personal data between authorities: members only.
        "is_confidential": True,
    },
    {
        "name": "Präventionsprojekt 360°",
        "slug": "praeventionsprojekt-360",
        "kind": _PROJEKT,
        "description": (
            "Projekt „360° – Integration, Orientierung, Perspektiven“ des Ministeriums des Innern NRW zur "
            "Vorbeugung von Clankriminalität; die Geschäftsstelle unterstützt es personell."
        ),
    },
]

_ADMITTED = User.Status.ADMITTED

# One fictitious account per role. "role" is only shown in the summary of load_demo.
# Their area roles come from inhalte/arbeitskreise/*.toml (demo.facharbeitskreise), the
# Redaktion right from demo.fachgebiete; further area members are in bereiche/personen.toml.
DEMO_USERS: list[dict] = [
    {
        "role": "Geschäftsstelle (mit Zwei-Faktor-Authentifizierung)",
        "email": OFFICE_EMAIL,
        "first_name": "Sabine",
        "last_name": "Kowalski",
        "partner": "im-nrw",
        "unit": "Geschäftsstelle der Sicherheitskooperation Ruhr",
        "function": "Portaladministration",
        "phone": "0201 475892-0",
        "is_contact_person": True,
        "status": _ADMITTED,
        "office": True,
    },
    {
        "role": "Nutzerin / Nutzer",
        "email": "nutzer@essen.de",
        "first_name": "Jan",
        "last_name": "Becker",
        "partner": "stadt-essen",
        "unit": "Ordnungsamt",
        "function": "Sachbearbeitung Gewerbeüberwachung",
        "phone": "0201 88-32145",
        "is_contact_person": True,
        "status": _ADMITTED,
    },
    {
        "role": "AK-Mitglied (FAK Shisha, Projekt Sozialleistungsbetrug)",
        "email": "ak-mitglied@polizei.nrw.de",
        "first_name": "Katrin",
        "last_name": "Schulte",
        "partner": "kpb-nrw",
        "unit": "Polizeipräsidium Gelsenkirchen, Direktion Kriminalität",
        "function": "Kriminalhauptkommissarin, Ermittlungen Clankriminalität",
        "phone": "0209 365-4711",
        "status": _ADMITTED,
    },
    {
        "role": "AK-Leitung (FAK Shisha, FAK Prävention, Projekt 360°)",
        "email": "ak-leitung@dortmund.de",
        "first_name": "Markus",
        "last_name": "Hoffmann",
        "partner": "stadt-dortmund",
        "unit": "Ordnungsamt, Gewerbeangelegenheiten",
        "function": "Sachgebietsleitung",
        "phone": "0231 50-24680",
        "is_contact_person": True,
        "status": _ADMITTED,
    },
    {
        "role": "Redaktion (Fachgebiet Shisha)",
        "email": "redaktion@hagen.de",
        "first_name": "Petra",
        "last_name": "Neumann",
        "partner": "stadt-hagen",
        "unit": "Fachbereich Öffentliche Sicherheit und Ordnung",
        "function": "Sachbearbeitung Gewerbe- und Gaststättenrecht",
        "phone": "02331 207-3321",
        "is_contact_person": True,
        "status": _ADMITTED,
    },
    {
        "role": "Antrag wartet auf Zulassung",
        "email": "antrag@gelsenkirchen.de",
        "first_name": "Deniz",
        "last_name": "Aydin",
        "partner": "stadt-gelsenkirchen",
        "unit": "Referat Öffentliche Sicherheit und Ordnung",
        "function": "Sachbearbeitung Gaststätten und Spielhallen",
        "phone": "0209 169-5512",
        "status": User.Status.VERIFIED,
        "access_reason": (
            "Ich koordiniere die gemeinsamen Kontrollen von Shisha-Bars und Spielhallen in Gelsenkirchen "
            "und möchte Muster, Arbeitshilfen und Rechtstatsachen der anderen Kommunen nutzen."
        ),
    },
    # Further contact persons, so that "Behörden & Institutionen" shows names.
    {
        "role": "Ansprechperson",
        "email": "lea.krause@stadt-duisburg.de",
        "first_name": "Lea",
        "last_name": "Krause",
        "partner": "stadt-duisburg",
        "unit": "Bürger- und Ordnungsamt",
        "function": "Koordination Task Force Problemimmobilien",
        "phone": "0203 283-61234",
        "is_contact_person": True,
        "status": _ADMITTED,
    },
    {
        "role": "Ansprechperson",
        "email": "stefan.richter@bochum.de",
        "first_name": "Stefan",
        "last_name": "Richter",
        "partner": "stadt-bochum",
        "unit": "Ordnungsamt",
        "function": "Koordination Clankriminalität",
        "phone": "0234 910-3456",
        "is_contact_person": True,
        "status": _ADMITTED,
    },
    {
        "role": "Ansprechperson",
        "email": "julia.brandt@kreis-re.de",
        "first_name": "Julia",
        "last_name": "Brandt",
        "partner": "kreis-recklinghausen",
        "unit": "Ausländerbehörde",
        "function": "Sachbearbeitung Aufenthaltsbeendigung",
        "phone": "02361 53-2789",
        "is_contact_person": True,
        "status": _ADMITTED,
    },
    {
        "role": "Ansprechperson",
        "email": "michael.schmitz@polizei.bund.de",
        "first_name": "Michael",
        "last_name": "Schmitz",
        "partner": "bundespolizei",
        "unit": "Bundespolizeiinspektion Dortmund",
        "function": "Verbindungsbeamter zur Sicherheitskooperation Ruhr",
        "phone": "0231 56-2240",
        "is_contact_person": True,
        "status": _ADMITTED,
    },
    {
        "role": "Ansprechperson",
        "email": "andrea.lang@zoll.bund.de",
        "first_name": "Andrea",
        "last_name": "Lang",
        "partner": "generalzolldirektion",
        "unit": "Hauptzollamt Dortmund, Finanzkontrolle Schwarzarbeit",
        "function": "Zollamtsrätin, Sachgebietsleitung",
        "phone": "0231 9578-1234",
        "is_contact_person": True,
        "status": _ADMITTED,
    },
    {
        "role": "Ansprechperson",
        "email": "jens.kaya@zoll.bund.de",
        "first_name": "Jens",
        "last_name": "Kaya",
        "partner": "generalzolldirektion",
        "unit": "Hauptzollamt Duisburg, Kontrolleinheit Verkehrswege",
        "function": "Zollinspektor, Ansprechpartner für Shisha-Tabak",
        "phone": "0203 7391-220",
        "is_contact_person": True,
        "status": _ADMITTED,
    },
    {
        "role": "Ansprechperson",
        "email": "thorsten.wolff@fv.nrw.de",
        "first_name": "Thorsten",
        "last_name": "Wolff",
        "partner": "finanzverwaltung-nrw",
        "unit": "Finanzamt für Steuerstrafsachen und Steuerfahndung Essen",
        "function": "Steuerfahnder",
        "phone": "0201 1894-567",
        "is_contact_person": True,
        "status": _ADMITTED,
    },
]
