"""What the global search finds in the Fachgebiete, the open rubrics and the glossary.

Each source hands the search its model, the queryset the app's own views use to decide who sees
what (`visible`), and what to store for an item (`entry`). The search never decides access itself:
it joins its entries back to `visible(user)` at query time. So every status of a contribution is
indexed – a submission is found by its author and the Redaktion, exactly as its page is shown to them.

The protocol is in `suche.sources`; of the search this app imports only the entry it returns
(`suche.entry`), never the portal.
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from common import rubrics
from common.markdown import markdown_to_text
from partner.models import Partner
from suche.entry import Entry

from .models import (
    Article,
    ArticleAttachment,
    Document,
    DocumentVersion,
    Fachgebiet,
    GlossaryTerm,
    Rechtstatsache,
    Status,
)
from .models.content import Contribution

TITLE_LENGTH = 300


def join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def local_date(moment):
    return timezone.localdate(moment) if moment is not None else None


class ContributionSource:
    """What the three sections share: Fachgebiet, rubric facet, authority and review state."""

    model: type[Contribution]
    label = ""
    # The words people type for this kind of item ("Urteil Spielhalle", "Muster Anhörung").
    type_words = ""

    def visible(self, user) -> QuerySet:
        return self.model.objects.visible_to(user)

    def context(self, item: Contribution) -> str:
        """The line under the title, e.g. "Shisha · Muster & Arbeitshilfen". Items not (or no longer)
        online say so: only their author, the Redaktion and the Geschäftsstelle ever see them. So do
        outdated ones, with their successor (`outdated`)."""
        parts = [item.fachgebiet.name, item.section_label]
        if item.status != Status.PUBLISHED:
            parts.append(item.get_status_display())
        parts += self.outdated(item)
        return " · ".join(parts)[:TITLE_LENGTH]

    def outdated(self, item: Contribution) -> list[str]:
        return []

    def base_entry(self, item: Contribution) -> Entry:
        fachgebiet = item.fachgebiet
        return Entry(
            title=str(item.title)[:TITLE_LENGTH],
            url=item.get_absolute_url(),
            context=self.context(item),
            words=join(*self.words(item)),
            rubric=fachgebiet.slug if fachgebiet.is_rubrik else rubrics.FACHGEBIETE.slug,
            fachgebiet_id=fachgebiet.pk,
            partner_id=getattr(item, "partner_id", None),
        )

    def words(self, item: Contribution) -> list[str]:
        """Type words, the Fachgebiet and the authority: "Muster Shisha Zoll" narrows by each. Only to
        find the item by – a snippet never shows them."""
        parts = [self.type_words, item.get_kind_display(), item.fachgebiet.name]
        partner = getattr(item, "partner", None)
        if partner is not None:
            parts += [partner.name, partner.short_name, partner.get_type_display()]
        return parts

    @staticmethod
    def in_fachgebiet(model, fachgebiet: Fachgebiet) -> QuerySet:
        # By id: on post_delete the Fachgebiet's related managers must not be relied on.
        return model.objects.filter(fachgebiet_id=fachgebiet.pk)


class ArticleSource(ContributionSource):
    kind = "information"
    label = "Information"
    label_plural = "Informationen"
    model = Article
    type_words = "Information Informationen Beitrag"

    def indexable(self) -> QuerySet:
        return Article.objects.select_related("fachgebiet", "partner").prefetch_related(
            Prefetch("attachments", queryset=ArticleAttachment.objects.select_related("file"))
        )

    def entry(self, article: Article) -> Entry:
        return replace(
            self.base_entry(article),
            b=article.summary,
            c=markdown_to_text(article.body),
            d=join(*(attachment.file.searchable_text for attachment in article.attachments.all())),
            date=local_date(article.published_at) or article.stand,
        )

    def dependents(self) -> dict:
        return {
            ArticleAttachment: lambda attachment: Article.objects.filter(pk=attachment.article_id),
            Fachgebiet: lambda fachgebiet: self.in_fachgebiet(Article, fachgebiet),
            Partner: lambda partner: Article.objects.filter(partner_id=partner.pk),
        }

    def for_files(self, file_ids) -> QuerySet:
        return Article.objects.filter(attachments__file_id__in=file_ids).distinct()


class DocumentSource(ContributionSource):
    kind = "muster"
    label = "Muster / Arbeitshilfe"
    label_plural = "Muster & Arbeitshilfen"
    model = Document
    type_words = "Muster Arbeitshilfe Vorlage Dokument"

    def outdated(self, document: Document) -> list[str]:
        if not document.is_superseded:
            return []
        successor = document.current_successor
        return ["ÜBERHOLT" + (f" – Nachfolger: {successor.title}" if successor is not None else "")]

    def indexable(self) -> QuerySet:
        return Document.objects.select_related("fachgebiet", "partner", "successor").prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.select_related("file"))
        )

    def entry(self, document: Document) -> Entry:
        b, words = [document.description], self.words(document)
        if document.is_superseded:
            b.append(document.superseded_reason)
            words.append("überholt")
        current = document.current_version  # from the prefetched versions
        return replace(
            self.base_entry(document),
            b=join(*b),
            words=join(*words),
            # Older versions are history: their text would find what the document no longer says.
            d=current.file.searchable_text if current is not None else "",
            date=document.valid_from,
        )

    def dependents(self) -> dict:
        return {
            DocumentVersion: lambda version: Document.objects.filter(pk=version.document_id),
            # A successor's title or publication shows in its predecessors' entries.
            Document: lambda successor: Document.objects.filter(successor_id=successor.pk),
            Fachgebiet: lambda fachgebiet: self.in_fachgebiet(Document, fachgebiet),
            Partner: lambda partner: Document.objects.filter(partner_id=partner.pk),
        }

    def for_files(self, file_ids) -> QuerySet:
        return Document.objects.filter(versions__file_id__in=file_ids).distinct()


class RechtstatsacheSource(ContributionSource):
    kind = "rechtstatsache"
    label = "Rechtstatsache"
    label_plural = "Rechtstatsachen"
    model = Rechtstatsache
    type_words = "Rechtstatsache Rechtsprechung Entscheidung"

    def indexable(self) -> QuerySet:
        # Rubrics have no Rechtstatsachen section: such a record (admin only) has no page to link to.
        return Rechtstatsache.objects.filter(fachgebiet__kind=Fachgebiet.Kind.FACHGEBIET).select_related(
            "fachgebiet", "file", "follow_up"
        )

    def outdated(self, record: Rechtstatsache) -> list[str]:
        if record.is_current:
            return []
        follow_up = record.current_follow_up
        status = record.get_legal_status_display().upper()
        return [status + (f" – Folgeentscheidung: {follow_up.title}" if follow_up is not None else "")]

    def entry(self, record: Rechtstatsache) -> Entry:
        norms = record.norm_list
        return replace(
            self.base_entry(record),
            a=join(record.aktenzeichen, *norms),
            b=record.headnote,
            c=markdown_to_text(record.summary),
            words=join(record.court, record.get_legal_status_display(), *self.words(record)),
            d=record.file.searchable_text if record.file is not None else "",
            keys=[key for key in [record.aktenzeichen, *norms] if key],
            date=record.decision_date,
        )

    def dependents(self) -> dict:
        return {
            Fachgebiet: lambda fachgebiet: self.in_fachgebiet(Rechtstatsache, fachgebiet),
            Rechtstatsache: lambda follow_up: Rechtstatsache.objects.filter(follow_up_id=follow_up.pk),
        }

    def for_files(self, file_ids) -> QuerySet:
        return Rechtstatsache.objects.filter(file_id__in=file_ids)


class GlossarySource:
    kind = "glossar"
    label = "Glossarbegriff"
    label_plural = "Glossar"
    model = GlossaryTerm

    def visible(self, user) -> QuerySet:
        # The glossary serves every admitted member: its list and pages show all terms.
        return GlossaryTerm.objects.all()

    def indexable(self) -> QuerySet:
        return GlossaryTerm.objects.all()

    def entry(self, term: GlossaryTerm) -> Entry:
        return Entry(
            title=term.term[:TITLE_LENGTH],
            url=term.get_absolute_url(),
            context="Glossar",
            a=join(*term.synonym_list),
            # The definition is what a glossary hit shows.
            c=markdown_to_text(term.definition),
            words="Glossar Begriff Fachbegriff Erläuterung",
            rubric=rubrics.GLOSSAR.slug,
        )

    def dependents(self) -> dict:
        return {}

    def for_files(self, file_ids) -> QuerySet:
        return GlossaryTerm.objects.none()


SOURCES = [ArticleSource(), DocumentSource(), RechtstatsacheSource(), GlossarySource()]
