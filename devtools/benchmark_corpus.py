"""A realistic, reproducible corpus for `manage.py benchmark_search` (and its smoke test).

What it builds (for `documents=100_000`, the default of the benchmark):

- the nine Fachgebiete of the demo (`demo_data.FACHGEBIETE`; the three rubrics exist after migrate),
  the demo glossary, ~40 authorities (the demo's partners plus customs offices, police headquarters …);
- `users` admitted accounts spread over the authorities, ~10 % listed as contact persons, a few
  Redaktion grants per Fachgebiet;
- `areas` closed areas (Facharbeitskreise and projects, some confidential, a few archived); the two
  measured accounts are a member of one area (`MEMBER_EMAIL`) and a member of ten (`MULTI_MEMBER_EMAIL`),
  everyone else is in one to three areas at random; a few meetings and threads per area on top;
- the items: 40 % Informationen (article body 1–3 KB, every fifth with an attachment), 40 % Muster &
  Arbeitshilfen (one version, 2–6 KB of file text), 10 % Rechtstatsachen (court, Aktenzeichen such as
  "4 B 1234/21", norms such as "§ 33i GewO"), 10 % documents of the closed areas. Mostly published,
  a few percent submitted or returned; about 8 % of articles and Muster belong to the open rubrics.

Files are never written: each `StoredFile` row points at a name that does not exist on disk and has its
`text` set directly with `text_status` DONE, as if the background extraction had read it (about 3 %
are scans without text). Nothing here may be used to serve downloads.

The text is German built from a domain vocabulary (Untersagungsverfügung, Abstandsgebot,
Geldwäscheverdachtsmeldung …) mixed with common German words, each drawn with a Zipf-like
distribution, plus sentence templates with cities, authorities, dates and norms and a few tens of
thousands of compounds (so that the search vocabulary has a realistic size). Common words therefore
match a large part of the corpus and specific terms a few items, as in reality.

Rows are written with bulk_create inside `search.index.suspended()`; call `reindex()` afterwards.
"""

from __future__ import annotations

import datetime
import random
import time
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, islice

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from demo import behoerden as demo_behoerden
from demo import data as demo_data
from demo import glossar as demo_glossar
from dokumente.models import StoredFile, TextStatus
from facharbeitskreise.models import (
    Arbeitsbereich,
    ArbeitsbereichUserObjectPermission,
    AreaDocument,
    AreaDocumentVersion,
    Meeting,
    Post,
    Thread,
)
from facharbeitskreise.models.base import CONTRIBUTE, LEAD, VIEW
from fachgebiete.models import (
    Article,
    ArticleAttachment,
    Document,
    DocumentVersion,
    Fachgebiet,
    FachgebietUserObjectPermission,
    Rechtstatsache,
    Status,
)
from partner.models import Partner, PartnerKind, PartnerType, User
from suche import index as search_index

MEMBER_EMAIL = "mitglied@benchmark.sikoruhr.nrw.de"
MULTI_MEMBER_EMAIL = "mehrfachmitglied@benchmark.sikoruhr.nrw.de"
MULTI_MEMBER_AREAS = 10
# A decision every run contains (the benchmark searches for its Aktenzeichen and norm).
KNOWN_AKTENZEICHEN = "4 B 1234/21"
KNOWN_NORMS = "§ 33i GewO; § 15 GewO"

BATCH = 2000
_START = datetime.date(2016, 1, 1)
_DAYS = (datetime.date(2025, 12, 31) - _START).days

# --- Vocabulary --------------------------------------------------------------------------------

# Roughly by frequency in German administrative prose; the german text search config drops most
# of the function words, the content words further down match a large share of the corpus.
FUNCTION_WORDS = (
    "die der und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus "
    "hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor "
    "zur bis mehr durch sein wurde sei können ihre dann unter wir soll kann gegen vom schon wenn seine dort "
    "sowie jedoch dabei hier bereits wurden zwischen sollen insbesondere daher ohne dies diese dieser diesem "
    "werden damit möglich jeweils sofern soweit hierzu hierbei ggf. bzw. etwa rund weitere weiteren alle "
    "neben innerhalb außerdem zudem deshalb zunächst anschließend regelmäßig gemeinsam"
).split()
COMMON_WORDS = (
    "Behörde Stadt Kontrolle Polizei Verfahren Maßnahmen Ergebnis Jahr Fall Fälle Ordnungsamt Beteiligten "
    "Zusammenarbeit Informationen Prüfung Betrieb Betriebe Gewerbe Erkenntnisse Hinweise Bereich Personen "
    "Rahmen Grundlage Einsatz Zeitraum Termin Abstimmung Verwaltung Gericht Entscheidung Antrag Bescheid "
    "Anhörung Frist Kommune Kommunen Kreis Land Nordrhein-Westfalen Ruhrgebiet Mitarbeitende Dienststelle "
    "Sachbearbeitung Leitung Vorgang Akte Unterlagen Nachweis Auskunft Stellungnahme Vermerk Bericht "
    "Kontrollen Betreiber Inhaber Räume Objekt Anschrift Straße Gebäude Fahrzeuge Bargeld Verstöße Verstoß "
    "Anzeige Strafanzeige Ordnungswidrigkeit Bußgeld Gebühr Kosten Gefahr Sicherheit Ordnung Schutz Recht "
    "Gesetz Vorschrift Regelung Zuständigkeit zuständig festgestellt durchgeführt eingeleitet geprüft "
    "beteiligt erforderlich notwendig wichtig besonders gemeinsamen örtlichen rechtlichen zuständigen "
    "weiteren aktuellen verschiedenen einzelnen möglichen Praxis Erfahrung Erfahrungen Beispiel Vorgehen "
    "Ablauf Vorbereitung Durchführung Nachbereitung Besprechung Sitzung Protokoll Ergebnisse Empfehlung "
    "Hinweis Anlage Muster Vorlage Checkliste Übersicht Auswertung Daten Datenschutz Übermittlung Austausch "
    "Netzwerk Kooperation Partner Projekt Arbeitsgruppe Facharbeitskreis Landesebene Bundesebene Ministerium "
    "Staatsanwaltschaft Zoll Steuerfahndung Finanzamt Jobcenter Ausländerbehörde Bauaufsicht Jugendamt "
    "Gesundheitsamt Feuerwehr Landeskriminalamt Bundespolizei Kreispolizeibehörde Hauptzollamt Bezirksregierung"
).split()
# Cross-cutting terms of the cooperation (any Fachgebiet).
GENERAL_TERMS = (
    "Clankriminalität Clanmilieu Großfamilie Nadelstichtaktik Verbundkontrolle Lagebild Gewerbeuntersagung "
    "Gewerbeordnung Gewerbeanmeldung Gewerbeabmeldung Zuverlässigkeit Unzuverlässigkeit Steuerhinterziehung "
    "Umsatzsteuer Schwarzarbeit Sozialleistungsbetrug Leistungsmissbrauch Verwaltungsakt Ordnungsverfügung "
    "Untersagungsverfügung Zwangsgeld Ersatzvornahme sofortige Vollziehung Widerspruch Klage Eilverfahren "
    "Informationsaustausch Datenübermittlung Ermittlungsverfahren Strafverfahren Zollfahndung Vermögensabschöpfung "
    "Immobilien Schrottimmobilie Überbelegung Mietwucher Nutzungsuntersagung Brandschutz Bauordnung "
    "Handlungsrahmen Fallkonferenz Gefährdungslage Strukturermittlungen Finanzermittlungen Geldwäsche "
    "Scheinselbstständigkeit Mindestlohn Strohmann Strohmänner Scheinfirma Subunternehmen Barzahlung"
).split()

