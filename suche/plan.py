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

from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.lookups import IContains

from . import text as search_text
from .index import is_postgresql, spelled
from .models import SearchLexeme, SearchWord

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
    # PostgreSQL: query text → the stemmed query, and with the prefixes' words (_lexemes).
    _lexeme_texts: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)

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

    def tsquery(self, *, for_ranking: bool = False) -> SearchQuery:
        """What the index is asked (prefixes as the words they begin, see _lexemes) or, for ranking, the
        query with its prefixes: ts_rank counts each alternative of a group as a query word of its own,
        so the words of a prefix would change the order of the hits."""
        stemmed, asked = self._lexemes()
        return _Lexemes(stemmed if for_ranking else asked)

    def _lexemes(self) -> tuple[str, str]:
        """The query as PostgreSQL's German configuration reads it (words stemmed: "spielhalle:*" →
        "'spielhall':*"), and the same with each prefix that begins at most PREFIX_LEXEMES_MAX words of
        the index replaced by those words: `( 'spielhall' | 'spielhallengesetz' )` finds the same
        entries, but the GIN index can skip through each word's entries along the rarest other query
        word, where a prefix makes it read every entry of every word it begins (at 100,000 entries 5 of
        6 ms for „Urteil Spielhalle Abstandsgebot“, and growing with the index). One statement; once
        per text."""
        text = self._tsquery_text()
        if text not in self._lexeme_texts:
            with connection.cursor() as cursor:
                cursor.execute(_PREFIX_WORDS_SQL, [text, _PREFIX_PATTERN, PREFIX_LEXEMES_MAX + 1])
                rows = cursor.fetchall()
            stemmed = next(value for prefix, value in rows if prefix is None)
            words: dict[str, list[str]] = {}
            for prefix, lexeme in rows:
                if prefix is not None:
                    words.setdefault(prefix, []).append(lexeme)
            asked = stemmed
            for prefix, lexemes in words.items():
                if len(lexemes) <= PREFIX_LEXEMES_MAX:
                    alternatives = " | ".join(_quoted(lexeme) for lexeme in sorted(lexemes))
                    asked = asked.replace(f"'{prefix}':*", f"( {alternatives} )")
            self._lexeme_texts[text] = (stemmed, asked)
        return self._lexeme_texts[text]

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
            return SearchRank(F("head"), self.tsquery(for_ranking=True), normalization=Value(1)) + boost
        in_title = [
            Case(
                When(IContains(spelled("title"), Value(search_text.stem(term))), then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for term in self.terms
        ]
        return reduce(lambda left, right: left + right, in_title) + boost


# A prefix that begins more words of the index stays a prefix (then its entries are many anyway).
PREFIX_LEXEMES_MAX = 30
# A prefix in PostgreSQL's text of a tsquery ('spielhall':*); one with a quote or backslash stays.
_PREFIX_PATTERN = r"'([^'\\]+)':\*"
# The query text stemmed, and for each prefix in it up to limit words of the lexicon that begin with
# it (an index range, models.SearchLexeme).
_PREFIX_WORDS_SQL = (
    "WITH query AS (SELECT CAST(to_tsquery('german', %s) AS TEXT) AS text), "  # noqa: S608 - fixed names  # nosec B608
    "prefixes AS (SELECT DISTINCT (regexp_matches(text, %s, 'g'))[1] AS prefix FROM query) "
    "SELECT NULL, text FROM query UNION ALL "
    f"SELECT prefix, lexeme FROM prefixes CROSS JOIN LATERAL (SELECT lexeme FROM {SearchLexeme._meta.db_table} "
    "WHERE lexeme ~>=~ prefix AND lexeme ~<~ (prefix || chr(1114111)) LIMIT %s) AS words"
)


def _quoted(lexeme: str) -> str:
    """A lexeme as a tsquery literal reads it back unchanged (a word of a file's text may hold a quote)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


class _Lexemes(SearchQuery):
    """A query PostgreSQL has stemmed already (Plan._lexemes), read as it is: `(SELECT CAST(… AS
    tsquery))` – once per statement (an init plan; the GIN index still serves it). The statement is
    prepared with a generic plan (see query._cursor), where an expression of parameters in the row
    condition and the rank would be evaluated again for every entry checked."""

    def as_sql(self, compiler, connection, function=None, template=None):
        return super().as_sql(compiler, connection, function, "(SELECT CAST(%(expressions)s AS tsquery))")


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
