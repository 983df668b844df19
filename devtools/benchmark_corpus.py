"""A realistic, reproducible corpus for `manage.py benchmark_search` (and its smoke test).

What it builds (for `documents=100_000`, the default of the benchmark):

- the nine Fachgebiete of the demo (`demo.data.FACHGEBIETE`; the three rubrics exist after migrate),
  the demo glossary, ~40 authorities (the demo's partners plus customs offices, police headquarters …);
- `users` admitted accounts spread over the authorities, ~10 % listed as contact persons, a few
  Redaktion grants per Fachgebiet;
- `arbeitskreise` closed areas (Facharbeitskreise and projects, some confidential, a few archived); the two
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
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from demo import glossary as demo_glossary
from dokumente.models import StoredFile, TextStatus
from facharbeitskreise.models import (
    ArbeitskreisDocument,
    ArbeitskreisDocumentVersion,
    Meeting,
    Post,
    Thread,
)
from fachgebiete.models import (
    Article,
    ArticleAttachment,
    Document,
    DocumentVersion,
    Fachgebiet,
    Rechtstatsache,
    Status,
)
from partner.models import User
from suche import index as search_index

from .corpus_people import BATCH, PeopleBuilder
from .corpus_text import CITIES, COURTS, NORMS, REGISTERS, chunks, random_date, random_moment

# A decision every run contains (the benchmark searches for its Aktenzeichen and norm).
KNOWN_AKTENZEICHEN = "4 B 1234/21"
KNOWN_NORMS = "§ 33i GewO; § 15 GewO"

# --- The corpus --------------------------------------------------------------------------------


@dataclass
class Corpus:
    member: User
    multi_member: User
    counts: dict[str, int]
    seconds: float


class Builder(PeopleBuilder):
    """The corpus: the people and areas of PeopleBuilder, then the content items."""

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
        for chunk in chunks(range(count), BATCH):
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
        for chunk in chunks(range(count), BATCH):
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
        for chunk in chunks(range(count), BATCH):
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
                        f"{rng.randint(1, 22)} {rng.choice(REGISTERS)} {rng.randint(100, 9999)}/{rng.randint(15, 25)}"
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

    def arbeitskreis_documents(self, count, arbeitskreise, users) -> None:
        rng = self.rng
        made = 0
        for chunk in chunks(range(count), BATCH):
            rows, files = [], []
            for _ in chunk:
                arbeitskreis = rng.choice(arbeitskreise)
                author = rng.choice(users)
                moment = random_moment(rng)
                is_result = rng.random() < 0.1
                title_word = rng.choice(["Protokoll", "Präsentation", "Entwurf", "Handreichung", "Auswertung", "Notiz"])
                rows.append(
                    ArbeitskreisDocument(
                        arbeitskreis=arbeitskreis,
                        title=f"{title_word} {arbeitskreis.name} {moment:%m/%Y}"[:200],
                        description=self.texts.line("", 240),
                        is_result=is_result,
                        created_by=author,
                        created_at=moment,
                        updated_at=moment,
                    )
                )
                files.append(self.stored_file("", author))
            with transaction.atomic():
                created = ArbeitskreisDocument.objects.bulk_create(rows)
                stored = StoredFile.objects.bulk_create(files)
                ArbeitskreisDocumentVersion.objects.bulk_create(
                    [
                        ArbeitskreisDocumentVersion(
                            document=document, number=1, file=file, created_by=document.created_by
                        )
                        for document, file in zip(created, stored, strict=True)
                    ]
                )
            made += len(created)
        self.counts["Dokumente der Bereiche"] = made

    def meetings_and_threads(self, arbeitskreise, users) -> None:
        rng = self.rng
        meetings, threads, posts = [], [], []
        for arbeitskreis in arbeitskreise:
            for _ in range(8):
                start = random_moment(rng)
                meetings.append(
                    Meeting(
                        arbeitskreis=arbeitskreis,
                        title=f"Sitzung {arbeitskreis.name} {start:%d.%m.%Y}"[:200],
                        starts_at=start,
                        ends_at=start + datetime.timedelta(hours=2),
                        location=f"{rng.choice(CITIES)}, Rathaus, Raum {rng.randint(1, 400)}",
                        agenda=self.texts.text("", 300, 800),
                    )
                )
            for _ in range(12):
                threads.append(
                    Thread(
                        arbeitskreis=arbeitskreis,
                        title=self.texts.line("", 120),
                        created_by=rng.choice(users),
                        post_count=3,
                    )
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
                arbeitskreise = self.arbeitskreise()
                self.grants(arbeitskreise, users)
                self.meetings_and_threads(arbeitskreise, users)
                self.counts["Glossarbegriffe"] = demo_glossary.load()
            self.out(f"  Stammdaten, Konten und Bereiche: {time.monotonic() - started:.1f} s")
            total = max(self.documents, 4)
            n_rt = max(total // 10, 1)
            n_arbeitskreis = max(total // 10, 1)
            n_articles = (total - n_rt - n_arbeitskreis) // 2
            n_documents = total - n_rt - n_arbeitskreis - n_articles
            steps = [
                ("Informationen", lambda: self.articles(n_articles, fachgebiete, rubriken, users, partner_of)),
                ("Muster", lambda: self.documents_(n_documents, fachgebiete, rubriken, users, partner_of)),
                ("Rechtstatsachen", lambda: self.rechtstatsachen(n_rt, fachgebiete, users, partner_of)),
                ("Bereichsdokumente", lambda: self.arbeitskreis_documents(n_arbeitskreis, arbeitskreise, users)),
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
    *, documents: int, users: int, arbeitskreise: int, seed: int = 1, out: Callable[[str], None] = lambda line: None
) -> Corpus:
    """Fill the current database with the corpus (index suspended; call `search.index.reindex()` afterwards)."""
    from common import generations
    from facharbeitskreise import overview
    from facharbeitskreise.recent import AREA_NEWS
    from fachgebiete.fragments import bump
    from partner import listing

    corpus = Builder(documents=documents, users=users, arbeitskreise=arbeitskreise, seed=seed, out=out).build()
    bump()  # bulk_create sends no signals: no cached list page may outlive the new rows
    listing.bump()  # the accounts' contact counts on "Behörden & Institutionen" too
    overview.bump()  # and the areas' documents, meetings and discussions
    generations.changed(AREA_NEWS)  # nor a start page kept before the meetings were written
    return corpus
