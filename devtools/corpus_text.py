"""The German text of the benchmark corpus (devtools.benchmark_corpus): a domain vocabulary mixed
with common words, each drawn with a Zipf-like distribution, sentence templates with cities,
authorities, dates and norms, and tens of thousands of compounds."""

from __future__ import annotations

import datetime
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, islice

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
REGISTERS = ["K", "L", "B", "A", "E", "Ss", "U", "O", "Ws", "KLs"]

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


def zipf(n: int, exponent: float = 1.07) -> list[float]:
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
            spread = zipf(len(group), exponent)
            total = sum(spread)
            words += group
            weights += [share * weight / total for weight in spread]
        # Compounds: rare each, together 3 % of the words.
        words += compounds
        weights += [0.03 / len(compounds)] * len(compounds)
        self.words = words
        self.cumulative = list(accumulate(weights))
        self.domain_cumulative = list(accumulate(zipf(len(domain), 1.1)))

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
                heading = f"## {self.rng.choice(HEADINGS)}"
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


HEADINGS = ["Ausgangslage", "Vorgehen", "Rechtliche Grundlagen", "Erfahrungen", "Ergebnisse", "Hinweise", "Fazit"]


def random_date(rng: random.Random) -> datetime.date:
    return _START + datetime.timedelta(days=rng.randrange(_DAYS))


def random_moment(rng: random.Random) -> datetime.datetime:
    day = random_date(rng)
    return datetime.datetime(day.year, day.month, day.day, rng.randint(7, 18), rng.randint(0, 59), tzinfo=datetime.UTC)


def compounds() -> list[str]:
    words = {head + tail for head in _HEADS for tail in _TAILS}
    words |= {
        head + middle + tail
        for head in _HEADS
        for middle in _MIDDLES
        for tail in _TAILS
        if not middle.startswith(head.lower()) and not tail.startswith(middle)
    }
    return sorted(words)


def chunks(iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk
