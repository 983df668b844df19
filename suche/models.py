"""The search index.

It is derived data: every row can be rebuilt from the apps' own records
(`manage.py search_reindex`). Apps never write to it; `suche.index` does, from
what each app's `search.py` source returns. Access is never stored here: a query joins each
entry back to its app's own visibility rule (see `suche.query`).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable thing (an article, a document, a contact person …) as the index sees it."""

    kind = models.CharField(_("Art"), max_length=30)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("Titel"), max_length=300)
    url = models.CharField(max_length=500)
    # Shown under the title, e.g. "Shisha · Muster & Arbeitshilfen".
    context = models.CharField(max_length=300, blank=True)
    # Text by weight: A (title and identifiers) … D (contents of attached files).
    text_a = models.TextField(blank=True)
    text_b = models.TextField(blank=True)
    text_c = models.TextField(blank=True)
    text_d = models.TextField(blank=True)
    # Words only to find the entry by (type words, Fachgebiet, authority): weight B, never shown in a snippet.
    words = models.TextField(blank=True)
    # Exact identifiers (Aktenzeichen, norms), normalised and framed: "|4b1234/21|33igewo|".
    keys = models.TextField(blank=True)
    # Facets.
    rubric = models.CharField(_("Rubrik"), max_length=30)
    fachgebiet = models.ForeignKey(
        "fachgebiete.Fachgebiet", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    arbeitskreis = models.ForeignKey(
        "facharbeitskreise.Arbeitskreis", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    partner = models.ForeignKey("partner.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    # PostgreSQL: weighted German vector, written by the index (GIN index, see migrations).
    vector = SearchVectorField(null=True, editable=False)
    # PostgreSQL: title, identifiers (A) and description (B) only – small enough to stay in the row,
    # so ranking every hit does not read the long vector of file texts back from TOAST.
    head = SearchVectorField(null=True, editable=False)
    # SQLite fallback only: title and texts case-folded in Python (SQLite folds ASCII only).
    folded = models.TextField(blank=True, editable=False)
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The table keeps the name it had when the index was part of `sikoportal` (moved without
        # touching the data; its PostgreSQL indexes are created in sikoportal's migration 0002).
        db_table = "sikoportal_searchentry"
        verbose_name = _("Sucheintrag")
        verbose_name_plural = _("Sucheinträge")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchWord(models.Model):
    """Vocabulary of the index (PostgreSQL): finds compounds that contain a query word
    ("staatsvertrag" → "glücksspielstaatsvertrag") through a trigram index."""

    word = models.CharField(max_length=100, unique=True)

    class Meta:
        db_table = "sikoportal_searchword"  # as for SearchEntry
        verbose_name = _("Suchwort")
        verbose_name_plural = _("Suchwörter")

    def __str__(self) -> str:
        return self.word


class SearchLexeme(models.Model):
    """Every lexeme of the index's vectors (PostgreSQL), written with them: the words a prefix of the
    query ("spielhalle:*") stands for, so that the search can ask the GIN index for those words one by
    one – a prefix makes PostgreSQL read every entry of every word it begins, however rare the other
    query words are (see plan.Plan._lexemes). Never shrinks with the index: a lexeme no entry holds any more
    only adds an alternative that finds nothing."""

    lexeme = models.TextField(unique=True)

    class Meta:
        verbose_name = _("Lexem")
        verbose_name_plural = _("Lexeme")
        # PostgreSQL: words beginning with a prefix (LIKE 'spielhall%') by index, whatever the collation.
        indexes = [models.Index(fields=["lexeme"], name="search_lexeme_prefix", opclasses=["text_pattern_ops"])]

    def __str__(self) -> str:
        return self.lexeme
