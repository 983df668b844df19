"""Demo data for `manage.py load_demo`: the real partners, subject areas and working groups
of the Sicherheitskooperation Ruhr (from the annual report 2020/2021, the founding press
release, the Hagen council statement and the presentation slides in `seeds/`) plus one
fictitious account per role.

Only for demo mode (settings.SIKO_DEMO_MODE); the passwords below are public.
"""

from __future__ import annotations

import datetime

from facharbeitskreise.models import Arbeitsbereich
from partner.models import PartnerKind, PartnerType, User

# One password for every demo account, documented so that anyone can try each role.
DEMO_PASSWORD = "SiKo-Demo-2026!"

# Fixed base32 TOTP secret of the demo accounts that need a second factor (Geschäftsstelle,
# Redaktion, AK-Leitung), so that `manage.py demo_totp` can print their current code.
# Never use it for a real account.
DEMO_TOTP_SECRET = "SIKORUHRDEMOGESCHAEFTSSTELLE2FAK"

OFFICE_EMAIL = "geschaeftsstelle@sikoruhr.nrw.de"

FOUNDED = datetime.date(2020, 6, 22)  # signing of the cooperation agreement (seeds 001, 002)
HAGEN_JOINED = datetime.date(2020, 8, 5)  # seeds 003
# The annual report names the other partners who joined "since the founding" without a
# date, so their `joined_on` stays empty rather than guessed.

_KOOP = PartnerKind.KOOPERATIONSPARTNER
_NETZ = PartnerKind.NETZWERKPARTNER
_T = PartnerType


def _city(name: str, slug: str, domains: list[str], *, description: str = "", joined_on=None) -> dict:
    return {
        "name": f"Stadt {name}",
        "short_name": name,
        "slug": slug,
        "kind": _KOOP,
        "type": _T.KOMMUNE,
        "city": name,
        "joined_on": joined_on,
        "description": description or "Kommunaler Kooperationspartner, nach der Gründung der Kooperation beigetreten.",
        "domains": domains,
    }


def _kreis(name: str, short_name: str, slug: str, city: str, domains: list[str]) -> dict:
    return {
        "name": name,
        "short_name": short_name,
        "slug": slug,
        "kind": _KOOP,
        "type": _T.KREIS,
        "city": city,
        "joined_on": None,
        "description": "Kreis als Kooperationspartner, nach der Gründung der Kooperation beigetreten.",
        "domains": domains,
    }


