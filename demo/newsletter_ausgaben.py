"""The newsletter of the demo (seed 001, section 3.8: quarterly since August 2020, 283 recipients
at the end of 2021): past issues, the current one, its subscribers."""

from __future__ import annotations

import datetime

# Past issues for the archive; they went out before the portal existed, so no deliveries.
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
