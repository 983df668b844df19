"""Demo glossary for `manage.py load_demo`: terms of the field, drawn from the annual report,
the slides and the Hagen council statement in `seeds/`, with short practical definitions.

Idempotent: terms are matched by their name (case-insensitive) and brought in line with this list.
"""

from __future__ import annotations

from fachgebiete.models import Fachgebiet, GlossaryTerm

# term, synonyms, Fachgebiet slugs, "see also" terms, definition (Markdown)
TERMS: list[dict] = [
    {
        "term": "Clankriminalität",
        "synonyms": ["Clan-Kriminalität"],
        "see_also": ["Sicherheitskooperation Ruhr", "Verwaltungsansatz"],
        "definition": (
            "Begehung von Straftaten durch Angehörige ethnisch abgeschotteter Subkulturen, die von "
            "verwandtschaftlichen Beziehungen, einer gemeinsamen Herkunft und einem hohen Maß an Abschottung "
            "geprägt sind. Die Sicherheitskooperation Ruhr befasst sich nicht allein mit türkisch-arabischstämmigen "
            "Großfamilien, sondern auch mit vergleichbaren Strukturen etwa aus Südosteuropa und Syrien.\n\n"
            "Die Bekämpfung setzt auf das Zusammenwirken von Polizei, Kommunen, Zoll, Steuer- und Justizbehörden."
        ),
    },
    {
        "term": "Sicherheitskooperation Ruhr",
        "synonyms": ["SiKo Ruhr"],
        "see_also": ["Clankriminalität", "360°-Analyse"],
        "definition": (
            "Am 22. Juni 2020 gegründete Kooperation des Ministeriums des Innern NRW, der Bundespolizei, der "
            "Generalzolldirektion und der Städte Dortmund, Duisburg und Essen zur bezirks- und "
            "behördenübergreifenden Bekämpfung der Clankriminalität in der Metropolregion Ruhr. Inzwischen gehören "
            "ihr 22 Kooperationspartner an.\n\n"
            "Arbeitsstruktur nach dem Prinzip der **zusammengeschobenen Schreibtische**: Leitung, Geschäftsstelle in "
            "Essen und Lenkungskreis. Die Zuständigkeiten der beteiligten Behörden bleiben unberührt."
        ),
    },
    {
        "term": "360°-Analyse",
        "synonyms": ["360°-Analysen", "360-Grad-Analyse"],
        "see_also": ["Sicherheitskooperation Ruhr", "Vermögensabschöpfung"],
        "definition": (
            "Behördenübergreifende Betrachtung konkreter Problemstellungen und Sachverhalte: Die "
            "Kooperationspartner führen die ihnen vorliegenden Informationen aus öffentlichen, kommunalen und "
            "sicherheitsbehördlichen Quellen im Rahmen der rechtlichen Möglichkeiten zusammen. Die Ergebnisse "
            "erhalten die örtlich und sachlich zuständigen Behörden.\n\n"
            "Bis Ende 2021 wurden 18 Analysen abgeschlossen, u. a. zu Steuerdelikten, illegalem Glücksspiel und "
            "Immobilienkäufen."
        ),
    },
    {
        "term": "Nadelstichtaktik",
        "synonyms": ["Politik der Nadelstiche"],
        "fachgebiete": ["shisha", "gluecksspiel", "rotlicht"],
        "see_also": ["Verwaltungsansatz", "Gewerbeuntersagung"],
        "definition": (
            "Konsequente, häufige und behördenübergreifende Kontrollen auch kleinerer Verstöße (Gewerbe-, "
            "Gaststätten-, Steuer-, Jugendschutz- und Lebensmittelrecht). Ziel ist, den Handlungsdruck auf "
            "kriminelle Strukturen dauerhaft hoch zu halten und deutlich zu machen, dass Regeln für alle gelten."
        ),
    },
    {
        "term": "Verwaltungsansatz",
        "synonyms": ["administrativer Ansatz"],
        "fachgebiete": ["shisha", "gluecksspiel", "bewachungsgewerbe"],
        "see_also": ["Nadelstichtaktik", "Gewerbeuntersagung"],
        "definition": (
            "Nutzung verwaltungsrechtlicher Instrumente (Gewerbe-, Gaststätten-, Bau-, Ausländer- und Steuerrecht) "
            "zur Bekämpfung organisierter Kriminalität ergänzend zur Strafverfolgung. Auf europäischer Ebene als "
            "*administrative approach* bekannt; das Netzwerk ENAA und das Expertisezentrum EURIEC fördern den "
            "Austausch."
        ),
    },
    {
        "term": "Communities That Care",
        "synonyms": ["CTC"],
        "see_also": ["Prävention"],
        "definition": (
            "Ausgearbeitete Rahmenstrategie, um auf kommunaler Ebene eine wirksame Verhinderung von Kriminalität, "
            "Gewalt, Sucht, Schulversagen und anderen Verhaltensproblemen bei Kindern und Jugendlichen zu "
            "organisieren (entwicklungsorientierte Prävention). Die Geschäftsstelle unterstützt als koordinierende "
            "Stelle die Kommunen bei der Einführung; Pilotstädte sind Dortmund, Duisburg und Essen."
        ),
    },
    {
        "term": "Prävention",
        "synonyms": ["Kriminalprävention"],
        "see_also": ["Communities That Care"],
        "definition": (
            "Maßnahmen, die Straftaten und kriminelle Karrieren verhindern sollen, bevor sie entstehen. Das Projekt "
            "„360° – Integration, Orientierung, Perspektiven“ des Ministeriums des Innern NRW fördert spezifische "
            "kriminalpräventive Programme gegen Clankriminalität."
        ),
    },
    {
        "term": "Vermögensabschöpfung",
        "synonyms": ["Vermögenseinziehung", "Einziehung von Taterträgen"],
        "fachgebiete": ["vermoegensabschoepfung"],
        "see_also": ["Geldwäscheverdachtsmeldung", "Barzahlungsgeschäfte"],
        "definition": (
            "Einziehung von Taterträgen und Tatmitteln nach den §§ 73 ff. StGB, auch im selbstständigen "
            "Einziehungsverfahren (§ 76a StGB) bei Vermögen unklarer Herkunft. Kommunen können durch Hinweise aus "
            "Gewerbe-, Bau- und Sozialverwaltung wesentlich beitragen (Facharbeitskreis „Vermögensabschöpfung durch "
            "Kommunen“)."
        ),
    },
    {
        "term": "Geldwäscheverdachtsmeldung",
        "synonyms": ["Verdachtsmeldung", "Geldwäsche-Verdachtsmeldung"],
        "fachgebiete": ["geldwaeschepraevention"],
        "see_also": ["FIU", "Barzahlungsgeschäfte"],
        "definition": (
            "Meldung nach § 43 Geldwäschegesetz (GwG) an die FIU, wenn Tatsachen darauf hindeuten, dass ein "
            "Vermögensgegenstand aus einer strafbaren Handlung stammt. Verpflichtet sind auch Güterhändler, "
            "Immobilienmakler und Glücksspielanbieter; die Aufsicht über den Nichtfinanzsektor liegt in NRW bei den "
            "Bezirksregierungen."
        ),
    },
    {
        "term": "FIU",
        "synonyms": ["Financial Intelligence Unit", "Zentralstelle für Finanztransaktionsuntersuchungen"],
        "fachgebiete": ["geldwaeschepraevention"],
        "see_also": ["Geldwäscheverdachtsmeldung"],
        "definition": (
            "Zentralstelle für Finanztransaktionsuntersuchungen beim Zoll. Sie nimmt Verdachtsmeldungen nach dem GwG "
            "entgegen, analysiert sie und gibt Erkenntnisse an Strafverfolgungs- und andere zuständige Behörden "
            "weiter."
        ),
    },
    {
        "term": "Barzahlungsgeschäfte",
        "synonyms": ["Bargeschäfte", "Barzahlungsgeschäft"],
        "fachgebiete": ["geldwaeschepraevention", "vermoegensabschoepfung"],
        "see_also": ["Geldwäscheverdachtsmeldung"],
        "definition": (
            "Geschäfte, die ganz oder überwiegend bar abgewickelt werden – etwa Fahrzeug-, Schmuck- oder "
            "Immobilienkäufe. Güterhändler haben bei Barzahlungen ab 10.000 Euro (bei Edelmetallen ab 2.000 Euro) "
            "Sorgfaltspflichten nach dem GwG; beim Immobilienerwerb sind Barzahlungen seit 2023 verboten."
        ),
    },
    {
        "term": "Shisha-Bar",
        "synonyms": ["Shisha-Bars", "Shishabar", "Shisha-Lounge"],
        "fachgebiete": ["shisha"],
        "see_also": ["Kohlenmonoxid", "Nadelstichtaktik"],
        "definition": (
            "Gaststätte, in der Wasserpfeifen angeboten werden. Kontrollen verbinden Gaststätten-, Gewerbe-, Tabak- "
            "und Steuerrecht mit dem Schutz vor Kohlenmonoxid. Gute Praxis aus Hagen: die "
            "Lebensmittelüberwachung nimmt an den Kontrollen teil (unversteuerter Tabak, Hygienemängel)."
        ),
    },
    {
        "term": "Kohlenmonoxid",
        "synonyms": ["CO-Vergiftung"],
        "fachgebiete": ["shisha"],
        "see_also": ["Shisha-Bar"],
        "definition": (
            "Geruchloses, giftiges Gas, das beim Verglühen der Kohle in Wasserpfeifen entsteht. In schlecht "
            "belüfteten Shisha-Bars kam es wiederholt zu Vergiftungen; Kontrollen umfassen daher Messungen, "
            "Lüftungsanlagen und CO-Warnmelder."
        ),
    },
    {
        "term": "Glücksspielstaatsvertrag",
        "synonyms": ["GlüStV", "GlüStV 2021"],
        "fachgebiete": ["gluecksspiel"],
        "see_also": ["Spielhalle", "Abstandsgebot"],
        "definition": (
            "Staatsvertrag der Länder zur Neuregulierung des Glücksspielwesens (GlüStV 2021). Er regelt unter "
            "anderem Erlaubnispflichten, Spielerschutz, die Sperrdatei OASIS und die Anforderungen an Spielhallen; "
            "in NRW ergänzt durch das Ausführungsgesetz (AG GlüStV NRW)."
        ),
    },
    {
        "term": "Spielhalle",
        "synonyms": ["Spielhallen", "Spielothek"],
        "fachgebiete": ["gluecksspiel"],
        "see_also": ["Abstandsgebot", "Glücksspielstaatsvertrag"],
        "definition": (
            "Unternehmen, das ausschließlich oder überwiegend der Aufstellung von Spielgeräten dient. Es braucht "
            "eine Erlaubnis nach § 33i GewO und nach dem Glücksspielrecht; typische Kontrollpunkte sind "
            "Sperrzeiten, Sozialkonzept, Einlasskontrolle und Mindestabstände."
        ),
    },
    {
        "term": "Abstandsgebot",
        "synonyms": ["Mindestabstand"],
        "fachgebiete": ["gluecksspiel"],
        "see_also": ["Spielhalle"],
        "definition": (
            "Vorgabe des Landesrechts zum Mindestabstand zwischen Spielhallen untereinander sowie zu Schulen und "
            "Einrichtungen der Kinder- und Jugendhilfe (in NRW grundsätzlich 350 Meter Luftlinie, mit "
            "Ausnahmemöglichkeiten)."
        ),
    },
    {
        "term": "Bewachungsgewerbe § 34a GewO",
        "synonyms": ["Bewachungsgewerbe", "Bewachungsunternehmen", "§ 34a GewO"],
        "fachgebiete": ["bewachungsgewerbe"],
        "see_also": ["Gewerbeuntersagung"],
        "definition": (
            "Wer gewerbsmäßig Leben oder Eigentum fremder Personen bewachen will, braucht eine Erlaubnis nach "
            "§ 34a GewO; Wachpersonen werden im Bewacherregister geführt. Die Zuverlässigkeit wird unter "
            "Einbeziehung von Polizei und Verfassungsschutz geprüft – Türsteher im Umfeld krimineller Strukturen "
            "sind ein Schwerpunkt des Facharbeitskreises."
        ),
    },
    {
        "term": "Gewerbeuntersagung",
        "synonyms": ["Gewerbeuntersagung § 35 GewO", "§ 35 GewO"],
        "fachgebiete": ["shisha", "gluecksspiel", "bewachungsgewerbe", "rotlicht"],
        "see_also": ["Verwaltungsansatz", "Strohmann"],
        "definition": (
            "Untersagung eines Gewerbes wegen Unzuverlässigkeit des Gewerbetreibenden oder einer mit der Leitung "
            "beauftragten Person (§ 35 GewO), z. B. bei Steuerschulden, einschlägigen Straftaten oder dem Einsatz "
            "von Strohleuten. Sie kann auf vergleichbare Gewerbe erstreckt werden."
        ),
    },
    {
        "term": "Strohmann",
        "synonyms": ["Strohleute", "Strohmann-Konstruktion"],
        "fachgebiete": ["shisha", "rotlicht"],
        "see_also": ["Gewerbeuntersagung"],
        "definition": (
            "Person, die ein Gewerbe formal anmeldet oder führt, während der tatsächliche Betreiber im Hintergrund "
            "bleibt – häufig, weil dieser selbst keine Erlaubnis erhielte. Anhaltspunkte: fehlende Fachkenntnis, "
            "keine eigenen Mittel, Weisungen Dritter."
        ),
    },
    {
        "term": "ProstSchG",
        "synonyms": ["Prostituiertenschutzgesetz"],
        "fachgebiete": ["rotlicht"],
        "see_also": ["Gewerbeuntersagung"],
        "definition": (
            "Gesetz zum Schutz von in der Prostitution tätigen Personen (seit 2017): Anmeldepflicht und "
            "gesundheitliche Beratung für Prostituierte, Erlaubnispflicht für Prostitutionsstätten mit "
            "Zuverlässigkeitsprüfung der Betreiber. Eine Hauptquelle für Kontrollen im Rotlichtmilieu."
        ),
    },
    {
        "term": "Aufenthaltsbeendende Maßnahmen",
        "synonyms": ["Aufenthaltsbeendigung"],
        "fachgebiete": ["aufenthaltsrecht"],
        "see_also": ["Clankriminalität"],
        "definition": (
            "Ausweisung, Abschiebung und begleitende Maßnahmen nach dem Aufenthaltsgesetz. Das Fallmanagement NRW "
            "begleitet seit 2018 aufenthaltsrechtliche Verfahren bei Straftäterinnen und Straftätern."
        ),
    },
    {
        "term": "Bedrohungsmanagement",
        "synonyms": [],
        "fachgebiete": ["bedrohungsmanagement"],
        "see_also": ["Prävention"],
        "definition": (
            "Erkennen, Einschätzen und Entschärfen von Bedrohungen gegen Beschäftigte von Behörden. Das Training "
            "„Professioneller Umgang mit Konflikten und Übergriffen aus dem Clanmilieu“ stärkt die "
            "Handlungssicherheit – auch bei Ereignissen ohne strafrechtliche Relevanz."
        ),
    },
    {
        "term": "Informationsaustausch",
        "synonyms": ["interbehördlicher Informationsaustausch"],
        "see_also": ["360°-Analyse"],
        "definition": (
            "Weitergabe von Erkenntnissen zwischen Behörden im Rahmen der datenschutzrechtlichen Befugnisse. Die "
            "Handreichung der Sicherheitskooperation zeigt am Beispiel Sozialleistungsbetrug, welche Behörde welche "
            "Informationen übermitteln darf."
        ),
    },
    {
        "term": "Lagebild",
        "synonyms": ["Lagebilder"],
        "see_also": ["Clankriminalität"],
        "definition": (
            "Zusammenfassende Darstellung der Kriminalitätslage. Das Lagebild Clankriminalität des "
            "Landeskriminalamtes NRW erscheint jährlich; die Geschäftsstelle ergänzt es um kommunale Erkenntnisse."
        ),
    },
    {
        "term": "Verbundkontrolle",
        "synonyms": ["Verbundkontrollen", "behördenübergreifende Kontrolle"],
        "fachgebiete": ["shisha", "gluecksspiel", "verkehr"],
        "see_also": ["Nadelstichtaktik"],
        "definition": (
            "Gemeinsame Kontrolle mehrerer Behörden (z. B. Ordnungsamt, Polizei, Zoll, Steuerfahndung, "
            "Lebensmittelüberwachung) an einem Ort und zu einem Zeitpunkt. Der Handlungsrahmen für "
            "behördenübergreifende Einsätze gibt Orientierung für Planung und Durchführung."
        ),
    },
]


def load(stdout=None) -> int:
    """Create or update the demo terms; returns their number."""
    fachgebiete = {fg.slug: fg for fg in Fachgebiet.objects.all()}
    terms = {}
    for entry in TERMS:
        term = GlossaryTerm.objects.filter(term__iexact=entry["term"]).first() or GlossaryTerm(term=entry["term"])
        wanted = {"definition": entry["definition"], "synonyms": "\n".join(entry.get("synonyms", []))}
        # Saved only when something differs: "Stand" (updated_at) is shown and must not move on a rerun.
        if term.pk is None or any(getattr(term, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(term, name, value)
            term.save()
        term.fachgebiete.set([fachgebiete[slug] for slug in entry.get("fachgebiete", []) if slug in fachgebiete])
        terms[entry["term"]] = term
    # "See also" is symmetrical: clear every term first, or a later set() would drop earlier reverse links.
    for term in terms.values():
        term.see_also.clear()
    for entry in TERMS:
        terms[entry["term"]].see_also.add(*[terms[name] for name in entry.get("see_also", [])])
    if stdout is not None:
        stdout.write(f"  Glossar: {len(terms)} Begriffe")
    return len(terms)