# The 22 Kooperationspartner: six founders (22.06.2020) and the sixteen partners the
# annual report 2020/2021 (section 2.1) lists as joined since: eleven cities, four
# districts and the HSPV NRW. The slides (seeds 004) list the HSPV among the
# Netzwerkpartner; the later annual report counts it among the 22, which we follow.
KOOPERATIONSPARTNER: list[dict] = [
    {
        "name": "Ministerium des Innern des Landes Nordrhein-Westfalen",
        "short_name": "IM NRW",
        "slug": "im-nrw",
        "kind": _KOOP,
        "type": _T.MINISTERIUM,
        "city": "Düsseldorf",
        "joined_on": FOUNDED,
        "description": (
            "Gründungspartner. Die Sicherheitskooperation Ruhr ist ein Projekt des Ministeriums im Rahmen "
            "der Ruhr-Konferenz; ihm ist die Geschäftsstelle mit Sitz in Essen zugeordnet."
        ),
        # sikoruhr.nrw.de is the Geschäftsstelle's own domain (poststelle@sikoruhr.nrw.de).
        "domains": ["im.nrw.de", "sikoruhr.nrw.de"],
    },
    {
        "name": "Bundespolizei (Bundespolizeidirektion Sankt Augustin)",
        "short_name": "Bundespolizei",
        "slug": "bundespolizei",
        "kind": _KOOP,
        "type": _T.BUNDESPOLIZEI,
        "city": "Sankt Augustin",
        "joined_on": FOUNDED,
        "description": (
            "Gründungspartner, vertreten durch die für Nordrhein-Westfalen zuständige Bundespolizeidirektion "
            "Sankt Augustin. Stellt Personal der Geschäftsstelle."
        ),
        "domains": ["polizei.bund.de"],
    },
    {
        "name": "Generalzolldirektion",
        "short_name": "GZD",
        "slug": "generalzolldirektion",
        "kind": _KOOP,
        "type": _T.ZOLL,
        "city": "Bonn",
        "joined_on": FOUNDED,
        "description": (
            "Gründungspartner. Der Zoll wirkt bei Kontrollen mit und unterstützt über die Financial "
            "Intelligence Unit (FIU) die Auswertung von Geldwäschesachverhalten."
        ),
        # Staff mailboxes of the customs administration are under zoll.bund.de.
        "domains": ["zoll.de", "zoll.bund.de"],
    },
    _city(
        "Essen",
        "stadt-essen",
        ["essen.de"],
        description=(
            "Gründungspartner und Sitz der Geschäftsstelle, die die Stadt personell mit besetzt. "
            "Pilotkommune für „Communities That Care“ (CTC)."
        ),
        joined_on=FOUNDED,
    ),
    _city(
        "Dortmund",
        "stadt-dortmund",
        ["dortmund.de", "stadtdo.de"],
        description=(
            "Gründungspartner; stellt Personal der Geschäftsstelle. Pilotkommune für „Communities That Care“ (CTC)."
        ),
        joined_on=FOUNDED,
    ),
    _city(
        "Duisburg",
        "stadt-duisburg",
        ["duisburg.de", "stadt-duisburg.de"],
        description=(
            "Gründungspartner; stellt Personal der Geschäftsstelle. Richtete als erste Kommune in NRW eine "
            "Task Force Problemimmobilien ein; Pilotkommune für „Communities That Care“ (CTC)."
        ),
        joined_on=FOUNDED,
    ),
    _city("Bochum", "stadt-bochum", ["bochum.de"]),
    _city("Dorsten", "stadt-dorsten", ["dorsten.de"]),
    _city("Gelsenkirchen", "stadt-gelsenkirchen", ["gelsenkirchen.de"]),
    _city("Gladbeck", "stadt-gladbeck", ["gladbeck.de", "stadt-gladbeck.de"]),
    _city(
        "Hagen",
        "stadt-hagen",
        ["hagen.de", "stadt-hagen.de"],
        description=(
            "Am 05.08.2020 beigetreten. Über den Fachbereich Öffentliche Sicherheit und Ordnung seit "
            "Januar 2021 in allen Facharbeitskreisen vertreten."
        ),
        joined_on=HAGEN_JOINED,
    ),
    _city("Hamm", "stadt-hamm", ["hamm.de"]),
    _city("Herne", "stadt-herne", ["herne.de"]),
    _city("Marl", "stadt-marl", ["marl.de"]),
    _city(
        "Mülheim an der Ruhr",
        "stadt-muelheim-an-der-ruhr",
        ["muelheim-ruhr.de"],
        description=(
            "Kommunaler Kooperationspartner, nach der Gründung beigetreten. Der kommunale Ordnungsdienst "
            "nahm 2021 an den Pilottrainings zum Bedrohungsmanagement teil."
        ),
    ),
    _city("Oberhausen", "stadt-oberhausen", ["oberhausen.de"]),
    _city("Oer-Erkenschwick", "stadt-oer-erkenschwick", ["oer-erkenschwick.de"]),
    _kreis("Ennepe-Ruhr-Kreis", "EN-Kreis", "ennepe-ruhr-kreis", "Schwelm", ["en-kreis.de"]),
    _kreis("Kreis Recklinghausen", "Kreis RE", "kreis-recklinghausen", "Recklinghausen", ["kreis-re.de"]),
    _kreis("Kreis Unna", "Kreis Unna", "kreis-unna", "Unna", ["kreis-unna.de"]),
    _kreis("Kreis Wesel", "Kreis Wesel", "kreis-wesel", "Wesel", ["kreis-wesel.de"]),
    {
        "name": "Hochschule für Polizei und öffentliche Verwaltung Nordrhein-Westfalen",
        "short_name": "HSPV NRW",
        "slug": "hspv-nrw",
        "kind": _KOOP,
        "type": _T.HOCHSCHULE,
        "city": "Gelsenkirchen",
        "joined_on": None,
        "description": (
            "Nach der Gründung beigetreten. Bringt wissenschaftliche Erkenntnisse sowie die Aus- und "
            "Fortbildung für Polizei und öffentliche Verwaltung ein."
        ),
        "domains": ["hspv.nrw.de"],
    },
]

