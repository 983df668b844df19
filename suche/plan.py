"""What one query looks for: its words and identifier, the filters, and how the database at hand
matches and ranks them (see `query` for the statement that uses it).

PostgreSQL: `to_tsquery('german', …)` over the weighted vector, ranked on the compact `head`;
query words also match as a prefix ("zoll" → "Zollfahndung"; short words only as the last word)
and, from five letters on, through the vocabulary inside longer words
("staatsvertrag" → "Glücksspielstaatsvertrag"). SQLite: every word's stem must occur in the
folded text. Both: words in the search's one spelling (`text.fold`: "Verfügung" = "Verfuegung");
an Aktenzeichen or norm (anything with a digit) matches its record's identifiers exactly and
ranks it first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.lookups import IContains

from . import text as search_text
from .index import is_postgresql, spelled
from .models import SearchWord

# Compounds per query word added to the PostgreSQL query.
EXPANSIONS_PER_TERM = 20


@dataclass
class Filters:
    kind: str | None = None
    rubric: str | None = None
    fachgebiet: object | None = None  # fachgebiete.models.Fachgebiet
    year: int | None = None
    partner: object | None = None  # partner.models.Partner

    def as_q(self) -> Q:
        q = Q()
        if self.rubric:
            q &= Q(rubric=self.rubric)
        if self.fachgebiet is not None:
            q &= Q(fachgebiet=self.fachgebiet)
        if self.year:
            q &= Q(year=self.year)
        if self.partner is not None:
            q &= Q(partner=self.partner)
        return q


@dataclass
class Plan:
    """What one query matches and how it ranks, for the database at hand."""

    terms: list[str]
    key: str
    expansions: dict[str, list[str]]
    any_term: bool = False

    def match(self) -> Q | None:
        conditions = []
        if self.pg_terms if is_postgresql() else self.terms:
            conditions.append(self._pg_match() if is_postgresql() else self._sqlite_match())
        if self.key:
            conditions.append(Q(keys__contains=self.key))
        return reduce(or_, conditions) if conditions else None

    @property
    def pg_terms(self) -> list[str]:
        """The words PostgreSQL matches: without the stop words that folding hid from it ("fuer")."""
        return [term for term in self.terms if term not in search_text.FOLDED_STOP_WORDS]

    def _tsquery_text(self) -> str:
        groups = []
        for term in self.pg_terms:
            alternatives = [f"{term}:*" if _is_prefix(term, self.pg_terms) else term, *self.expansions.get(term, [])]
            groups.append("(" + " | ".join(alternatives) + ")")
        return (" | " if self.any_term else " & ").join(groups)

    def tsquery(self) -> SearchQuery:
        return _ParsedOnce(self._tsquery_text(), search_type="raw", config="german")

    def _pg_match(self) -> Q:
        return Q(vector=self.tsquery())

    def _sqlite_match(self) -> Q:
        parts = [Q(folded__contains=search_text.stem(term)) for term in self.terms]
        return reduce(or_ if self.any_term else and_, parts)

    def rank(self):
        boost = Value(0.0)
        if self.key:
            boost = Case(
                When(keys__contains=f"|{self.key}|", then=Value(2.0)),
                When(keys__contains=self.key, then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        if not (self.pg_terms if is_postgresql() else self.terms):
            return boost
        if is_postgresql():
            # Ranked on the compact head (title, identifiers, description): the full vector of a long
            # file would be read from TOAST for every hit. Normalisation 1: long heads do not win by length.
            return SearchRank(F("head"), self.tsquery(), normalization=Value(1)) + boost
        in_title = [
            Case(
                When(IContains(spelled("title"), Value(search_text.stem(term))), then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for term in self.terms
        ]
        return reduce(lambda left, right: left + right, in_title) + boost


class _ParsedOnce(SearchQuery):
    """`(SELECT to_tsquery(…))`: the query words parsed and stemmed once per statement (PostgreSQL runs
    the subquery once, as an init plan, and still uses the GIN index). The search's statement is
    prepared with a generic plan (see query._cursor), where a bare to_tsquery() of parameters would be
    parsed again for every entry checked and ranked – for a broad word, twice as slow."""

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = super().as_sql(compiler, connection, function, template)
        return f"(SELECT {sql})", params


def _is_prefix(term: str, terms: list[str]) -> bool:
    """Whether a query word also matches as a prefix ("zoll" → "Zollfahndung"): words only ("b:*" or
    "21:*", parts of an Aktenzeichen, would match thousands of lexemes; identifiers are found through
    the keys) – the last word from three letters on (the user may still be typing it), the others from
    COMPOUND_MIN_LENGTH on. A short word as a prefix begins hundreds of words; for a frequent one
    ("Zoll" in "Ansprechpartner Zoll Duisburg") that multiplied the work of the index."""
    if not term.isalpha():
        return False
    return len(term) >= (3 if term == terms[-1] else search_text.COMPOUND_MIN_LENGTH)


def expansions(query_terms: list[str]) -> dict[str, list[str]]:
    """Longer words of the index that contain a query word inside (PostgreSQL vocabulary, trigram
    index): "staatsvertrag" → "gluecksspielstaatsvertrag"; words that begin with it are the prefix's."""
    long_terms = [term for term in query_terms if len(term) >= search_text.COMPOUND_MIN_LENGTH and term.isalpha()]
    if not long_terms or not is_postgresql():
        return {}
    condition = reduce(or_, (Q(word__contains=term) for term in long_terms))
    words = sorted(SearchWord.objects.filter(condition).values_list("word", flat=True)[:500], key=len)
    found: dict[str, list[str]] = {}
    for term in long_terms:
        matching = [word for word in words if term in word and not word.startswith(term)]
        if matching:
            found[term] = matching[:EXPANSIONS_PER_TERM]
    return found
