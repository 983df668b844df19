"""Demo content of the Fachgebiete and the open rubrics: per Fachgebiet 8 Informationen, 8 Muster &
Arbeitshilfen (real PDF/DOCX/XLSX files, some in 2–3 versions, one "überholt") and 6 Rechtstatsachen;
per rubric the first two sections. The texts are data, one TOML file per Fachgebiet in
`inhalte/`; this module turns their entries into records.

Topics, statutes and facts come from the seeds (annual report 3.3–3.6, the Hagen council statement,
the slides); the statutes named (§ 33i GewO, GlüStV 2021, ProstSchG, GwG, § 34a GewO …) are real.
Court decisions are invented: plausible court and file number, and their summary says they are
fictitious. Dates are relative to the day of the run (`demo.dates`): the newest items are a few
days old, so "Neu im Portal" has something to show.

Idempotent: items are matched by Fachgebiet and title (Rechtstatsachen by court and file number);
files are generated only when their document is created, so a second run changes nothing.
"""

from __future__ import annotations

import datetime
import tomllib
from functools import cache
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from devtools.generate import docx_bytes, pdf_bytes, xlsx_bytes
from dokumente.services import files_atomic, version_add
from fachgebiete import fragments, services
from fachgebiete.models import Article, Document, DocumentVersion, Fachgebiet, Rechtstatsache, Status
from partner.models import Partner, User

from . import data as demo_data
from .dates import at

_A = Article.Kind
_R = Rechtstatsache.Kind
_L = Rechtstatsache.LegalStatus

# One TOML file per Fachgebiet or rubric, named after its slug: [[informationen]], [[muster]] and
# [[rechtstatsachen]] tables. Kinds and legal status are written as the site shows them.
CONTENT_DIR = Path(__file__).resolve().parent / "inhalte"
ARTICLE_KINDS = {label: value for value, label in Article.Kind.choices}
DOCUMENT_KINDS = {label: value for value, label in Document.Kind.choices}
DECISION_KINDS = {label: value for value, label in Rechtstatsache.Kind.choices}
LEGAL_STATUS = {label: value for value, label in Rechtstatsache.LegalStatus.choices}
FICTITIOUS = (
    "Erfundene Entscheidung für die Demo-Umgebung: Gericht, Normen und Rechtsfrage sind realistisch, "
    "Aktenzeichen, Datum und Beteiligte sind frei erfunden."
)
VERSION_NOTES = {
    1: "Erstfassung",
    2: "Hinweise aus dem Facharbeitskreis eingearbeitet",
    3: "Aktualisiert: Rechtsprechung und Kontaktdaten auf aktuellem Stand",
}

EDITOR_EMAIL = "redaktion@hagen.de"
MEMBER_EMAIL = "nutzer@essen.de"


@cache
def content(slug: str) -> dict[str, list[dict]]:
    with (CONTENT_DIR / f"{slug}.toml").open("rb") as handle:
        return tomllib.load(handle)


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def days_ago(fachgebiet_index: int, position: int, section: int) -> int:
    """Spread the items of a section over the last two months; the first of each is days old."""
    return 1 + position * 8 + (fachgebiet_index + section) % 4


def _published(author, when: datetime.datetime) -> dict:
    return {
        "status": Status.PUBLISHED,
        "author": author,
        "submitted_at": when - datetime.timedelta(hours=3),
        "reviewed_by": author,
        "reviewed_at": when,
        "published_at": when,
        "created_at": when - datetime.timedelta(hours=3),
    }


def file_upload(title: str, file_type: str, text: str, note: str = "") -> SimpleUploadedFile:
    """A real file of `file_type` (pdf, docx, xlsx): the title, then one paragraph per line of
    `text` ("a | b | c" lines form a table) and the version note last."""
    lines = [line.strip() for line in text.splitlines() if line.strip()] + ([note] if note else [])
    paragraphs = [line for line in lines if " | " not in line]
    table = [[cell.strip() for cell in line.split(" | ")] for line in lines if " | " in line]
    if file_type == "xlsx":
        data = xlsx_bytes(title, table + [[line] for line in paragraphs])
    elif file_type == "docx":
        data = docx_bytes(title, paragraphs, table or None)
    else:
        data = pdf_bytes(title, [" – ".join(row) for row in table] + paragraphs)
    return SimpleUploadedFile(f"{title}.{file_type}", data)


def _articles(fachgebiet: Fachgebiet, index: int, entries: list[dict], partners: dict, author) -> int:
    created = 0
    for position, entry in enumerate(entries):
        when = at(-days_ago(index, position, 0), 9 + position % 7)
        _, new = Article.objects.get_or_create(
            fachgebiet=fachgebiet,
            title=entry["titel"],
            defaults={
                "kind": ARTICLE_KINDS[entry["art"]],
                "partner": partners.get(entry["behoerde"]),
                "stand": when.date(),
                "summary": entry["kurzfassung"].strip(),
                "body": entry["text"].strip(),
                **_published(author, when),
            },
        )
        created += new
    return created