# The Netzwerkpartner as on the slides (seeds 004); "Bezirksregierungen Arnsberg, Düsseldorf
# und Münster" are three authorities, so three partners.
NETZWERKPARTNER: list[dict] = [
    {
        "name": "Landeskriminalamt Nordrhein-Westfalen",
        "short_name": "LKA NRW",
        "slug": "lka-nrw",
        "kind": _NETZ,
        "type": _T.LANDESPOLIZEI,
        "city": "Düsseldorf",
        "joined_on": None,
        "description": (
            "Netzwerkpartner. Die Geschäftsstelle wertet das tägliche Lagebild des LKA NRW aus und steuert "
            "Inhalte in Abstimmung an die Kooperationspartner; Recherchestelle ZIVED."
        ),
        # No own domain: LKA staff write from polizei.nrw.de, see Kreispolizeibehörden NRW.
        "domains": [],
    },
    {
        "name": "Landesamt für Zentrale Polizeiliche Dienste Nordrhein-Westfalen",
        "short_name": "LZPD NRW",
        "slug": "lzpd-nrw",
        "kind": _NETZ,
        "type": _T.LANDESPOLIZEI,
        "city": "Duisburg",
        "joined_on": None,
        "description": "Netzwerkpartner; zentrale polizeiliche Dienste der Polizei Nordrhein-Westfalen.",
        "domains": [],  # polizei.nrw.de, see Kreispolizeibehörden NRW
    },
    {
        "name": "Kreispolizeibehörden Nordrhein-Westfalen",
        "short_name": "KPB NRW",
        "slug": "kpb-nrw",
        "kind": _NETZ,
        "type": _T.LANDESPOLIZEI,
        "city": "Nordrhein-Westfalen",
        "joined_on": None,
        "description": (
            "Netzwerkpartner: die Polizeipräsidien und Landratsbehörden des Landes, darunter die zwölf "
            "Kreispolizeibehörden der Metropolregion Ruhr."
        ),
        # The whole Polizei NRW (LKA and LZPD included) shares polizei.nrw.de, and a domain
        # can belong to one partner only. It goes to the Kreispolizeibehörden because most
        # police applicants work there; for an LKA or LZPD applicant the office sees
        # "Domain gehört zu einer anderen Partnerbehörde" and decides by the chosen authority.
        "domains": ["polizei.nrw.de"],
    },
    {
        "name": "Finanzverwaltung NRW (Steuerfahndung Bochum und Essen)",
        "short_name": "Finanzverwaltung NRW",
        "slug": "finanzverwaltung-nrw",
        "kind": _NETZ,
        "type": _T.FINANZVERWALTUNG,
        "city": "Bochum und Essen",
        "joined_on": None,
        "description": (
            "Netzwerkpartner, vertreten durch die Steuerfahndung Bochum und Essen; beteiligt an den "
            "360°-Analysen, u. a. zu Steuerdelikten."
        ),
        "domains": ["fv.nrw.de"],
    },
    {
        "name": "Justiz Nordrhein-Westfalen",
        "short_name": "Justiz NRW",
        "slug": "justiz-nrw",
        "kind": _NETZ,
        "type": _T.JUSTIZ,
        "city": "Nordrhein-Westfalen",
        "joined_on": None,
        "description": "Netzwerkpartner: Staatsanwaltschaften und Gerichte des Landes Nordrhein-Westfalen.",
        "domains": ["justiz.nrw.de"],
    },
    *[
        {
            "name": f"Bezirksregierung {name}",
            "short_name": f"BR {name}",
            "slug": f"bezirksregierung-{slug}",
            "kind": _NETZ,
            "type": _T.BEZIRKSREGIERUNG,
            "city": name,
            "joined_on": None,
            "description": (
                f"Netzwerkpartner; im Regierungsbezirk {name} Aufsicht über den Nichtfinanzsektor "
                "in der Geldwäscheprävention."
            ),
            "domains": [domain],
        }
        for name, slug, domain in [
            ("Arnsberg", "arnsberg", "bra.nrw.de"),
            ("Düsseldorf", "duesseldorf", "brd.nrw.de"),
            ("Münster", "muenster", "brms.nrw.de"),
        ]
    ],
    {
        "name": "Stiftung Deutsches Forum für Kriminalprävention",
        "short_name": "DFK",
        "slug": "dfk",
        "kind": _NETZ,
        "type": _T.STIFTUNG,
        "city": "Bonn",
        "joined_on": None,
        "description": (
            "Netzwerkpartner; Partner der Geschäftsstelle bei der Einführung von „Communities That Care“ "
            "(CTC) in den Kommunen."
        ),
        "domains": ["kriminalpraevention.de"],
    },
    {
        # Named as in the annual report 2020/2021 (the slides drop "Familie").
        "name": "Ministerium für Kinder, Familie, Flüchtlinge und Integration des Landes Nordrhein-Westfalen",
        "short_name": "MKFFI NRW",
        "slug": "mkffi-nrw",
        "kind": _NETZ,
        "type": _T.MINISTERIUM,
        "city": "Düsseldorf",
        "joined_on": None,
        "description": (
            "Netzwerkpartner. Das Fallmanagement NRW begleitet aufenthaltsrechtliche Verfahren bei "
            "ausländischen Mehrfach- und Intensivtätern (aMIT) und ausländischen Clankriminellen."
        ),
        "domains": ["mkffi.nrw.de"],
    },
]