# Per Fachgebiet (demo slugs): from the everyday words of the field to the specific ones.
DOMAIN_TERMS: dict[str, list[str]] = {
    "rotlicht": (
        "Prostitution Prostituierte Prostitutionsstätte Prostituiertenschutzgesetz ProstSchG Bordell Laufhaus "
        "Wohnungsprostitution Anmeldebescheinigung Gesundheitsberatung Erlaubnispflicht Betreiber Menschenhandel "
        "Zwangsprostitution Ausbeutung Sperrbezirk Sperrgebietsverordnung Kondompflicht Betriebskonzept "
        "Zuverlässigkeitsprüfung Freier Bußgeldverfahren Beratungsstelle Dolmetscher Opferschutz Zuhälterei "
        "Rotlichtmilieu Terminwohnung Escortservice Modelwohnung Werbeverbot Alias-Bescheinigung"
    ).split(),
    "shisha": (
        "Shisha Shisha-Bar Shisha-Bars Wasserpfeife Tabak Wasserpfeifentabak Tabaksteuer Steuerzeichen "
        "unversteuert Nichtraucherschutz Jugendschutz Gaststättenerlaubnis Gaststättengesetz Lebensmittelüberwachung "
        "Probenahme Kohlenmonoxid CO-Warngerät Schankraum Lüftungsanlage Untersagungsverfügung Betriebsschließung "
        "Tabaksteuergesetz Kohlenmonoxidvergiftung Aromastoffe Melasse Glycerin Shishakohle Heizkohle "
        "Abluftanlage Nichtraucherschutzgesetz Tabakerzeugnisgesetz Verpackungsvorschriften Feinschnitt"
    ).split(),
    "gluecksspiel": (
        "Glücksspiel Spielhalle Spielhallen Wettbüro Sportwetten Abstandsgebot Geldspielgerät Geldspielgeräte "
        "Glücksspielstaatsvertrag GlüStV Spielverordnung Wettvermittlungsstelle Spielerschutz Sperrdatei OASIS "
        "Sozialkonzept Mindestabstand Verbundverbot Glücksspielaufsicht Fun-Game Gewinnspielgerät Hinterzimmer "
        "Spielhallengesetz Auslesestreifen Manipulation Pokerrunde Glücksspielbehörde Erlaubnisvorbehalt "
        "Sachkundenachweis Spielersperre Zulassungszeichen Bauartzulassung"
    ).split(),
    "vermoegensabschoepfung": (
        "Vermögensabschöpfung Einziehung Vermögensarrest Vermögenswerte Finanzermittlungen Immobilien Grundbuch "
        "Bargeld Luxusfahrzeuge Schmuck Kontenabfrage Pfändung Vollstreckung Sicherstellung Beschlagnahme "
        "Geldfluss Finanzermittler Tatertrag Vermögensverhältnisse Gerichtsvollzieher Insolvenz Notar Kaufpreis "
        "Beweislastumkehr Herkunftsnachweis Strohmann Scheinfirma Wertersatz Arrestbeschluss Vermögensauskunft "
        "Grundbuchauszug Zwangshypothek"
    ).split(),
    "bedrohungsmanagement": (
        "Bedrohung Bedrohungslage Bedrohungsmanagement Übergriff Gefährdung Gefährderansprache Deeskalation "
        "Eigensicherung Einschüchterung Beleidigung Konflikt Tumultlage Solidarisierung Sicherheitskonzept "
        "Fallkonferenz Schutzmaßnahmen Dienstanweisung Meldeweg Risikoanalyse Beschäftigte Bürgerbüro Hausverbot "
        "Nachsorge Pilottraining Alarmierung Notfallknopf Fluchtweg Gefährdungsbeurteilung Auskunftssperre "
        "Zeugenschutz Kollegenhilfe"
    ).split(),
    "aufenthaltsrecht": (
        "Aufenthaltsrecht Aufenthaltserlaubnis Ausländerbehörde Ausweisung Abschiebung Aufenthaltsbeendigung "
        "Duldung Identitätsklärung Passbeschaffung Ausweisungsinteresse Bleibeinteresse Fallmanagement "
        "Mehrfachtäter Intensivtäter Einbürgerung Staatsangehörigkeit Niederlassungserlaubnis Ausreisepflicht "
        "Abschiebungshaft Einreisesperre Visum Scheinehe Vaterschaftsanerkennung Asylverfahren Schutzstatus "
        "AufenthG Ausländerzentralregister Rückführung Ausreisegewahrsam Mitwirkungspflicht"
    ).split(),
    "verkehr": (
        "Verkehrskontrolle Fahrzeug Kraftfahrzeug Kfz Autohandel Kfz-Handel Fahrzeugvermietung Mietwagen Tuning "
        "Poser Raser Autorennen Kennzeichen Zulassung Zulassungsstelle Halterabfrage Fahrerlaubnis Führerschein "
        "Fahrtenbuchauflage Betriebserlaubnis Hauptuntersuchung Straßenverkehrsbehörde Verwarnungsgeld "
        "Gebrauchtwagenhandel Exporthandel Überführungskennzeichen Kurzzeitkennzeichen Schrottplatz Altfahrzeuge "
        "Fahrzeugbrief Zulassungsbescheinigung Mietvertrag Fahrzeugübergabe"
    ).split(),
    "bewachungsgewerbe": (
        "Bewachungsgewerbe Bewachungsunternehmen Sicherheitsdienst Türsteher Bewachungsregister Sachkundeprüfung "
        "Unterrichtungsnachweis Zuverlässigkeit Zuverlässigkeitsüberprüfung Regelabfrage Verfassungsschutz "
        "Erlaubnis Bewachungsverordnung Diskothek Veranstaltung Subunternehmer Wachpersonen Dienstausweis "
        "Gewerbeuntersagung Widerruf Industrie- und Handelskammer Mindestlohn Schwarzarbeit "
        "Finanzkontrolle Schwarzarbeit Einlasskontrolle Ordnerdienst Sachkunde Bewacherregister Dienstkleidung"
    ).split(),
    "geldwaeschepraevention": (
        "Geldwäsche Geldwäschegesetz GwG Verdachtsmeldung Geldwäscheverdachtsmeldung Verpflichtete "
        "Nichtfinanzsektor Güterhändler Immobilienmakler Barzahlung Bargeldobergrenze Sorgfaltspflichten "
        "Identifizierung Transparenzregister Risikoanalyse Aufsichtsbehörde Bezirksregierung "
        "Geldwäschebeauftragter Financial Intelligence Unit FIU Hawala Kryptowerte Juweliere Kfz-Händler "
        "Schwellenbetrag PEP Kontoeröffnung Compliance Kundenidentifizierung Aufzeichnungspflicht"
    ).split(),
}
# Fallback vocabulary for the rubrics and the closed areas: everything a bit.
_ALL_DOMAIN = [term for terms in DOMAIN_TERMS.values() for term in terms[:12]]

NORMS: dict[str, list[str]] = {
    "rotlicht": ["§ 12 ProstSchG", "§ 14 ProstSchG", "§ 3 ProstSchG", "§ 232a StGB", "§ 181a StGB", "§ 120 OWiG"],
    "shisha": ["§ 15 GastG", "§ 4 GastG", "§ 3 NiSchG NRW", "§ 10 JuSchG", "§ 15 GewO", "§ 17 TabStG"],
    "gluecksspiel": ["§ 33i GewO", "§ 33c GewO", "§ 4 GlüStV 2021", "§ 25 GlüStV 2021", "§ 284 StGB", "§ 16 AG GlüStV"],
    "vermoegensabschoepfung": ["§ 73 StGB", "§ 76a StGB", "§ 111e StPO", "§ 261 StGB", "§ 802c ZPO"],
    "bedrohungsmanagement": ["§ 241 StGB", "§ 185 StGB", "§ 123 StGB", "§ 51 BMG", "§ 34 PolG NRW"],
    "aufenthaltsrecht": ["§ 53 AufenthG", "§ 54 AufenthG", "§ 58 AufenthG", "§ 60a AufenthG", "§ 11 AufenthG"],
    "verkehr": ["§ 31a StVZO", "§ 315d StGB", "§ 21 StVG", "§ 5 FZV", "§ 16 FZV", "§ 3 StVG"],
    "bewachungsgewerbe": ["§ 34a GewO", "§ 35 GewO", "§ 11b GewO", "§ 9 BewachV", "§ 144 GewO"],
    "geldwaeschepraevention": ["§ 43 GwG", "§ 10 GwG", "§ 2 GwG", "§ 50 GwG", "§ 56 GwG", "§ 261 StGB"],
}
COURTS = [
    "OVG NRW",
    "VG Gelsenkirchen",
    "VG Düsseldorf",
    "VG Arnsberg",
    "VG Münster",
    "VG Köln",
    "BVerwG",
    "LG Essen",
    "LG Duisburg",
    "LG Bochum",
    "OLG Hamm",
    "AG Duisburg",
    "AG Gelsenkirchen",
    "FG Münster",
    "BGH",
]
_REGISTERS = ["K", "L", "B", "A", "E", "Ss", "U", "O", "Ws", "KLs"]

