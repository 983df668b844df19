"""Demo content of the closed areas: members, meetings with minutes, documents and a discussion.

Called by `manage.py load_demo` after the areas and accounts exist. Idempotent: grants are only
added where missing, everything else is matched by area and title. No notification mails: the
items are created directly, not through the services that announce news.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dokumente.generate import docx_bytes, pdf_bytes
from dokumente.services import files_atomic, version_add
from facharbeitskreise import services
from facharbeitskreise.access import Role, member_roles
from facharbeitskreise.models import Arbeitsbereich, AreaDocument, Attendance, Meeting, Post, Thread
from partner.models import User

from . import demo_data

SHISHA = "shisha"
PROJEKT = "informationsaustausch-sozialleistungsbetrug"

# (area slug, e-mail, role)
MEMBERS = [
    (SHISHA, "ak-leitung@dortmund.de", Role.LEITUNG),
    (SHISHA, "ak-mitglied@polizei.nrw.de", Role.MITGLIED),
    (SHISHA, "lea.krause@stadt-duisburg.de", Role.MITWIRKEND),
    (SHISHA, "stefan.richter@bochum.de", Role.MITWIRKEND),
    (SHISHA, "andrea.lang@zoll.bund.de", Role.MITGLIED),
    (PROJEKT, "andrea.lang@zoll.bund.de", Role.LEITUNG),
    (PROJEKT, "ak-mitglied@polizei.nrw.de", Role.MITWIRKEND),
    (PROJEKT, "thorsten.wolff@fv.nrw.de", Role.MITWIRKEND),
    (PROJEKT, "julia.brandt@kreis-re.de", Role.MITGLIED),
    ("rotlicht", "stefan.richter@bochum.de", Role.LEITUNG),
    ("rotlicht", "lea.krause@stadt-duisburg.de", Role.MITGLIED),
    ("gluecksspiel", "lea.krause@stadt-duisburg.de", Role.LEITUNG),
    ("bewachungsgewerbe", "stefan.richter@bochum.de", Role.LEITUNG),
    ("vermoegensabschoepfung-durch-kommunen", "thorsten.wolff@fv.nrw.de", Role.LEITUNG),
    ("praevention", "ak-leitung@dortmund.de", Role.LEITUNG),
    ("aufenthaltsrecht", "julia.brandt@kreis-re.de", Role.LEITUNG),
    ("praeventionsprojekt-360", "ak-leitung@dortmund.de", Role.LEITUNG),
]


def _aware(year, month, day, hour=10, minute=0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _document(area, title: str, *, filename: str, data: bytes, author: User, description="", is_result=False):
    document = AreaDocument.objects.filter(area=area, title=title).first()
    if document is not None:
        return document
    with files_atomic() as files:
        document = AreaDocument.objects.create(
            area=area, title=title, description=description, is_result=is_result, created_by=author
        )
        version_add(document, upload=SimpleUploadedFile(filename, data), user=author, files=files)
    return document


def _meeting(area, title: str, *, starts_at, hours=2.5, author, **fields) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(
        area=area,
        title=title,
        defaults={
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=hours),
            "created_by": author,
            **fields,
        },
    )
    return meeting


def _grant_members(office: User) -> int:
    granted = 0
    areas = {area.slug: area for area in Arbeitsbereich.objects.all()}
    for slug, email, role in MEMBERS:
        area = areas[slug]
        user = _user(email)
        if member_roles(area).get(user.pk) != role:
            services.grant_role(area=area, role=role, actor=office, user=user, reason="Demo-Daten", notify=False)
            granted += 1
    return granted


def _shisha() -> None:
    area = Arbeitsbereich.objects.get(slug=SHISHA)
    lead, member, duisburg, bochum = (
        _user(e)
        for e in (
            "ak-leitung@dortmund.de",
            "ak-mitglied@polizei.nrw.de",
            "lea.krause@stadt-duisburg.de",
            "stefan.richter@bochum.de",
        )
    )
    _document(
        area,
        "Checkliste für konzentrierte Kontrollen von Shisha-Bars",
        filename="Checkliste Kontrolle Shisha-Bar.docx",
        data=docx_bytes(
            "Checkliste: Konzentrierte Kontrolle einer Shisha-Bar",
            [
                "Die Checkliste bündelt die Prüfpunkte der beteiligten Behörden bei einer gemeinsamen Kontrolle.",
                "Vor Ort: Kohlenmonoxid-Messung zuerst, erst danach weitere Prüfungen.",
            ],
            table=[
                ["Behörde", "Prüfpunkt", "Rechtsgrundlage"],
                ["Ordnungsamt", "Gaststättenerlaubnis, Jugendschutz", "GastG, JuSchG"],
                ["Hauptzollamt", "Tabaksteuer, unversteuerter Wasserpfeifentabak", "TabStG"],
                ["Polizei", "Identitätsfeststellung, Fahndungsabgleich", "PolG NRW"],
                ["Feuerwehr", "CO-Messung, Rauchabzug", "BauO NRW"],
            ],
        ),
        author=duisburg,
        description="Zusammengestellt aus den Erfahrungen der Städte Duisburg, Essen und Gelsenkirchen.",
        is_result=True,
    )
    minutes_1 = _document(
        area,
        "Protokoll der 1. Sitzung (Mai 2021)",
        filename="Protokoll FAK Shisha 2021-05.pdf",
        data=pdf_bytes(
            "Facharbeitskreis Shisha – Protokoll der 1. Sitzung",
            [
                "Teilnehmende: Vertreterinnen und Vertreter der Städte Dortmund, Duisburg, Bochum und Essen, "
                "des Polizeipräsidiums Gelsenkirchen und des Hauptzollamts Dortmund.",
                "TOP 1: Vorstellung der Good-Practice-Beispiele der beteiligten Kommunen.",
                "TOP 2: Abstimmung einer gemeinsamen Checkliste für konzentrierte Kontrollen.",
                "Ergebnis: Die Stadt Duisburg erstellt einen Entwurf der Checkliste bis zur nächsten Sitzung.",
            ],
        ),
        author=lead,
    )
    minutes_2 = _document(
        area,
        "Protokoll der 2. Sitzung (September 2021)",
        filename="Protokoll FAK Shisha 2021-09.pdf",
        data=pdf_bytes(
            "Facharbeitskreis Shisha – Protokoll der 2. Sitzung",
            [
                "TOP 1: Die Checkliste für konzentrierte Kontrollen wird verabschiedet.",
                "TOP 2: Erfahrungen mit Kohlenmonoxid-Warngeräten bei Kontrollen; Empfehlung zur Ausstattung.",
                "TOP 3: Austausch zur Tabaksteuer auf Wasserpfeifentabak mit dem Hauptzollamt Dortmund.",
            ],
        ),
        author=lead,
    )
    first = _meeting(
        area,
        "1. Sitzung des Facharbeitskreises Shisha",
        starts_at=_aware(2021, 5, 5),
        author=lead,
        video_url="https://video.example.org/fak-shisha",
        agenda="1. Begrüßung und Vorstellungsrunde\n2. Good-Practice-Beispiele der Kommunen\n3. Arbeitsplanung 2021",
        minutes=minutes_1,
    )
    second = _meeting(
        area,
        "2. Sitzung des Facharbeitskreises Shisha",
        starts_at=_aware(2021, 9, 8),
        author=lead,
        location="Rathaus Dortmund, Friedensplatz 1, Raum 304",
        agenda="1. Protokoll der 1. Sitzung\n2. Checkliste für konzentrierte Kontrollen\n3. Kohlenmonoxid-Warngeräte",
        minutes=minutes_2,
    )
    for meeting in (first, second):
        for user, status in (
            (lead, "anwesend"),
            (member, "anwesend"),
            (duisburg, "anwesend"),
            (bochum, "entschuldigt"),
        ):
            Attendance.objects.get_or_create(meeting=meeting, user=user, defaults={"status": status})
    upcoming = timezone.localtime() + datetime.timedelta(days=21)
    _meeting(
        area,
        "3. Sitzung des Facharbeitskreises Shisha",
        starts_at=upcoming.replace(hour=10, minute=0, second=0, microsecond=0),
        author=lead,
        location="Polizeipräsidium Gelsenkirchen, Overwegstraße 35, Besprechungsraum E.12",
        agenda=("1. Protokoll der 2. Sitzung\n2. Erfahrungsberichte zur Anwendung der Checkliste\n3. Verschiedenes"),
    )


def _projekt() -> None:
    area = Arbeitsbereich.objects.get(slug=PROJEKT)
    zoll, polizei, steuer, kreis = (
        _user(e)
        for e in (
            "andrea.lang@zoll.bund.de",
            "ak-mitglied@polizei.nrw.de",
            "thorsten.wolff@fv.nrw.de",
            "julia.brandt@kreis-re.de",
        )
    )
    _document(
        area,
        "Handreichung: Eigeninitiierter Informationsaustausch beim Sozialleistungsbetrug",
        filename="Handreichung Informationsaustausch Sozialleistungsbetrug.pdf",
        data=pdf_bytes(
            "Handreichung zum intra- und interbehördlichen Informationsaustausch – Sozialleistungsbetrug",
            [
                "Die Handreichung stellt für Landespolizei, Bundespolizei, Zoll, Finanzverwaltung, "
                "Jobcenter/Arbeitsagentur, Jugendamt, Schulamt, Ausländeramt, Gewerbeamt und weitere "
                "kommunale Stellen die gesetzlichen Bestimmungen für einen eigeninitiierten "
                "Informationsaustausch zusammen.",
                "Für jede Behörde: Welche Daten darf sie von sich aus übermitteln, an wen, auf welcher "
                "Rechtsgrundlage – und wo endet die Befugnis?",
                "Stand: Dezember 2021.",
            ],
        ),
        author=zoll,
        description="Im Dezember 2021 veröffentlichtes Ergebnis des Projekts.",
        is_result=True,
    )
    _document(
        area,
        "Übersicht Übermittlungsbefugnisse (Arbeitsstand)",
        filename="Übersicht Übermittlungsbefugnisse.docx",
        data=docx_bytes(
            "Übersicht der Übermittlungsbefugnisse",
            ["Arbeitsstand der Projektgruppe, nicht zur Weitergabe."],
            table=[
                ["Von", "An", "Rechtsgrundlage"],
                ["Jobcenter", "Polizei", "§ 68, § 69 SGB X"],
                ["Finanzverwaltung", "Sozialleistungsträger", "§ 31a AO"],
                ["Hauptzollamt (FKS)", "Jobcenter", "§ 6 SchwarzArbG"],
            ],
        ),
        author=steuer,
    )
    _meeting(
        area,
        "Abstimmung der Handreichung mit den Jobcentern",
        starts_at=_aware(2021, 11, 17, 13),
        hours=2,
        author=zoll,
        video_url="https://video.example.org/projekt-slb",
        agenda="1. Rückmeldungen der Jobcenter\n2. Endredaktion der Handreichung\n3. Veröffentlichung im Portal",
    )
    if not Thread.objects.filter(area=area, title="Übermittlung vom Jobcenter an die Polizei").exists():
        start = _aware(2021, 10, 4, 9, 12)
        thread = Thread.objects.create(
            area=area,
            title="Übermittlung vom Jobcenter an die Polizei",
            created_by=polizei,
            created_at=start,
            last_post_at=start,
        )
        posts = [
            (
                polizei,
                "Bei uns kam die Frage auf, ob das Jobcenter von sich aus Hinweise auf Leistungsmissbrauch an die "
                "Polizei geben darf oder nur auf Ersuchen. Wie handhaben Sie das?",
            ),
            (
                zoll,
                "Grundsätzlich nur im Rahmen der **§§ 67 ff. SGB X**; für Schwarzarbeit hat die FKS über "
                "§ 6 SchwarzArbG eigene Befugnisse. Ich nehme die Frage für die Handreichung auf.",
            ),
            (
                steuer,
                "Aus Sicht der Steuerfahndung: Wenn Hinweise auf Steuerhinterziehung vorliegen, gilt zusätzlich "
                "§ 31a AO. Ich ergänze die Übersicht.",
            ),
            (kreis, "Für die Ausländerbehörden wäre ein eigener Abschnitt hilfreich – wir liefern gern zu."),
        ]
        for offset, (author, body) in enumerate(posts):
            Post.objects.create(
                thread=thread, author=author, body=body, created_at=start + datetime.timedelta(hours=offset * 5)
            )
        Thread.objects.filter(pk=thread.pk).update(
            post_count=len(posts), last_post_at=start + datetime.timedelta(hours=(len(posts) - 1) * 5)
        )


def load(stdout) -> None:
    office = User.objects.get(email=demo_data.OFFICE_EMAIL)
    granted = _grant_members(office)
    _shisha()
    _projekt()
    stdout.write(
        f"  Facharbeitskreise: {granted} Zugänge neu vergeben, {AreaDocument.objects.count()} Dokumente, "
        f"{Meeting.objects.count()} Sitzungen, {Thread.objects.count()} Diskussionen"
    )
