"""Answering a search: permission-filtered, ranked, faceted, with marked snippets.

Every source contributes a condition `kind = k AND object_id IN (source.visible(user))` — the
app's own rule, never re-implemented here — and the conditions are OR-ed, so the index is
scanned once for all of them. One statement does the work whatever the corpus size: the
matching, visible entries are collected once (materialised), counted per facet value and
ordered for the requested page; a second fetches that page's entries for display, and on
PostgreSQL one more asks the vocabulary for compounds of the query words.

PostgreSQL: `to_tsquery('german', …)` over the weighted vector, ranked on the compact `head`;
query words also match as a prefix ("zoll" → "Zollfahndung"; short words only as the last word)
and, from five letters on, through the vocabulary inside longer words
("staatsvertrag" → "Glücksspielstaatsvertrag"). SQLite: every word's stem must occur in the
case-folded text. Both: an Aktenzeichen or norm (anything with a digit) matches its
record's identifiers exactly and ranks it first. When no entry holds all words, the search
is repeated with any of them (and says so).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Left
from django.utils.safestring import SafeString

from ..models import SearchEntry, SearchWord
from . import text as search_text
from .index import is_postgresql
from .sources import RUBRIC_LABELS, all_sources

PER_PAGE = 20
MAX_PAGE = 100_000
# Characters of file text looked at for a snippet.
SNIPPET_SOURCE_CHARS = 20_000
# Compounds per query word added to the PostgreSQL query.
EXPANSIONS_PER_TERM = 20
_NO_DATE = datetime.date(1, 1, 1)
# PostgreSQL, for the transaction of the main statement only (see _answer; the benchmark's EXPLAIN too).
PLANNER_SETTINGS_SQL = "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"


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
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    param: str
    title: str
    options: list[FacetOption]

    @property
    def selected(self) -> FacetOption | None:
        return next((option for option in self.options if option.selected), None)


@dataclass
class Hit:
    kind: str
    type_label: str
    title: SafeString
    url: str
    context: str
    date: datetime.date | None
    snippet: SafeString
    exact: bool = False


@dataclass
class SearchResults:
    query: str
    total: int = 0
    page: Page | None = None
    facets: list[Facet] = field(default_factory=list)
    broadened: bool = False

    @property
    def hits(self) -> list[Hit]:
        return list(self.page.object_list) if self.page else []


@dataclass
class _Plan:
    """What one query matches and how it ranks, for the database at hand."""

    terms: list[str]
    key: str
    expansions: dict[str, list[str]]
    any_term: bool = False

    def match(self) -> Q | None:
        conditions = []
        if self.terms:
            conditions.append(self._pg_match() if is_postgresql() else self._sqlite_match())
        if self.key:
            conditions.append(Q(keys__contains=self.key))
        return reduce(or_, conditions) if conditions else None

    def _tsquery_text(self) -> str:
        groups = []
        for term in self.terms:
            alternatives = [f"{term}:*" if _is_prefix(term, self.terms) else term, *self.expansions.get(term, [])]
            groups.append("(" + " | ".join(alternatives) + ")")
        return (" | " if self.any_term else " & ").join(groups)

    def tsquery(self) -> SearchQuery:
        return SearchQuery(self._tsquery_text(), search_type="raw", config="german")

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
        if not self.terms:
            return boost
        if is_postgresql():
            # Ranked on the compact head (title, identifiers, description): the full vector of a long
            # file would be read from TOAST for every hit. Normalisation 1: long heads do not win by length.
            return SearchRank(F("head"), self.tsquery(), normalization=Value(1)) + boost
        in_title = [
            Case(
                When(title__icontains=search_text.stem(term), then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for term in self.terms
        ]
        return reduce(lambda left, right: left + right, in_title) + boost


def _is_prefix(term: str, terms: list[str]) -> bool:
    """Whether a query word also matches as a prefix ("zoll" → "Zollfahndung"): words only ("b:*" or
    "21:*", parts of an Aktenzeichen, would match thousands of lexemes; identifiers are found through
    the keys) – the last word from three letters on (the user may still be typing it), the others from
    COMPOUND_MIN_LENGTH on. A short word as a prefix begins hundreds of words; for a frequent one
    ("Zoll" in "Ansprechpartner Zoll Duisburg") that multiplied the work of the index."""
    if not term.isalpha():
        return False
    return len(term) >= (3 if term == terms[-1] else search_text.COMPOUND_MIN_LENGTH)


def _expansions(query_terms: list[str]) -> dict[str, list[str]]:
    """Longer words of the index that contain a query word inside (PostgreSQL vocabulary, trigram
    index): "staatsvertrag" → "glücksspielstaatsvertrag"; words that begin with it are the prefix's."""
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