CITIES = [
    "Essen",
    "Duisburg",
    "Dortmund",
    "Gelsenkirchen",
    "Bochum",
    "Hagen",
    "Herne",
    "Oberhausen",
    "Mülheim an der Ruhr",
    "Bottrop",
    "Recklinghausen",
    "Marl",
    "Gladbeck",
    "Dorsten",
    "Hamm",
    "Unna",
    "Wesel",
    "Castrop-Rauxel",
]
AUTHORITIES = [
    "das Ordnungsamt",
    "die Polizei",
    "der Zoll",
    "die Steuerfahndung",
    "das Finanzamt",
    "die Ausländerbehörde",
    "die Bauaufsicht",
    "das Jobcenter",
    "die Lebensmittelüberwachung",
    "die Staatsanwaltschaft",
    "die Finanzkontrolle Schwarzarbeit",
    "das Gewerbeamt",
]
FIRST_NAMES = (
    "Anna Maria Sabine Petra Julia Katrin Stefanie Nicole Sandra Claudia Andrea Susanne Melanie Laura Lea Sarah "
    "Aylin Elif Merve Zeynep Fatma Nadia Olga Ewa Thomas Michael Andreas Stefan Frank Markus Christian Jan "
    "Tobias Daniel Sebastian Jens Dirk Uwe Ralf Sven Mehmet Ahmet Mustafa Ali Hasan Murat Piotr Marco Jonas Lukas"
).split()
LAST_NAMES = (
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Schröder "
    "Neumann Schwarz Braun Zimmermann Krüger Hartmann Lange Werner Krause Lehmann Köhler Kowalski Nowak Yilmaz "
    "Kaya Demir Şahin Çelik Öztürk Arslan Doğan Aydın Schäfer Brinkmann Kemper Wessel Terhorst Böckmann Overbeck "
    "Kuhlmann Hülsmann Wiesmann"
).split()
UNITS = [
    "Ordnungsamt, Gewerbeangelegenheiten",
    "Ordnungsamt, Kommunaler Ordnungsdienst",
    "Ausländerbehörde",
    "Bauordnungsamt",
    "Steuerfahndung",
    "Kriminalinspektion 2, Organisierte Kriminalität",
    "Direktion Kriminalität",
    "Sachgebiet Kontrolle",
    "Finanzkontrolle Schwarzarbeit",
    "Rechtsamt",
    "Stabsstelle Sicherheitskooperation",
    "Lebensmittelüberwachung",
]
FUNCTIONS = ["Sachbearbeitung", "Sachgebietsleitung", "Abteilungsleitung", "Ermittlungen", "Auswertung", "Referent/in"]

# Synthetic compounds: head + (middle) + tail gives a vocabulary of tens of thousands of words.
_HEADS = (
    "Gewerbe Steuer Kontroll Betriebs Verwaltungs Ordnungs Sicherheits Verfahrens Straf Geld Fahrzeug Miet Spiel "
    "Tabak Zoll Personal Melde Daten Bau Brand Lebensmittel Jugend Aufenthalts Vermögens Prüf Ermittlungs Einsatz "
    "Gefahren Kassen Wett Immobilien Sozial Leistungs Arbeits Schutz Aufsichts Konzessions Gaststätten Grund "
    "Handels Glücksspiel Medien Rundfunk Finanz Bargeld Gaststätten Polizei Kommunal Landes Bundes"
).split()
_MIDDLES = (
    "aufsichts kontroll verfahrens prüf melde daten sicherheits ermittlungs gebühren schutz straf steuer "
    "verwaltungs einsatz vollzugs erlaubnis"
).split()
_TAILS = (
    "verfahren kontrolle behörde pflicht verstoß bescheid prüfung bericht recht gesetz verordnung register stelle "
    "amt aufsicht abfrage daten nachweis konzept maßnahme leitung unterlagen erlaubnis untersagung anordnung frist "
    "gebühr ermittlung auswertung betrug hinterziehung vermerk akte planung meldung anzeige schaden sicherung "
    "vertrag staatsvertrag"
).split()

_SENTENCE_TEMPLATES = [
    "Am {date} fand in {city} eine Verbundkontrolle statt, an der {authority} und {authority2} beteiligt waren.",
    "Gegen den Betreiber wurde eine {term} erlassen; die sofortige Vollziehung wurde angeordnet.",
    "Die Maßnahme stützt sich auf {norm}.",
    "Nach Rücksprache mit {authority} wurden {n} Betriebe im Bereich {term} überprüft.",
    "Im Ergebnis wurden {n} Verstöße festgestellt, unter anderem im Zusammenhang mit {term}.",
    "Die Zusammenarbeit zwischen Ordnungsamt, Polizei und Zoll hat sich bei der {term} bewährt.",
    "Zu beachten ist insbesondere {norm} in Verbindung mit {norm2}.",
    "Ansprechpartner für Fragen zur {term} ist {authority} in {city}.",
    "Das Verfahren wegen {term} ist noch nicht abgeschlossen.",
    "Hinweise zu {term} und {term2} finden sich in der Anlage.",
    "In {city} wurden seit {year} insgesamt {n} Fälle mit Bezug zu {term} bekannt.",
    "Die {term} wurde {authority} am {date} übermittelt.",
    "Eine Anhörung nach § 28 VwVfG NRW ist vor Erlass der {term} durchzuführen.",
    "Der Facharbeitskreis empfiehlt, die {term} frühzeitig mit {authority} abzustimmen.",
    "Bei der Kontrolle in {city} wurden Unterlagen zur {term} sichergestellt.",
    "{authority_cap} prüft derzeit, ob eine {term} in Betracht kommt.",
]


def _zipf(n: int, exponent: float = 1.07) -> list[float]:
    return [1 / (rank**exponent) for rank in range(1, n + 1)]


