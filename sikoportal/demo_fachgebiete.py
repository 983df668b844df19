"""Demo content of the Fachgebiete and the open rubrics, drawn from the seeds (annual report
3.3–3.6, the Hagen council statement, the slides). Documents are real PDF/DOCX files made by
dokumente.generate. Court decisions are invented examples and say so ("Beispiel") in court
and file number; statutes and facts named in articles (§ 33i GewO, GlüStV 2021, ProstSchG, GwG,
§ 34a GewO) are real.

Idempotent: items are matched by Fachgebiet and title (Rechtstatsachen by file number); files
are generated only when their item is created.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dokumente.generate import docx_bytes, pdf_bytes
from dokumente.services import files_atomic, version_add
from fachgebiete import services
from fachgebiete.models import Article, Document, Fachgebiet, Rechtstatsache, Status
from partner.models import Partner, User

from . import demo_data

_A = Article.Kind
_D = Document.Kind
_R = Rechtstatsache.Kind
_L = Rechtstatsache.LegalStatus

# (fachgebiet slug, kind, title, partner slug, stand, summary, body)
ARTICLES = [
    (
        "shisha",
        _A.GOOD_PRACTICE,
        "Lebensmittelüberwachung bei konzentrierten Kontrollen von Shisha-Bars",
        "stadt-hagen",
        datetime.date(2021, 9, 15),
        "In Hagen entnimmt die Lebensmittelüberwachung bei Shisha-Kontrollen Proben für eine gerichtsverwertbare "
        "Beweissicherung; die anderen Ruhrgebietsstädte bestätigen den Nutzen.",
        "## Ausgangslage\n\nBei konzentrierten Kontrollen von Shisha-Bars stehen Ordnungsamt, Polizei, Zoll und "
        "Steuerfahndung oft vor der Frage, wie Verstöße **gerichtsfest** belegt werden.\n\n"
        "## Vorgehen in Hagen\n\n1. Die Lebensmittelüberwachung nimmt an der Kontrolle teil.\n"
        "2. Sie entnimmt Proben von Tabak und Wasserpfeifenzubehör und versiegelt sie.\n"
        "3. Die Untersuchung erfolgt im Landeslabor; das Ergebnis geht an alle beteiligten Behörden.\n\n"
        "## Erfahrungen\n\nDie Praxis wurde im Facharbeitskreis Shisha durch Erfahrungsberichte anderer Städte "
        "bestätigt. Wichtig ist eine Absprache vorab, wer die Proben transportiert und wer das Protokoll führt.",
    ),
    (
        "shisha",
        _A.PROZESSABLAUF,
        "Ablauf einer behördenübergreifenden Shisha-Kontrolle",
        "stadt-essen",
        datetime.date(2022, 3, 1),
        "Von der Vorbesprechung bis zur Nachbereitung: wer macht was bei einer gemeinsamen Kontrolle?",
        "## Vorbereitung\n\n- Lagebesprechung mit Polizei, Zoll und Steuerfahndung\n- Kohlenmonoxid-Warngeräte "
        "für alle Einsatzkräfte\n\n## Durchführung\n\nDas Ordnungsamt prüft gaststättenrechtliche Erlaubnis, "
        "Jugendschutz und Nichtraucherschutz; der Zoll prüft die Versteuerung des Tabaks.\n\n## Nachbereitung\n\n"
        "Ergebnisse werden innerhalb einer Woche an alle Beteiligten übermittelt.",
    ),
    (
        "gluecksspiel",
        _A.HANDREICHUNG,
        "Glücksspielstaatsvertrag 2021: was sich für die Kommunen ändert",
        "lka-nrw",
        datetime.date(2021, 8, 1),
        "Der Glücksspielstaatsvertrag 2021 gilt seit dem 1. Juli 2021; Hinweise der Experten des LKA NRW aus dem "
        "Facharbeitskreis.",
        "Der **Glücksspielstaatsvertrag 2021** (GlüStV 2021) ist am 1. Juli 2021 in Kraft getreten. Für die "
        "kommunale Praxis wichtig:\n\n- die gewerberechtliche Erlaubnis für Spielhallen und Aufstellung von "
        "Geldspielgeräten (§ 33c, § 33i GewO) bleibt daneben bestehen;\n- das **Abstandsgebot** zwischen "
        "Spielhallen richtet sich nach dem Landesrecht;\n- illegale Geräte in Gaststätten und Kulturvereinen "
        "bleiben ein Schwerpunkt gemeinsamer Kontrollen.",
    ),
    (
        "vermoegensabschoepfung",
        _A.GOOD_PRACTICE,
        "Follow the Money: Vermögensabschöpfung durch Kommunen",
        "stadt-duisburg",
        datetime.date(2021, 10, 1),
        "Wie Kommunen Vermögenswerte sichern und einziehen lassen können – Ergebnisse des Facharbeitskreises.",
        "Nach dem Grundsatz *Follow the Money* prüfen die Kommunen bei jeder Maßnahme, ob Vermögenswerte "
        "gesichert werden können: Bargeld bei Kontrollen, Fahrzeuge, Immobilien. Entscheidend ist die frühe "
        "Meldung an Polizei und Staatsanwaltschaft, damit diese Vermögensarreste beantragen können.",
    ),
    (
        "bedrohungsmanagement",
        _A.PROJEKT,
        "Pilottraining „Professioneller Umgang mit Konflikten und Übergriffen aus dem Clanmilieu“",
        "im-nrw",
        datetime.date(2021, 12, 31),
        "Zweitägiges Training des Projekts „360°“; Mitte 2021 acht Pilotveranstaltungen mit mehr als 80 Beschäftigten.",
        "Das Ministerium des Innern NRW hat im Projekt „360 Grad – Integration, Orientierung, Perspektiven“ ein "
        "zweitägiges Pilottraining entwickelt. Inhalte: Wissen über Clans, Interkulturalität, Aggression und "
        "Gewalt, Kommunikation und Interaktion. Durchgeführt wird es von einem Team aus Psychologinnen und "
        "Psychologen. Für 2022 sind 13 weitere Termine geplant, u. a. mit der Bundespolizei.",
    ),
    (
        "aufenthaltsrecht",
        _A.PROJEKT,
        "Fallmanagement NRW für ausländische Mehrfach- und Intensivtäter",
        "mkffi-nrw",
        datetime.date(2021, 12, 31),
        "Das Fallmanagement NRW begleitet aufenthaltsrechtliche Verfahren; die Sicherheitskooperation ist in "
        "seine Weiterentwicklung eingebunden.",
        "Seit 2018 begleitet das **Fallmanagement NRW** aufenthaltsrechtliche Verfahren und aufenthaltsbeendende "
        "Maßnahmen bei strafrechtlich auffälligen ausländischen Personen. Es wird derzeit mit Fokus auf "
        "ausländische Mehrfach- und Intensivtäter (aMIT) und ausländische Clankriminelle ausgebaut.",
    ),
    (
        "verkehr",
        _A.ERFAHRUNGSBERICHT,
        "Vermietung von Fahrzeugen zur Begehung von Straftaten",
        "stadt-dortmund",
        datetime.date(2022, 2, 15),
        "Erfahrungen aus einer 360°-Analyse: Mietfahrzeuge mit internationalen Bezügen.",
        "Eine 360°-Analyse der Geschäftsstelle befasste sich mit der Vermietung von Fahrzeugen, die für "
        "Straftaten genutzt werden. Straßenverkehrsbehörden können Halterdaten und Auffälligkeiten bei der "
        "Zulassung beitragen; die Auswertung erfolgt gemeinsam mit der Polizei.",
    ),
    (
        "bewachungsgewerbe",
        _A.PROZESSABLAUF,
        "Zuverlässigkeitsprüfung nach § 34a GewO",
        "stadt-bochum",
        datetime.date(2022, 1, 10),
        "Wie Gewerbeämter Bewachungsunternehmen und ihr Personal prüfen und wo der Austausch hilft.",
        "Wer gewerbsmäßig Leben oder Eigentum fremder Personen bewachen will, braucht eine Erlaubnis nach "
        "**§ 34a GewO**. Die Behörde prüft die Zuverlässigkeit – auch des Wachpersonals – unter anderem über das "
        "Bewacherregister. Der Facharbeitskreis tauscht Erfahrungen zu Scheinselbstständigkeit und "
        "Strohleuten aus.",
    ),
    (
        "geldwaeschepraevention",
        _A.HANDREICHUNG,
        "Geldwäscheprävention schon bei der Gewerbeanmeldung",
        "bezirksregierung-duesseldorf",
        datetime.date(2021, 11, 1),
        "60 Kommunen geben Informationsmaterial der Bezirksregierungen zu den Pflichten nach dem GwG aus.",
        "Die Aufsicht über den Nichtfinanzsektor liegt in NRW bei den Bezirksregierungen. Verpflichtete nach dem "
        "**Geldwäschegesetz (GwG)** – etwa Güterhändler, Immobilienmakler – müssen Risiken analysieren, "
        "Kundinnen und Kunden identifizieren und Verdachtsfälle an die FIU melden (**Verdachtsmeldung**). "
        "Seit Juli/August 2021 geben 60 Kommunen dazu Informationsmaterial schon bei der Gewerbeanmeldung aus.",
    ),
    (
        "rotlicht",
        _A.ERFAHRUNGSBERICHT,
        "Kontrollen in der Wohnungsprostitution nach dem ProstSchG",
        "stadt-gelsenkirchen",
        datetime.date(2021, 9, 30),
        "Erfahrungen aus dem Facharbeitskreis Rotlicht, u. a. Verfahren auch gegen Nutzer als Beteiligte einer "
        "Ordnungswidrigkeit.",
        "Das **Prostituiertenschutzgesetz (ProstSchG)** verlangt Anmeldung und Erlaubnis. Bei Kontrollen der "
        "Wohnungsprostitution haben einige Städte auch gegen Nutzer als Beteiligte einer Ordnungswidrigkeit "
        "Verfahren eingeleitet. Der Austausch mit Gesundheitsamt und Beratungsstellen ist fester Bestandteil.",
    ),
    # Rubrics
    (
        "lagebilder",
        _A.LAGEBILD,
        "Lagebild Clankriminalität NRW",
        "lka-nrw",
        datetime.date(2021, 12, 31),
        "Das jährliche Lagebild des LKA NRW; die Geschäftsstelle ergänzt es um kommunale Erkenntnisse.",
        "Das Landeskriminalamt NRW veröffentlicht jährlich das **Lagebild Clankriminalität**. Die Geschäftsstelle "
        "wertet zudem das tägliche Lagebild aus und steuert einzelne Inhalte in Abstimmung mit dem LKA an die "
        "Kooperationspartner. Ein Erhebungsraster für kommunale Erkenntnisse ist in Vorbereitung.",
    ),
    (
        "informationsaustausch",
        _A.HANDREICHUNG,
        "Handreichung: Eigeninitiierter Informationsaustausch beim Sozialleistungsbetrug",
        "im-nrw",
        datetime.date(2021, 12, 15),
        "Welche Behörde darf welche Informationen von sich aus weitergeben? Die gesetzlichen Bestimmungen für 13 "
        "Stellen.",
        "Die Handreichung stellt für **Landespolizei, Bundespolizei, Zoll, Finanzverwaltung, Jobcenter/"
        "Arbeitsagentur, Jugendamt, Schulamt, Ausländeramt, Gewerbeamt, Finanzbuchhaltung der Kommunen, "
        "Straßenverkehrsamt, Ordnungsamt und Einwohnermeldeamt** die jeweils geltenden Übermittlungsbefugnisse "
        "zusammen. Sie wurde im Dezember 2021 veröffentlicht; weitere Aufgabenfelder folgen.",
    ),
    (
        "praevention",
        _A.PROJEKT,
        "Communities That Care (CTC) im Ruhrgebiet",
        "im-nrw",
        datetime.date(2021, 12, 31),
        "Die Geschäftsstelle unterstützt die Kommunen bei der Einführung von CTC; Pilotstädte Dortmund, Duisburg "
        "und Essen.",
        "CTC ist eine Rahmenstrategie der entwicklungsorientierten Prävention. Zwei Beschäftigte der "
        "Geschäftsstelle werden durch die CTC-Transferstelle zu Multiplikatoren fortgebildet. Informations"
        "veranstaltungen fanden im März 2021 in Duisburg und Essen statt.",
    ),
    (
        "praevention",
        _A.PROJEKT,
        "Projekt „360° – Integration, Orientierung, Perspektiven“",
        "im-nrw",
        datetime.date(2021, 12, 31),
        "Das Präventionsprojekt des Ministeriums des Innern NRW; sein Koordinator arbeitet in der Geschäftsstelle.",
        "Mit dem Projekt „360°“ fördert das Ministerium des Innern NRW spezifische kriminalpräventive Programme "
        "gegen Clankriminalität. Die Geschäftsstelle unterstützt es personell.",
    ),
]

# (fachgebiet slug, kind, title, partner slug, description, file kind, paragraphs)
DOCUMENTS = [
    (
        "shisha",
        _D.CHECKLISTE,
        "Checkliste Shisha-Kontrolle",
        "stadt-hagen",
        "Prüfpunkte für konzentrierte Kontrollen: Erlaubnis, Jugendschutz, CO-Messung, Tabaksteuer, Proben.",
        "pdf",
        [
            "Gaststättenerlaubnis und Auflagen geprüft",
            "Kohlenmonoxid-Messung durchgeführt",
            "Tabak: Steuerzeichen und Herkunft (Zoll)",
            "Proben durch die Lebensmittelüberwachung entnommen",
        ],
    ),
    (
        "shisha",
        _D.VORLAGE,
        "Untersagungsverfügung Shisha-Bar (Muster)",
        "stadt-essen",
        "Muster einer Ordnungsverfügung: Untersagung des Betriebs nach § 15 Abs. 2 GewO mit Anordnung der "
        "sofortigen Vollziehung und Zwangsgeldandrohung.",
        "docx",
        [
            "Ordnungsverfügung – Untersagung der Fortsetzung des Betriebs",
            "Hiermit untersage ich Ihnen die Fortsetzung des Betriebs der Shisha-Bar … ohne Erlaubnis.",
            "Die sofortige Vollziehung wird angeordnet; bei Zuwiderhandlung wird ein Zwangsgeld angedroht.",
            "Begründung: Bei der Kontrolle am … wurden erhöhte Kohlenmonoxid-Werte gemessen.",
        ],
    ),
    (
        "gluecksspiel",
        _D.VORLAGE,
        "Anhörung vor Untersagung nach § 15 GewO (Spielgeräte)",
        "stadt-gelsenkirchen",
        "Vorlage für die Anhörung vor der Untersagung des Betriebs nicht zugelassener Geldspielgeräte.",
        "docx",
        [
            "Sehr geehrte Damen und Herren,",
            "bei der Kontrolle am … wurden nicht zugelassene Geräte festgestellt.",
            "Sie erhalten Gelegenheit, sich bis zum … zu äußern.",
        ],
    ),
    (
        "vermoegensabschoepfung",
        _D.LEITFADEN,
        "Leitfaden Vermögenssicherung bei Kontrollen",
        "stadt-duisburg",
        "Wann und wie Bargeld und Wertgegenstände gesichert und an die Ermittlungsbehörden gemeldet werden.",
        "pdf",
        ["Sicherstellung dokumentieren", "Sofortige Meldung an Polizei und Staatsanwaltschaft"],
    ),
    (
        "bedrohungsmanagement",
        _D.ARBEITSHILFE,
        "Gesprächsleitfaden bei Bedrohungen im Dienst",
        "im-nrw",
        "Arbeitshilfe aus dem Pilottraining: Deeskalation, Dokumentation, Nachsorge.",
        "pdf",
        ["Distanz wahren und Unterstützung anfordern", "Vorfall dokumentieren, auch ohne strafrechtliche Relevanz"],
    ),
    (
        "aufenthaltsrecht",
        _D.FORMULAR,
        "Mitteilung an die Ausländerbehörde (§ 87 AufenthG)",
        "kreis-recklinghausen",
        "Formular für Mitteilungen öffentlicher Stellen an die Ausländerbehörde.",
        "docx",
        ["Betroffene Person", "Sachverhalt", "Übermittelnde Stelle"],
    ),
    (
        "verkehr",
        _D.CHECKLISTE,
        "Checkliste Kontrolle Autovermietung",
        "stadt-dortmund",
        "Prüfpunkte für gewerberechtliche Kontrollen von Autovermietungen.",
        "pdf",
        ["Gewerbeanmeldung", "Mietverträge und Ausweiskopien", "Auffällige Halterwechsel"],
    ),
    (
        "bewachungsgewerbe",
        _D.CHECKLISTE,
        "Checkliste Erlaubnis nach § 34a GewO",
        "stadt-bochum",
        "Unterlagen und Prüfschritte für die Erlaubnis im Bewachungsgewerbe.",
        "pdf",
        [
            "Unterrichtungsnachweis oder Sachkundeprüfung",
            "Führungszeugnis und Auskunft Gewerbezentralregister",
            "Haftpflichtversicherung",
        ],
    ),
    (
        "geldwaeschepraevention",
        _D.ARBEITSHILFE,
        "Merkblatt GwG für Gewerbetreibende",
        "bezirksregierung-duesseldorf",
        "Merkblatt zur Ausgabe bei der Gewerbeanmeldung: Pflichten der Verpflichteten nach dem GwG.",
        "pdf",
        ["Risikoanalyse", "Identifizierung der Vertragspartner", "Verdachtsmeldung an die FIU"],
    ),
    (
        "rotlicht",
        _D.CHECKLISTE,
        "Checkliste Kontrolle Prostitutionsstätte",
        "stadt-gelsenkirchen",
        "Prüfpunkte nach dem ProstSchG für Prostitutionsstätten.",
        "pdf",
        ["Erlaubnis der Prostitutionsstätte", "Anmeldebescheinigungen", "Mindestanforderungen an Räume"],
    ),
    (
        "informationsaustausch",
        _D.LEITFADEN,
        "Übersicht Übermittlungsbefugnisse Sozialleistungsbetrug",
        "im-nrw",
        "Tabellarische Übersicht zur Handreichung: wer darf was an wen übermitteln.",
        "docx",
        ["Übersicht zur Handreichung vom Dezember 2021."],
    ),
]

# (fachgebiet slug, kind, court, date, aktenzeichen, norms, headnote, status)
RECHTSTATSACHEN = [
    (
        "shisha",
        _R.BESCHLUSS,
        "VG Gelsenkirchen (Beispiel)",
        datetime.date(2022, 4, 12),
        "Beispiel 19 L 100/22",
        "§ 15 GastG; § 4 GastG",
        "Beispiel: Wiederholte Verstöße gegen den Nichtraucherschutz können die Unzuverlässigkeit eines "
        "Gaststättenbetreibers begründen.",
        _L.RECHTSKRAEFTIG,
    ),
    (
        "gluecksspiel",
        _R.BESCHLUSS,
        "OVG NRW (Beispiel)",
        datetime.date(2021, 11, 3),
        "Beispiel 4 B 200/21",
        "§ 33i GewO; § 15 GewO",
        "Beispiel: Die Untersagung des Betriebs einer Spielhalle ohne Erlaubnis nach "
        "§ 33i GewO ist sofort vollziehbar.",
        _L.RECHTSKRAEFTIG,
    ),
    (
        "gluecksspiel",
        _R.RECHTSTATSACHE,
        "Glücksspielstaatsvertrag 2021",
        datetime.date(2021, 7, 1),
        "",
        "GlüStV 2021",
        "Der Glücksspielstaatsvertrag 2021 ist am 1. Juli 2021 in Kraft getreten.",
        _L.RECHTSKRAEFTIG,
    ),
    (
        "vermoegensabschoepfung",
        _R.URTEIL,
        "LG Essen (Beispiel)",
        datetime.date(2022, 6, 20),
        "Beispiel 35 KLs 1/22",
        "§ 73 StGB; § 76a StGB",
        "Beispiel: Einziehung von Taterträgen auch bei unklarer Herkunft des Vermögens.",
        _L.NICHT_RECHTSKRAEFTIG,
    ),
    (
        "bedrohungsmanagement",
        _R.RECHTSTATSACHE,
        "Geschäftsstelle SiKo Ruhr",
        datetime.date(2021, 12, 31),
        "",
        "",
        "Mitte 2021 fanden acht Pilotveranstaltungen mit mehr als 80 Beschäftigten statt.",
        _L.RECHTSKRAEFTIG,
    ),
    (
        "aufenthaltsrecht",
        _R.BESCHLUSS,
        "VG Düsseldorf (Beispiel)",
        datetime.date(2022, 3, 8),
        "Beispiel 7 L 300/22",
        "§ 53 AufenthG; § 54 AufenthG",
        "Beispiel: Ausweisungsinteresse bei wiederholter erheblicher Straffälligkeit.",
        _L.RECHTSKRAEFTIG,
    ),
    (
        "verkehr",
        _R.URTEIL,
        "VG Münster (Beispiel)",
        datetime.date(2021, 5, 5),
        "Beispiel 10 K 400/20",
        "§ 31a StVZO",
        "Beispiel: Fahrtenbuchauflage nach nicht aufklärbarem Verkehrsverstoß mit Mietfahrzeug.",
        _L.UEBERHOLT,
    ),
    (
        "bewachungsgewerbe",
        _R.BESCHLUSS,
        "OVG NRW (Beispiel)",
        datetime.date(2022, 9, 14),
        "Beispiel 4 B 500/22",
        "§ 34a GewO",
        "Beispiel: Fehlende Zuverlässigkeit bei Beschäftigung nicht gemeldeten Wachpersonals.",
        _L.RECHTSKRAEFTIG,
    ),
    (
        "geldwaeschepraevention",
        _R.RECHTSTATSACHE,
        "Bezirksregierungen NRW",
        datetime.date(2021, 8, 31),
        "",
        "§ 43 GwG; § 50 GwG",
        "60 Kommunen haben ihre Mitwirkung an der Information bei der Gewerbeanmeldung zugesagt.",
        _L.RECHTSKRAEFTIG,
    ),
    (
        "rotlicht",
        _R.URTEIL,
        "AG Dortmund (Beispiel)",
        datetime.date(2022, 1, 25),
        "Beispiel 729 OWi 600/21",
        "§ 33 ProstSchG",
        "Beispiel: Bußgeld gegen Betreiber einer nicht erlaubten Prostitutionsstätte.",
        _L.NICHT_RECHTSKRAEFTIG,
    ),
]

EDITOR_EMAIL = "redaktion@hagen.de"
MEMBER_EMAIL = "nutzer@essen.de"


def _partner(slug: str) -> Partner | None:
    return Partner.objects.filter(slug=slug).first()


def _published(author) -> dict:
    when = timezone.make_aware(datetime.datetime(2022, 3, 1, 9, 0))
    return {
        "status": Status.PUBLISHED,
        "author": author,
        "submitted_at": when,
        "reviewed_by": author,
        "reviewed_at": when,
        "published_at": when,
    }


def _upload(title: str, file_kind: str, paragraphs: list[str]) -> SimpleUploadedFile:
    if file_kind == "docx":
        return SimpleUploadedFile(f"{title}.docx", docx_bytes(title, paragraphs))
    return SimpleUploadedFile(f"{title}.pdf", pdf_bytes(title, paragraphs))


def load(stdout) -> None:
    office = User.objects.get(email=demo_data.OFFICE_EMAIL)
    areas = {area.slug: area for area in Fachgebiet.objects.all()}
    created = 0
    for slug, kind, title, partner, stand, summary, body in ARTICLES:
        _, new = Article.objects.get_or_create(
            fachgebiet=areas[slug],
            title=title,
            defaults={
                "kind": kind,
                "partner": _partner(partner),
                "stand": stand,
                "summary": summary,
                "body": body,
                **_published(office),
            },
        )
        created += new
    for slug, kind, title, partner, description, file_kind, paragraphs in DOCUMENTS:
        if Document.objects.filter(fachgebiet=areas[slug], title=title).exists():
            continue
        with files_atomic() as files:
            document = Document.objects.create(
                fachgebiet=areas[slug],
                title=title,
                kind=kind,
                partner=_partner(partner),
                description=description,
                valid_from=datetime.date(2022, 1, 1),
                **_published(office),
            )
            version_add(
                document, upload=_upload(title, file_kind, paragraphs), user=office, note="Erstfassung", files=files
            )
        created += 1
    for slug, kind, court, date, aktenzeichen, norms, headnote, legal_status in RECHTSTATSACHEN:
        _, new = Rechtstatsache.objects.get_or_create(
            fachgebiet=areas[slug],
            court=court,
            aktenzeichen=aktenzeichen,
            decision_date=date,
            defaults={
                "kind": kind,
                "norms": norms,
                "headnote": headnote,
                "legal_status": legal_status,
                **_published(office),
            },
        )
        created += new
    _redaktion(areas["shisha"], office)
    created += _member_submissions(areas)
    stdout.write(f"  Fachgebiete-Inhalte: {created} neu angelegt; Redaktion Shisha: {EDITOR_EMAIL}")


def _redaktion(shisha: Fachgebiet, office) -> None:
    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    if editor is None or editor.has_perm("fachgebiete.edit_fachgebiet", shisha):
        return
    services.editor_grant(fachgebiet=shisha, user=editor, by=office, notify=False)


def _member_submissions(areas: dict[str, Fachgebiet]) -> int:
    """One returned and one waiting submission of the demo member, to show both sides of the review."""
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    if member is None:
        return 0
    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    submitted = timezone.make_aware(datetime.datetime(2022, 4, 4, 10, 0))
    _, returned = Article.objects.get_or_create(
        fachgebiet=areas["shisha"],
        title="Erfahrungsbericht: Kontrollen von Shisha-Bars in Essen-Altendorf",
        defaults={
            "kind": _A.ERFAHRUNGSBERICHT,
            "partner": member.partner,
            "author": member,
            "status": Status.RETURNED,
            "summary": "Drei gemeinsame Kontrollen mit Polizei und Zoll im ersten Quartal.",
            "body": "Bei drei Kontrollen wurden Verstöße gegen den Nichtraucherschutz und unversteuerter Tabak "
            "festgestellt.",
            "submitted_at": submitted,
            "reviewed_by": editor,
            "reviewed_at": submitted + datetime.timedelta(days=1),
            "review_comment": "Vielen Dank! Bitte ergänzen Sie, welche Behörden beteiligt waren und wie die Proben "
            "gesichert wurden – dann veröffentlichen wir den Bericht gern.",
        },
    )
    _, waiting = Rechtstatsache.objects.get_or_create(
        fachgebiet=areas["shisha"],
        court="VG Düsseldorf (Beispiel)",
        aktenzeichen="Beispiel 3 L 700/22",
        decision_date=datetime.date(2022, 3, 30),
        defaults={
            "kind": _R.BESCHLUSS,
            "norms": "§ 5 GastG",
            "author": member,
            "status": Status.SUBMITTED,
            "submitted_at": submitted,
            "headnote": "Beispiel: Auflage zur Kohlenmonoxid-Warnanlage in Shisha-Bars ist verhältnismäßig.",
            "legal_status": _L.NICHT_RECHTSKRAEFTIG,
        },
    )
    return int(returned) + int(waiting)