def _visibility(user, filters: Filters) -> RawSQL | None:
    """Entries of the sources the filters allow, each restricted by its app's own rule:
    `(kind = k AND object_id IN (source.visible(user)))`, OR-ed over the sources. One scan of the
    index serves them all; PostgreSQL hashes each rule's ids once. Each rule is compiled on its
    own and joined as SQL: nesting nine querysets into one costs the ORM more than the database."""
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    parts, params = [], []
    for source in all_sources().values():
        if filters.kind and filters.kind != source.kind:
            continue
        try:
            rule, rule_params = source.visible(user).order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # the rule admits nothing for this user (e.g. no area at all)
            continue
        parts.append(f"({table}.kind = %s AND {table}.object_id IN ({rule}))")
        params += [source.kind, *rule_params]
    if not parts:
        return None
    # Only the apps' compiled querysets and fixed names go into the text; every value is a parameter.
    return RawSQL(" OR ".join(parts), params, output_field=BooleanField())  # noqa: S611 - see above  # nosec B611


# Facet name → column of the index.
_FACET_COLUMNS = {
    "kind": "kind",
    "rubric": "rubric",
    "fachgebiet": "fachgebiet_id",
    "year": "year",
    "partner": "partner_id",
}
_HIT_COLUMNS = ["pk", *_FACET_COLUMNS.values(), "rank", "sort_date"]
_CTE_COLUMNS = ", ".join("id" if column == "pk" else column for column in _HIT_COLUMNS)
# PostgreSQL's GROUPING(kind, rubric, …) of each grouping set: a bit per column left out.
_GROUPING_MASKS = {
    str((1 << len(_FACET_COLUMNS)) - 1 ^ (1 << (len(_FACET_COLUMNS) - 1 - position))): name
    for position, name in enumerate(_FACET_COLUMNS)
}


def _facet_sql() -> str:
    """(facet, value, count) rows over `hits`: one pass with GROUPING SETS on PostgreSQL, one
    GROUP BY per column elsewhere (SQLite has no grouping sets). Fixed column names only."""
    columns = list(_FACET_COLUMNS.values())
    if is_postgresql():
        value = ", ".join(f"CAST({column} AS TEXT)" for column in columns)
        sets = ", ".join(f"({column})" for column in columns)
        return (
            f"SELECT CAST(GROUPING({', '.join(columns)}) AS TEXT), COALESCE({value}), COUNT(*), NULL, NULL "  # noqa: S608 - fixed names  # nosec B608
            f"FROM hits GROUP BY GROUPING SETS ({sets})"
        )
    return " UNION ALL ".join(
        f"SELECT '{name}', CAST({column} AS TEXT), COUNT(*), NULL, NULL FROM hits GROUP BY {column}"  # noqa: S608 - fixed names  # nosec B608
        for name, column in _FACET_COLUMNS.items()
    )


@dataclass
class _Answer:
    counts: dict[str, Counter]
    pks: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts["kind"].values())


