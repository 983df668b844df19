"""The real partners of the Sicherheitskooperation Ruhr for `manage.py load_demo`: cooperation
and network partners with their mail domains (annual report 2020/2021, founding press release,
Hagen council statement in `seeds/`)."""

from __future__ import annotations

import datetime

from partner.models import PartnerKind, PartnerType

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