PARTNERS: list[dict] = KOOPERATIONSPARTNER + NETZWERKPARTNER

# The subject areas of the portal (annual report 3.4.1), in this order on the site.
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

_FAK = Arbeitsbereich.Kind.FACHARBEITSKREIS
_PROJEKT = Arbeitsbereich.Kind.PROJEKT

# The seven Facharbeitskreise (annual report 3.2.1) and two cross-agency projects.
ARBEITSBEREICHE: list[dict] = [
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
# Their area roles come from inhalte/bereiche/*.toml (demo.facharbeitskreise), the
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


# --- Newsletter (seed 001, section 3.8: quarterly since August 2020, 283 recipients at the end
# of 2021). Past issues for the archive; they went out before the portal existed, so no deliveries.
NEWSLETTER_ISSUES = [
    {
        "number": 1,
        "issue_date": datetime.date(2020, 8, 31),
        "recipients": 96,
        "title": "Die Sicherheitskooperation Ruhr nimmt ihre Arbeit auf",
        "body": (
            "Am 22. Juni 2020 haben das Ministerium des Innern des Landes Nordrhein-Westfalen, die "
            "Bundespolizei, die Generalzolldirektion sowie die Städte Dortmund, Duisburg und Essen die "
            "**Kooperationsvereinbarung** zur Sicherheitskooperation Ruhr unterzeichnet. Mit dieser ersten "
            "Ausgabe stellt sich die Geschäftsstelle in Essen vor.\n\n"
            "## Zusammengeschobene Schreibtische\n\n"
            "Die Zuständigkeiten der Partner bleiben unberührt. Die Geschäftsstelle sammelt und bündelt "
            "Informationen, vermittelt Ansprechpersonen und unterstützt gemeinsame Maßnahmen der Behörden.\n\n"
            "- Leitung und Geschäftsstelle mit Sitz in Essen\n"
            "- Lenkungskreis mit Vertreterinnen und Vertretern der Gründungspartner\n"
            "- Seit dem 5. August 2020 ist auch die Stadt Hagen dabei.\n\n"
            "Fragen und Anregungen richten Sie gern an "
            "[poststelle@sikoruhr.nrw.de](mailto:poststelle@sikoruhr.nrw.de)."
        ),
        "portal_links": "Alle Kooperations- und Netzwerkpartner | /behoerden/",
    },
    {
        "number": 4,
        "issue_date": datetime.date(2021, 5, 31),
        "recipients": 211,
        "title": "Facharbeitskreise tagen – die SiKo Ruhr beim 26. Deutschen Präventionstag",
        "body": (
            "## Facharbeitskreise\n\n"
            "Die Facharbeitskreise **Rotlicht**, **Shisha**, **Glücksspiel**, **Bewachungsgewerbe** und "
            "**Vermögensabschöpfung durch Kommunen** sind im April und Mai 2021 zu ihren ersten Sitzungen "
            "zusammengekommen. Im Mittelpunkt stand der Erfahrungsaustausch zu behördlichen Arbeitsschwerpunkten; "
            "die Ergebnisse werden über das SiKo Ruhr Portal allen Kooperationspartnern zur Verfügung gestellt.\n\n"
            "## Deutscher Präventionstag\n\n"
            "Am 10. und 11. Mai 2021 war die Sicherheitskooperation Ruhr Partner am digitalen Informationsstand "
            "des Ministeriums des Innern auf dem 26. Deutschen Präventionstag."
        ),
        "portal_links": "Ansprechpersonen der Partnerbehörden | /behoerden/",
    },
    {
        "number": 6,
        "issue_date": datetime.date(2021, 11, 30),
        "recipients": 283,
        "title": "360°-Analysen und Communities That Care",
        "body": (
            "## 360°-Analysen\n\n"
            "Neun behördenübergreifende **360°-Analysen** sind in Bearbeitung – unter anderem zu Barbershops, "
            "zur Vermietung von Fahrzeugen zur Begehung von Straftaten und zu missbräuchlichen "
            "Vaterschaftsanerkennungen. 18 Analysen sind bereits abgeschlossen.\n\n"
            "## Prävention: Communities That Care\n\n"
            "Seit September 2021 lassen sich zwei Bedienstete der Geschäftsstelle von der CTC-Transferstelle des "
            "Deutschen Präventionstages zu Multiplikatoren fortbilden. Die Einführung von CTC wird zunächst den "
            "Städten Dortmund, Duisburg und Essen als Pilotprojekt angeboten – sprechen Sie uns an.\n\n"
            "Allen Partnern danken wir für die gute Zusammenarbeit im zweiten Jahr der Sicherheitskooperation Ruhr."
        ),
        "portal_links": "Behörden & Institutionen | /behoerden/\nNewsletter-Archiv | /newsletter/",
    },
]


def current_newsletter_issue(today: datetime.date) -> dict:
    """The quarterly issue of the last quarter (end of February, May, August or November, as since
    August 2020), numbered on from the first one: the start page's "Aktueller Newsletter" is recent
    whatever day the demo is loaded, and a rerun on the same day finds it again."""
    year, month = today.year, today.month
    while month % 3 != 2 or datetime.date(year, month, 28) > today:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    last_day = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    issue_date = datetime.date(year, month, last_day)
    if issue_date > today:
        issue_date = datetime.date(year, month, 28)
    number = 1 + ((year - 2020) * 12 + month - 8) // 3
    return {
        "number": number,
        "issue_date": issue_date,
        "recipients": 412,
        "title": "Nadelstichtaktik, Abstandsgebot und neue Arbeitshilfen im Portal",
        "body": (
            "## Aus den Fachgebieten\n\n"
            "Im Fachgebiet **Glücksspiel** steht eine aktuelle Übersicht der Rechtsprechung zum "
            "Abstandsgebot für Spielhallen; das Fachgebiet **Shisha** hat die Arbeitshilfe zur "
            "CO-Messung bei Kontrollen überarbeitet (neue Fassung mit Grenzwerten und Ablauf).\n\n"
            "## Nadelstichtaktik\n\n"
            "Die Partner haben im letzten Quartal gemeinsame Kontrollen in Duisburg, Essen und Gelsenkirchen "
            "durchgeführt. Der Erfahrungsbericht und der Handlungsrahmen für behördenübergreifende Einsätze "
            "stehen im Portal.\n\n"
            "## Facharbeitskreise\n\n"
            "Die Termine der nächsten Sitzungen finden Sie im Portal in Ihren Arbeitskreisen; Mitgliedschaften "
            "beantragen Sie dort direkt."
        ),
        "portal_links": "Fachgebiete | /fachgebiete/\nGlossar | /glossar/",
    }


# Staff of partner authorities without a portal account who confirmed their subscription.
NEWSLETTER_EXTERNAL_SUBSCRIBERS = [
    ("ordnungsamt.lagebild@bochum.de", "Bernd Beispiel"),
    ("kk32.leitung@polizei.nrw.de", "Petra Prüfer"),
    ("steuerfahndung@fv.nrw.de", ""),
    ("gewerbeaufsicht@herne.de", "Hanna Hübner"),
]
# Members subscribed in the portal (one click).
NEWSLETTER_MEMBER_EMAILS = ["nutzer@essen.de"]