def _answer(user, plan: _Plan, filters: Filters, *, offset: int, limit: int) -> _Answer:
    """Counts per facet value and the ranked entries of one page, in a single statement: the
    matching, visible entries are collected once (a materialised CTE), then counted per facet
    value and ordered for the page."""
    counts = {name: Counter() for name in _FACET_COLUMNS}
    match, visibility = plan.match(), _visibility(user, filters)
    if match is None or visibility is None:
        return _Answer(counts, [])
    hits = (
        SearchEntry.objects.filter(match)
        .filter(filters.as_q())
        .filter(visibility)
        .annotate(rank=Coalesce(plan.rank(), Value(0.0)), sort_date=Coalesce("date", Value(_NO_DATE)))
        .values(*_HIT_COLUMNS)
        .order_by()
    )
    inner, params = hits.query.sql_with_params()
    # The ORM's compiled query and fixed names; the query words and every other value are parameters.
    sql = (
        f"WITH hits ({_CTE_COLUMNS}) AS MATERIALIZED ({inner}) "  # noqa: S608 - ORM SQL, fixed names  # nosec B608
        "SELECT * FROM (SELECT 'hit' AS facet, CAST(id AS TEXT) AS value, 0 AS n, rank, sort_date FROM hits "
        "ORDER BY rank DESC, sort_date DESC, id DESC LIMIT %s OFFSET %s) AS page "
        f"UNION ALL {_facet_sql()}"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if is_postgresql():
            # Checking the vector on the table means reading it back from TOAST (kilobytes per row),
            # which the planner does not price: for a broad word it picks a sequential scan (400 ms
            # and more on 100,000 entries) over the GIN bitmap that needs no recheck (tens of ms).
            # The penalty that switches the scan off inflates the plan's cost, which would start the
            # JIT compiler (a second and more): off as well.
            cursor.execute(PLANNER_SETTINGS_SQL)
        cursor.execute(sql, (*params, limit, offset))
        rows = cursor.fetchall()
        # Read only: rolling back ends the settings with the block (also inside a request's or a
        # test's transaction, where the block is a savepoint).
        transaction.set_rollback(True)
    page = []
    for facet, value, n, rank, sort_date in rows:
        if facet == "hit":
            page.append((rank, str(sort_date), int(value)))
        elif value is not None and value != "":
            name = _GROUPING_MASKS.get(facet, facet)
            counts[name][value if name in ("kind", "rubric") else int(value)] += n
    # UNION ALL keeps no order: the page's rows are sorted again exactly as the SQL did.
    page.sort(reverse=True)
    return _Answer(counts, [pk for _rank, _date, pk in page])


def _page_number(page: int | str) -> int:
    """The requested page: 1 for nonsense; capped far beyond any real result (a typed "999…9" must
    not reach the database as an OFFSET it cannot hold) – past the end shows the last page."""
    try:
        number = int(page)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def _hits(pks: list[int], plan: _Plan) -> list[Hit]:
    sources = all_sources()
    entries = (
        SearchEntry.objects.filter(pk__in=pks)
        .only("kind", "title", "url", "context", "date", "text_b", "text_c", "keys")
        .annotate(d_head=Left("text_d", SNIPPET_SOURCE_CHARS))
    )
    by_pk = {entry.pk: entry for entry in entries}
    extra = [word for words in plan.expansions.values() for word in words]
    highlighter = search_text.Highlighter.for_terms(plan.terms, extra)
    hits = []
    for pk in pks:
        entry = by_pk.get(pk)
        if entry is None:  # deleted between the two queries
            continue
        source = sources.get(entry.kind)
        hits.append(
            Hit(
                kind=entry.kind,
                type_label=source.label if source else entry.kind,
                title=highlighter.mark(entry.title),
                url=entry.url,
                context=entry.context,
                date=entry.date,
                snippet=highlighter.snippet([entry.text_b, entry.text_c, entry.d_head]),
                exact=bool(plan.key) and f"|{plan.key}|" in entry.keys,
            )
        )
    return hits


def _facets(sums: dict[str, Counter], filters: Filters) -> list[Facet]:
    from fachgebiete.models import Fachgebiet
    from partner.models import Partner

    sources = all_sources()
    facets = [
        Facet(
            "typ",
            "Typ",
            [
                FacetOption(kind, source.label_plural, sums["kind"][kind], filters.kind == kind)
                for kind, source in sources.items()
                if sums["kind"][kind]
            ],
        ),
        Facet(
            "rubrik",
            "Rubrik",
            [
                FacetOption(slug, label, sums["rubric"][slug], filters.rubric == slug)
                for slug, label in RUBRIC_LABELS.items()
                if sums["rubric"][slug]
            ],
        ),
    ]
    fachgebiete = Fachgebiet.objects.filter(pk__in=list(sums["fachgebiet"])) if sums["fachgebiet"] else []
    facets.append(
        Facet(
            "fachgebiet",
            "Fachgebiet",
            [
                FacetOption(
                    fg.slug,
                    fg.name,
                    sums["fachgebiet"][fg.pk],
                    filters.fachgebiet is not None and filters.fachgebiet.pk == fg.pk,
                )
                for fg in fachgebiete
            ],
        )
    )
    facets.append(
        Facet(
            "jahr",
            "Jahr",
            [
                FacetOption(str(year), str(year), count, filters.year == year)
                for year, count in sorted(sums["year"].items(), reverse=True)
            ],
        )
    )
    partners = Partner.objects.filter(pk__in=list(sums["partner"])).order_by("name") if sums["partner"] else []
    facets.append(
        Facet(
            "behoerde",
            "Behörde",
            [
                FacetOption(
                    partner.slug,
                    partner.short_name or partner.name,
                    sums["partner"][partner.pk],
                    filters.partner is not None and filters.partner.pk == partner.pk,
                )
                for partner in partners
            ],
        )
    )
    return [facet for facet in facets if facet.options]


def search(
    user, query: str, filters: Filters | None = None, *, page: int | str = 1, per_page: int = PER_PAGE
) -> SearchResults:
    """Everything `user` may see that matches `query`, ranked, one page at a time."""
    filters = filters or Filters()
    cleaned = search_text.clean_query(query)[: search_text.MAX_QUERY_LENGTH]
    results = SearchResults(query=cleaned)
    query_terms = search_text.terms(cleaned)
    key = search_text.normalise_key(cleaned)
    key = key if len(key) >= 3 and any(char.isdigit() for char in key) else ""
    if not query_terms and not key:
        return results
    plan = _Plan(terms=query_terms, key=key, expansions=_expansions(query_terms))
    number = _page_number(page)
    answer = _answer(user, plan, filters, offset=(number - 1) * per_page, limit=per_page)
    if not answer.total and len(query_terms) > 1:
        plan.any_term = True
        answer = _answer(user, plan, filters, offset=(number - 1) * per_page, limit=per_page)
        results.broadened = bool(answer.total)
    paginator = Paginator(range(answer.total), per_page)
    if number > paginator.num_pages:
        # Past the end (an old link, a typed number): the last page, as Paginator.get_page does.
        number = paginator.num_pages
        if answer.total:
            answer = _answer(user, plan, filters, offset=(number - 1) * per_page, limit=per_page)
    results.total = answer.total
    results.facets = _facets(answer.counts, filters)
    results.page = Page(_hits(answer.pks, plan), number, paginator)
    return results