class Sampler:
    """Draws words for one field: function and common words, its domain terms, general terms and compounds,
    each with Zipf weights inside their group."""

    def __init__(self, domain: list[str], compounds: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.domain = domain
        groups = [
            (FUNCTION_WORDS, 0.44, 1.0),
            (COMMON_WORDS, 0.34, 0.9),
            (domain, 0.13, 1.07),
            (GENERAL_TERMS, 0.06, 1.0),
        ]
        words: list[str] = []
        weights: list[float] = []
        for group, share, exponent in groups:
            zipf = _zipf(len(group), exponent)
            total = sum(zipf)
            words += group
            weights += [share * weight / total for weight in zipf]
        # Compounds: rare each, together 3 % of the words.
        words += compounds
        weights += [0.03 / len(compounds)] * len(compounds)
        self.words = words
        self.cumulative = list(accumulate(weights))
        self.domain_cumulative = list(accumulate(_zipf(len(domain), 1.1)))

    def term(self) -> str:
        """One domain term, common ones more often than specific ones."""
        position = bisect(self.domain_cumulative, self.rng.random() * self.domain_cumulative[-1])
        return self.domain[min(position, len(self.domain) - 1)]

    def draw(self, count: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)


@dataclass
class TextMaker:
    rng: random.Random
    compounds: list[str]
    samplers: dict[str, Sampler] = field(default_factory=dict)

    def sampler(self, slug: str) -> Sampler:
        if slug not in self.samplers:
            self.samplers[slug] = Sampler(DOMAIN_TERMS.get(slug, _ALL_DOMAIN), self.compounds, self.rng)
        return self.samplers[slug]

    def sentence(self, slug: str) -> str:
        rng = self.rng
        sampler = self.sampler(slug)
        if rng.random() < 0.35:
            authority, authority2 = rng.sample(AUTHORITIES, 2)
            norms = NORMS.get(slug) or NORMS["gluecksspiel"]
            return rng.choice(_SENTENCE_TEMPLATES).format(
                date=random_date(rng).strftime("%d.%m.%Y"),
                year=rng.randint(2016, 2024),
                city=rng.choice(CITIES),
                authority=authority,
                authority2=authority2,
                authority_cap=authority[0].upper() + authority[1:],
                term=sampler.term(),
                term2=sampler.term(),
                norm=rng.choice(norms),
                norm2=rng.choice(norms),
                n=rng.randint(2, 40),
            )
        words = sampler.draw(rng.randint(7, 18))
        first = words[0]
        words[0] = first[0].upper() + first[1:]
        return " ".join(words) + "."

    def text(self, slug: str, min_chars: int, max_chars: int, *, headings: bool = False) -> str:
        """Paragraphs of German text of about min_chars to max_chars characters."""
        target = self.rng.randint(min_chars, max_chars)
        paragraphs: list[str] = []
        length = 0
        while length < target:
            if headings and self.rng.random() < 0.3:
                heading = f"## {self.rng.choice(_HEADINGS)}"
                paragraphs.append(heading)
                length += len(heading)
            paragraph = " ".join(self.sentence(slug) for _ in range(self.rng.randint(2, 6)))
            paragraphs.append(paragraph)
            length += len(paragraph) + 2
        return "\n\n".join(paragraphs)[: max_chars + 200]

    def line(self, slug: str, max_chars: int) -> str:
        text = self.sentence(slug)
        while len(text) < max_chars // 2:
            text += " " + self.sentence(slug)
        return text[:max_chars]


_HEADINGS = ["Ausgangslage", "Vorgehen", "Rechtliche Grundlagen", "Erfahrungen", "Ergebnisse", "Hinweise", "Fazit"]


def random_date(rng: random.Random) -> datetime.date:
    return _START + datetime.timedelta(days=rng.randrange(_DAYS))


def random_moment(rng: random.Random) -> datetime.datetime:
    day = random_date(rng)
    return datetime.datetime(day.year, day.month, day.day, rng.randint(7, 18), rng.randint(0, 59), tzinfo=datetime.UTC)


def _compounds() -> list[str]:
    words = {head + tail for head in _HEADS for tail in _TAILS}
    words |= {
        head + middle + tail
        for head in _HEADS
        for middle in _MIDDLES
        for tail in _TAILS
        if not middle.startswith(head.lower()) and not tail.startswith(middle)
    }
    return sorted(words)


def _chunks(iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


# --- The corpus --------------------------------------------------------------------------------


@dataclass
class Corpus:
    member: User
    multi_member: User
    counts: dict[str, int]
    seconds: float


EXTRA_PARTNERS = [
    ("Hauptzollamt Duisburg", "HZA Duisburg", PartnerType.ZOLL, "Duisburg"),
    ("Hauptzollamt Dortmund", "HZA Dortmund", PartnerType.ZOLL, "Dortmund"),
    ("Hauptzollamt Essen", "HZA Essen", PartnerType.ZOLL, "Essen"),
    ("Polizeipräsidium Duisburg", "PP Duisburg", PartnerType.LANDESPOLIZEI, "Duisburg"),
    ("Polizeipräsidium Essen", "PP Essen", PartnerType.LANDESPOLIZEI, "Essen"),
    ("Polizeipräsidium Gelsenkirchen", "PP Gelsenkirchen", PartnerType.LANDESPOLIZEI, "Gelsenkirchen"),
    ("Polizeipräsidium Dortmund", "PP Dortmund", PartnerType.LANDESPOLIZEI, "Dortmund"),
    ("Staatsanwaltschaft Duisburg", "StA Duisburg", PartnerType.JUSTIZ, "Duisburg"),
    (
        "Finanzamt für Steuerstrafsachen und Steuerfahndung Essen",
        "FA StraBu Essen",
        PartnerType.FINANZVERWALTUNG,
        "Essen",
    ),
]


class Builder:
    def __init__(self, *, documents: int, users: int, areas: int, seed: int, out: Callable[[str], None]) -> None:
        self.documents, self.users_wanted, self.areas_wanted = documents, max(users, 2), max(areas, 1)
        self.rng = random.Random(seed)
        self.out = out
        self.texts = TextMaker(self.rng, _compounds())
        self.counts: dict[str, int] = {}
        self.file_number = 0

    # Reference data ------------------------------------------------------------------------

    def partners(self) -> list[Partner]:
        partners = []
        for entry in demo_behoerden.PARTNERS:
            fields = {key: value for key, value in entry.items() if key not in ("slug", "domains")}
            partners.append(Partner.objects.get_or_create(slug=entry["slug"], defaults=fields)[0])
        for name, short_name, partner_type, city in EXTRA_PARTNERS:
            partner, _created = Partner.objects.get_or_create(
                slug=slugify(name.replace("ä", "ae").replace("ü", "ue")),
                defaults={
                    "name": name,
                    "short_name": short_name,
                    "kind": PartnerKind.NETZWERKPARTNER,
                    "type": partner_type,
                    "city": city,
                    "description": f"{name}: Netzwerkpartner der Sicherheitskooperation Ruhr.",
                },
            )
            partners.append(partner)
        self.counts["Behörden"] = len(partners)
        return partners

    def fachgebiete(self) -> list[Fachgebiet]:
        real = []
        for position, entry in enumerate(demo_data.FACHGEBIETE, start=1):
            real.append(
                Fachgebiet.objects.get_or_create(
                    slug=entry["slug"],
                    defaults={"name": entry["name"], "description": entry["description"], "position": position},
                )[0]
            )
        return real

    def people(self, partners: list[Partner]) -> list[User]:
        rng = self.rng
        password = make_password(None)  # unusable: these accounts never log in with a password
        # Bigger authorities have more staff: a Zipf-like spread over the partners.
        weights = _zipf(len(partners), 0.8)
        shuffled = partners[:]
        rng.shuffle(shuffled)
        duisburg_customs = next((p for p in partners if p.short_name == "HZA Duisburg"), partners[0])
        rows = []
        for i in range(self.users_wanted):
            if i == 0:
                email = MEMBER_EMAIL
            elif i == 1:
                email = MULTI_MEMBER_EMAIL
            else:
                email = f"nutzer{i:05d}@benchmark.sikoruhr.nrw.de"
            partner = duisburg_customs if i in (2, 3) else rng.choices(shuffled, weights=weights)[0]
            rows.append(
                User(
                    email=email,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    partner=partner,
                    unit=rng.choice(UNITS),
                    function=rng.choice(FUNCTIONS),
                    password=password,
                    status=User.Status.ADMITTED,
                    is_active=True,  # bulk_create skips User.save(), which derives it from the status
                    # Two contact persons at the HZA Duisburg for sure, ~10 % of everyone else.
                    is_contact_person=i in (2, 3) or (i > 3 and rng.random() < 0.1),
                )
            )
        users = []
        for chunk in _chunks(rows, BATCH):
            users += User.objects.bulk_create(chunk)
        self.counts["Nutzerinnen und Nutzer"] = len(users)
        self.counts["davon Ansprechpersonen"] = sum(1 for user in users if user.is_contact_person)
        return users

    def editors(self, fachgebiete: list[Fachgebiet], users: list[User]) -> None:
        permission = Permission.objects.get(codename="edit_fachgebiet", content_type__app_label="fachgebiete")
        candidates = users[4:] or users
        FachgebietUserObjectPermission.objects.bulk_create(
            [
                FachgebietUserObjectPermission(content_object=fachgebiet, user=user, permission=permission)
                for fachgebiet in fachgebiete
                for user in self.rng.sample(candidates, min(3, len(candidates)))
            ],
            ignore_conflicts=True,
        )

    def arbeitsbereiche(self) -> list[Arbeitsbereich]:
        rng = self.rng
        names = [(entry["name"], entry["kind"]) for entry in demo_data.ARBEITSBEREICHE]
        topics = [fg["name"] for fg in demo_data.FACHGEBIETE] + ["Clan-Monitoring", "Schrottimmobilien", "Kfz-Handel"]
        for city in CITIES:
            for topic in topics:
                names.append((f"Projekt {topic} {city}", Arbeitsbereich.Kind.PROJEKT))
        names = names[: self.areas_wanted]
        taken = set(Arbeitsbereich.objects.values_list("name", flat=True))
        rows = []
        for name, kind in names:
            if name in taken:
                name = f"{name} (Benchmark)"
            archived = rng.random() < 0.06
            rows.append(
                Arbeitsbereich(
                    name=name,
                    slug=slugify(name.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae"))[:150],
                    kind=kind,
                    description=self.texts.line("", 240),
                    is_confidential=rng.random() < 0.2,
                    is_archived=archived,
                    archived_at=timezone.now() if archived else None,
                )
            )
        areas = Arbeitsbereich.objects.bulk_create(rows)
        self.counts["Arbeitsbereiche"] = len(areas)
        self.counts["davon vertraulich"] = sum(1 for area in areas if area.is_confidential)
        return areas

    def grants(self, areas: list[Arbeitsbereich], users: list[User]) -> None:
        rng = self.rng
        perms = {
            codename: Permission.objects.get(codename=codename, content_type__app_label="facharbeitskreise")
            for codename in (VIEW, CONTRIBUTE, LEAD)
        }
        active = [area for area in areas if not area.is_archived] or areas
        member_areas = {0: [active[0]], 1: rng.sample(areas, min(MULTI_MEMBER_AREAS, len(areas)))}
        rows = []
        for position, user in enumerate(users):
            chosen = member_areas.get(position) or rng.sample(areas, min(rng.randint(1, 3), len(areas)))
            for area in chosen:
                codenames = [VIEW]
                if position > 1 and rng.random() < 0.15:
                    codenames.append(CONTRIBUTE)
                rows += [
                    ArbeitsbereichUserObjectPermission(content_object=area, user=user, permission=perms[codename])
                    for codename in codenames
                ]
        # One lead per area (view ⊂ contribute ⊂ lead).
        for area in areas:
            lead = rng.choice(users[2:] or users)
            rows += [
                ArbeitsbereichUserObjectPermission(content_object=area, user=lead, permission=perms[codename])
                for codename in (VIEW, CONTRIBUTE, LEAD)
            ]
        for chunk in _chunks(rows, BATCH * 5):
            ArbeitsbereichUserObjectPermission.objects.bulk_create(chunk, ignore_conflicts=True)
        self.counts["Zugänge zu Bereichen (Zeilen)"] = len(rows)

    # Content -------------------------------------------------------------------------------

    def stored_file(self, slug: str, uploader: User) -> StoredFile:
        self.file_number += 1
        rng = self.rng
        status = TextStatus.DONE if rng.random() < 0.97 else TextStatus.NO_TEXT
        text = self.texts.text(slug, 2000, 6000) if status == TextStatus.DONE else ""
        extension = rng.choice(["pdf", "pdf", "pdf", "docx"])
        return StoredFile(
            # No file on disk: the row stands for an upload whose text was already read.
            file=f"benchmark/{self.file_number:06d}.{extension}",
            original_name=f"Dokument_{self.file_number:06d}.{extension}",
            content_type="application/pdf"
            if extension == "pdf"
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            size=len(text.encode()) * 8 + 20_000,
            sha256=f"{rng.getrandbits(256):064x}",
            uploaded_by=uploader,
            text=text,
            text_status=status,
            text_extracted_at=timezone.now(),
        )

    def contribution_fields(self, users: list[User]) -> dict:
        rng = self.rng
        author = rng.choice(users)
        roll = rng.random()
        status = (
            Status.PUBLISHED
            if roll < 0.95
            else Status.SUBMITTED
            if roll < 0.98
            else Status.RETURNED
            if roll < 0.995
            else Status.REJECTED
        )
        submitted = random_moment(rng)
        published = submitted + datetime.timedelta(days=rng.randint(0, 14)) if status == Status.PUBLISHED else None
        return {
            "author": author,
            "status": status,
            "created_at": submitted,
            "submitted_at": submitted,
            "published_at": published,
            "reviewed_at": published,
        }

    def pick_fachgebiet(self, fachgebiete: list[Fachgebiet], rubriken: list[Fachgebiet], rubric_share: float):
        if rubriken and self.rng.random() < rubric_share:
            return self.rng.choice(rubriken)
        return self.rng.choice(fachgebiete)

    def title(self, fachgebiet: Fachgebiet, words: list[str]) -> str:
        rng = self.rng
        sampler = self.texts.sampler(fachgebiet.slug)
        term = sampler.term()
        other = sampler.term()
        city = rng.choice(CITIES)
        pattern = rng.choice(
            [
                "{kind}: {term} ({city})",
                "{kind} {term} und {other}",
                "{kind} zur {term}",
                "{term} – {kind} für Ordnungsämter",
                "{kind} {term} {year}",
                "{term}: {kind} aus {city}",
            ]
        )
        return pattern.format(kind=rng.choice(words), term=term, other=other, city=city, year=rng.randint(2017, 2025))[
            :200
        ]

    def articles(self, count, fachgebiete, rubriken, users, partner_of) -> None:
        rng = self.rng
        kinds = list(Article.Kind)
        made = attachments = 0
        for chunk in _chunks(range(count), BATCH):
            rows, files = [], []
            for _ in chunk:
                fachgebiet = self.pick_fachgebiet(fachgebiete, rubriken, 0.08)
                kind = rng.choice(kinds)
                fields = self.contribution_fields(users)
                slug = fachgebiet.slug
                rows.append(
                    Article(
                        fachgebiet=fachgebiet,
                        kind=kind,
                        title=self.title(fachgebiet, [kind.label, "Information", "Hinweise", "Bericht"]),
                        summary=self.texts.line(slug, 400),
                        body=self.texts.text(slug, 1000, 3000, headings=True),
                        partner_id=partner_of[fields["author"].pk] if rng.random() < 0.85 else None,
                        stand=(fields["published_at"] or fields["submitted_at"]).date(),
                        **fields,
                    )
                )
                files.append(self.stored_file(slug, fields["author"]) if rng.random() < 0.2 else None)
            with transaction.atomic():
                created = Article.objects.bulk_create(rows)
                stored = StoredFile.objects.bulk_create([file for file in files if file is not None])
                stored_iter = iter(stored)
                links = [
                    ArticleAttachment(article=article, file=next(stored_iter))
                    for article, file in zip(created, files, strict=True)
                    if file is not None
                ]
                ArticleAttachment.objects.bulk_create(links)
            made += len(created)
            attachments += len(links)
        self.counts["Informationen"] = made
        self.counts["davon mit Anhang"] = attachments

    def documents_(self, count, fachgebiete, rubriken, users, partner_of) -> None:
        rng = self.rng
        kinds = list(Document.Kind)
        made = 0
        for chunk in _chunks(range(count), BATCH):
            rows, files = [], []
            for _ in chunk:
                fachgebiet = self.pick_fachgebiet(fachgebiete, rubriken, 0.08)
                kind = rng.choice(kinds)
                fields = self.contribution_fields(users)
                superseded = rng.random() < 0.04
                rows.append(
                    Document(
                        fachgebiet=fachgebiet,
                        kind=kind,
                        title=self.title(fachgebiet, [kind.label, "Muster", "Vorlage", "Arbeitshilfe"]),
                        description=self.texts.line(fachgebiet.slug, 300),
                        partner_id=partner_of[fields["author"].pk] if rng.random() < 0.85 else None,
                        valid_from=fields["submitted_at"].date(),
                        is_superseded=superseded,
                        superseded_reason="Ersetzt durch eine neuere Fassung." if superseded else "",
                        **fields,
                    )
                )
                files.append(self.stored_file(fachgebiet.slug, fields["author"]))
            with transaction.atomic():
                created = Document.objects.bulk_create(rows)
                stored = StoredFile.objects.bulk_create(files)
                DocumentVersion.objects.bulk_create(
                    [
                        DocumentVersion(document=document, number=1, file=file, created_by=document.author)
                        for document, file in zip(created, stored, strict=True)
                    ]
                )
            made += len(created)
        self.counts["Muster & Arbeitshilfen"] = made

    def rechtstatsachen(self, count, fachgebiete, users, partner_of) -> None:
        rng = self.rng
        kinds = list(Rechtstatsache.Kind)
        statuses = list(Rechtstatsache.LegalStatus)
        gluecksspiel = next((fg for fg in fachgebiete if fg.slug == "gluecksspiel"), fachgebiete[0])
        made = 0
        for chunk in _chunks(range(count), BATCH):
            rows, files = [], []
            for position in chunk:
                fields = self.contribution_fields(users)
                if position == 0:
                    fields.update(status=Status.PUBLISHED, published_at=fields["submitted_at"])
                    fachgebiet, court = gluecksspiel, "OVG NRW"
                    aktenzeichen, norms = KNOWN_AKTENZEICHEN, KNOWN_NORMS
                    headnote = "Das Abstandsgebot zwischen Spielhallen ist mit der Berufsfreiheit vereinbar."
                else:
                    fachgebiet = rng.choice(fachgebiete)
                    court = rng.choice(COURTS)
                    aktenzeichen = (
                        f"{rng.randint(1, 22)} {rng.choice(_REGISTERS)} {rng.randint(100, 9999)}/{rng.randint(15, 25)}"
                    )
                    norms = "; ".join(rng.sample(NORMS[fachgebiet.slug], rng.randint(1, 3)))
                    headnote = self.texts.line(fachgebiet.slug, 400)
                decided = random_date(rng)
                rows.append(
                    Rechtstatsache(
                        fachgebiet=fachgebiet,
                        kind=rng.choice(kinds),
                        court=court,
                        decision_date=decided,
                        aktenzeichen=aktenzeichen,
                        norms=norms,
                        headnote=headnote,
                        summary=self.texts.text(fachgebiet.slug, 600, 1500),
                        legal_status=rng.choice(statuses),
                        **fields,
                    )
                )
                files.append(self.stored_file(fachgebiet.slug, fields["author"]) if rng.random() < 0.3 else None)
            with transaction.atomic():
                stored = iter(StoredFile.objects.bulk_create([file for file in files if file is not None]))
                for row, file in zip(rows, files, strict=True):
                    row.file = next(stored) if file is not None else None
                made += len(Rechtstatsache.objects.bulk_create(rows))
        self.counts["Rechtstatsachen"] = made

    def area_documents(self, count, areas, users) -> None:
        rng = self.rng
        made = 0
        for chunk in _chunks(range(count), BATCH):
            rows, files = [], []
            for _ in chunk:
                area = rng.choice(areas)
                author = rng.choice(users)
                moment = random_moment(rng)
                is_result = rng.random() < 0.1
                title_word = rng.choice(["Protokoll", "Präsentation", "Entwurf", "Handreichung", "Auswertung", "Notiz"])
                rows.append(
                    AreaDocument(
                        area=area,
                        title=f"{title_word} {area.name} {moment:%m/%Y}"[:200],
                        description=self.texts.line("", 240),
                        is_result=is_result,
                        created_by=author,
                        created_at=moment,
                        updated_at=moment,
                    )
                )
                files.append(self.stored_file("", author))
            with transaction.atomic():
                created = AreaDocument.objects.bulk_create(rows)
                stored = StoredFile.objects.bulk_create(files)
                AreaDocumentVersion.objects.bulk_create(
                    [
                        AreaDocumentVersion(document=document, number=1, file=file, created_by=document.created_by)
                        for document, file in zip(created, stored, strict=True)
                    ]
                )
            made += len(created)
        self.counts["Dokumente der Bereiche"] = made

    def meetings_and_threads(self, areas, users) -> None:
        rng = self.rng
        meetings, threads, posts = [], [], []
        for area in areas:
            for _ in range(8):
                start = random_moment(rng)
                meetings.append(
                    Meeting(
                        area=area,
                        title=f"Sitzung {area.name} {start:%d.%m.%Y}"[:200],
                        starts_at=start,
                        ends_at=start + datetime.timedelta(hours=2),
                        location=f"{rng.choice(CITIES)}, Rathaus, Raum {rng.randint(1, 400)}",
                        agenda=self.texts.text("", 300, 800),
                    )
                )
            for _ in range(12):
                threads.append(
                    Thread(area=area, title=self.texts.line("", 120), created_by=rng.choice(users), post_count=3)
                )
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        threads = Thread.objects.bulk_create(threads, batch_size=BATCH)
        for thread in threads:
            posts += [
                Post(thread=thread, author=rng.choice(users), body=self.texts.text("", 200, 900)) for _ in range(3)
            ]
        Post.objects.bulk_create(posts, batch_size=BATCH)
        self.counts["Sitzungen"] = len(meetings)
        self.counts["Diskussionen"] = len(threads)

    def build(self) -> Corpus:
        started = time.monotonic()
        with search_index.suspended():
            with transaction.atomic():
                partners = self.partners()
                fachgebiete = self.fachgebiete()
                rubriken = list(Fachgebiet.objects.rubriken())
                users = self.people(partners)
                partner_of = {user.pk: user.partner_id for user in users}
                self.editors(fachgebiete, users)
                areas = self.arbeitsbereiche()
                self.grants(areas, users)
                self.meetings_and_threads(areas, users)
                self.counts["Glossarbegriffe"] = demo_glossar.load()
            self.out(f"  Stammdaten, Konten und Bereiche: {time.monotonic() - started:.1f} s")
            total = max(self.documents, 4)
            n_rt = max(total // 10, 1)
            n_area = max(total // 10, 1)
            n_articles = (total - n_rt - n_area) // 2
            n_documents = total - n_rt - n_area - n_articles
            steps = [
                ("Informationen", lambda: self.articles(n_articles, fachgebiete, rubriken, users, partner_of)),
                ("Muster", lambda: self.documents_(n_documents, fachgebiete, rubriken, users, partner_of)),
                ("Rechtstatsachen", lambda: self.rechtstatsachen(n_rt, fachgebiete, users, partner_of)),
                ("Bereichsdokumente", lambda: self.area_documents(n_area, areas, users)),
            ]
            for label, step in steps:
                step_started = time.monotonic()
                step()
                self.out(f"  {label}: {time.monotonic() - step_started:.1f} s")
        return Corpus(
            member=users[0],
            multi_member=users[1],
            counts=self.counts,
            seconds=time.monotonic() - started,
        )


def build(
    *, documents: int, users: int, areas: int, seed: int = 1, out: Callable[[str], None] = lambda line: None
) -> Corpus:
    """Fill the current database with the corpus (index suspended; call `search.index.reindex()` afterwards)."""
    from fachgebiete.fragments import bump

    corpus = Builder(documents=documents, users=users, areas=areas, seed=seed, out=out).build()
    bump()  # bulk_create sends no signals: no cached list page may outlive the new rows
    return corpus