def _document(fachgebiet: Fachgebiet, index: int, rank: int, entry: dict, partners: dict, author) -> None:
    """Published `rank` slots back; later versions follow until a few days ago."""
    count = entry.get("versionen", 1)
    first = at(-days_ago(index, rank, 1), 8 + rank % 8, 30)
    latest = at(-(2 + (index + rank) % 5), 14) if count > 1 else first
    with files_atomic() as files:
        document = Document.objects.create(
            fachgebiet=fachgebiet,
            title=entry["titel"],
            kind=DOCUMENT_KINDS[entry["art"]],
            partner=partners.get(entry["behoerde"]),
            description=entry["beschreibung"].strip(),
            valid_from=latest.date(),
            **_published(author, first),
        )
        for number in range(1, count + 1):
            when = first + (latest - first) * (number - 1) / max(count - 1, 1)
            when = at((local_day(when) - timezone.localdate()).days, when.hour, when.minute)
            note = VERSION_NOTES[number]
            upload = file_upload(
                entry["titel"], entry["datei"], entry["inhalt"], f"Fassung {number} vom {when:%d.%m.%Y}: {note}."
            )
            version = version_add(document, upload=upload, user=author, note=note, files=files)
            DocumentVersion.objects.filter(pk=version.pk).update(created_at=when)
        if "ueberholt" in entry:
            Document.objects.filter(pk=document.pk).update(
                is_superseded=True,
                superseded_reason=entry["ueberholt"],
                superseded_at=min(latest + datetime.timedelta(days=14), timezone.now()),
            )
            fragments.bump([document.fachgebiet_id])  # update() sends no signal


def _rechtstatsachen(fachgebiet: Fachgebiet, index: int, entries: list[dict], author) -> int:
    created = 0
    for position, entry in enumerate(entries):
        kind = DECISION_KINDS[entry["art"]]
        _, new = Rechtstatsache.objects.get_or_create(
            fachgebiet=fachgebiet,
            court=entry["gericht"],
            aktenzeichen=entry.get("az", ""),
            decision_date=entry["datum"],
            defaults={
                "kind": kind,
                "norms": entry.get("normen", ""),
                "headnote": entry["leitsatz"].strip(),
                "summary": entry.get("zusammenfassung", "" if kind == _R.RECHTSTATSACHE else FICTITIOUS),
                "legal_status": LEGAL_STATUS[entry.get("rechtskraft", "rechtskräftig")],
                **_published(author, at(-days_ago(index, position, 2), 14)),
            },
        )
        created += new
    return created


def load(stdout) -> None:
    office = User.objects.get(email=demo_data.OFFICE_EMAIL)
    partners = {partner.slug: partner for partner in Partner.objects.all()}
    # Earlier versions of the demo named invented decisions "VG … (Beispiel)"; they give way to the new ones.
    Rechtstatsache.objects.filter(aktenzeichen__startswith="Beispiel ").delete()
    created = 0
    for index, fachgebiet in enumerate(Fachgebiet.objects.order_by("kind", "position", "pk")):
        sections = content(fachgebiet.slug)
        created += _articles(fachgebiet, index, sections["informationen"], partners, office)
        # The newest slots go to documents in their first version; revised and überholt ones are older.
        documents = sorted(sections["muster"], key=lambda entry: ("ueberholt" in entry, "versionen" in entry))
        for rank, entry in enumerate(documents):
            if not Document.objects.filter(fachgebiet=fachgebiet, title=entry["titel"]).exists():
                _document(fachgebiet, index, rank, entry, partners, office)
                created += 1
        created += _rechtstatsachen(fachgebiet, index, sections.get("rechtstatsachen", []), office)
    _redaktion(Fachgebiet.objects.get(slug="shisha"), office)
    created += _member_submissions({fachgebiet.slug: fachgebiet for fachgebiet in Fachgebiet.objects.all()})
    stdout.write(f"  Fachgebiete-Inhalte: {created} neu angelegt; Redaktion Shisha: {EDITOR_EMAIL}")


def _redaktion(shisha: Fachgebiet, office) -> None:
    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    if editor is None or editor.has_perm("fachgebiete.edit_fachgebiet", shisha):
        return
    services.editor_grant(fachgebiet=shisha, user=editor, by=office, notify=False)


def _member_submissions(fachgebiete: dict[str, Fachgebiet]) -> int:
    """One returned and one waiting submission of the demo member, to show both sides of the review."""
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    if member is None:
        return 0
    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    submitted = at(-3, 10)
    _, returned = Article.objects.get_or_create(
        fachgebiet=fachgebiete["shisha"],
        title="Erfahrungsbericht: Kontrollen von Shisha-Bars in Essen-Altendorf",
        defaults={
            "kind": _A.ERFAHRUNGSBERICHT,
            "partner": member.partner,
            "author": member,
            "status": Status.RETURNED,
            "summary": "Drei gemeinsame Kontrollen mit Polizei und Zoll im letzten Quartal.",
            "body": "Bei drei Kontrollen wurden Verstöße gegen den Nichtraucherschutz und unversteuerter Tabak "
            "festgestellt.",
            "created_at": submitted,
            "submitted_at": submitted,
            "reviewed_by": editor,
            "reviewed_at": at(-2, 11),
            "review_comment": "Vielen Dank! Bitte ergänzen Sie, welche Behörden beteiligt waren und wie die Proben "
            "gesichert wurden – dann veröffentlichen wir den Bericht gern.",
        },
    )
    _, waiting = Rechtstatsache.objects.get_or_create(
        fachgebiet=fachgebiete["shisha"],
        court="VG Düsseldorf",
        aktenzeichen="3 L 1702/24",
        decision_date=datetime.date(2024, 8, 27),
        defaults={
            "kind": _R.BESCHLUSS,
            "norms": "§ 5 GastG",
            "author": member,
            "status": Status.SUBMITTED,
            "created_at": at(-1, 15),
            "submitted_at": at(-1, 15),
            "headnote": "Die Auflage, in einer Shisha-Bar eine Kohlenmonoxid-Warnanlage zu betreiben, ist "
            "verhältnismäßig.",
            "summary": FICTITIOUS,
            "legal_status": _L.NICHT_RECHTSKRAEFTIG,
        },
    )
    return int(returned) + int(waiting)
