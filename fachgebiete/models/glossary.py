"""The glossary: terms of the field (Nadelstichtaktik, 360°-Analyse, CTC …), A–Z."""

from __future__ import annotations

import html
import re
import unicodedata

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _

from common.markdown import render_markdown

from .base import Fachgebiet

# Letter of the A–Z index for terms that begin with a digit or a sign (360°-Analyse, § 34a GewO).
OTHER_LETTER = "#"
# Path segments of the glossary's own pages; no term may take them as its slug.
RESERVED_SLUGS = {"neu"}

_UMLAUTS_SLUG = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def sort_key(text: str) -> str:
    """DIN 5007-1 ("Lexikon") order: Ä is filed under A, ß as ss; case and signs do not count."""
    text = text.replace("ß", "ss").replace("ẞ", "ss")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def index_letter(term: str) -> str:
    key = sort_key(term)
    return key[0].upper() if key and "a" <= key[0] <= "z" else OTHER_LETTER


def split_synonyms(text: str) -> list[str]:
    seen: dict[str, str] = {}
    for line in text.splitlines():
        variant = " ".join(line.split())
        if variant and variant.casefold() not in seen:
            seen[variant.casefold()] = variant
    return list(seen.values())


class GlossaryTermQuerySet(models.QuerySet["GlossaryTerm"]):
    def search(self, text: str) -> GlossaryTermQuerySet:
        """Term, spellings or definition contain the text; the sort key makes "ärger" find "Ärger" on SQLite too."""
        text = text.strip()
        if not text:
            return self
        query = models.Q(term__icontains=text) | models.Q(synonyms__icontains=text)
        query |= models.Q(definition__icontains=text)
        if key := sort_key(text):
            query |= models.Q(sort_key__contains=key)
        return self.filter(query)


class GlossaryTerm(models.Model):
    term = models.CharField(_("Begriff"), max_length=200)
    slug = models.SlugField(_("Kürzel in der Adresse"), max_length=200, unique=True, editable=False)
    definition = models.TextField(_("Erläuterung"))
    synonyms = models.TextField(
        _("Andere Schreibweisen und Synonyme"),
        blank=True,
        help_text=_("Eine Schreibweise pro Zeile, z. B. Abkürzungen oder Mehrzahlformen. Auch sie werden verlinkt."),
    )
    fachgebiete = models.ManyToManyField(
        Fachgebiet, blank=True, related_name="glossary_terms", verbose_name=_("Fachgebiete")
    )
    see_also = models.ManyToManyField("self", blank=True, verbose_name=_("Siehe auch"))
    # Derived on save: the A–Z letter and the German sort order (see sort_key).
    letter = models.CharField(_("Buchstabe"), max_length=1, editable=False, db_index=True)
    sort_key = models.CharField(max_length=200, editable=False, db_index=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Stand"), auto_now=True)

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("Glossarbegriff")
        verbose_name_plural = _("Glossarbegriffe")
        ordering = ["sort_key", "term"]
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                name="fachgebiete_glossaryterm_term_ci_unique",
                violation_error_message=_("Diesen Begriff gibt es im Glossar bereits."),
            )
        ]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs) -> None:
        self.term = " ".join(self.term.split())
        self.synonyms = "\n".join(split_synonyms(self.synonyms))
        self.letter = index_letter(self.term)
        self.sort_key = sort_key(self.term)[:200]
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("fachgebiete:glossary_detail", kwargs={"slug": self.slug})

    @property
    def synonym_list(self) -> list[str]:
        return split_synonyms(self.synonyms)

    @property
    def variants(self) -> list[str]:
        """Every spelling under which the term is linked in texts."""
        return split_synonyms("\n".join([self.term, self.synonyms]))

    @property
    def definition_html(self) -> SafeString:
        return render_markdown(self.definition)

    @property
    def excerpt(self) -> str:
        return Truncator(html.unescape(strip_tags(self.definition_html))).words(30)

    def _unique_slug(self) -> str:
        base = (slugify(self.term.translate(_UMLAUTS_SLUG)) or "begriff")[:190]
        slug, n = base, 1
        taken = GlossaryTerm.objects.exclude(pk=self.pk)
        while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


def _forget_linking_index(sender, **kwargs) -> None:
    # A real cycle: glossary_links imports this model to build its index.
    from fachgebiete.glossary_links import invalidate

    invalidate()


# Connected here (not in apps.ready) so that the cache can never outlive a change, whoever imports the model.
models.signals.post_save.connect(_forget_linking_index, sender=GlossaryTerm, dispatch_uid="glossary_post_save")
models.signals.post_delete.connect(_forget_linking_index, sender=GlossaryTerm, dispatch_uid="glossary_post_delete")
