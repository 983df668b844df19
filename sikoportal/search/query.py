"""Answering a search: permission-filtered, ranked, faceted, with marked snippets.

Every source contributes one branch `object_id IN (source.visible(user))` — the app's own
rule — and the branches are combined with UNION ALL, so PostgreSQL plans each as a plain
semi-join on its own table. Two queries do the work whatever the corpus size: one for the
page (ranked), one for the facet counts (grouped); a third fetches the page's entries for
display, and on PostgreSQL one more asks the vocabulary for compounds of the query words.

PostgreSQL: `to_tsquery('german', …)` over the weighted vector; each query word also matches
as a prefix ("zoll" → "Zollfahndung") and through the vocabulary inside longer words
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
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, FloatField, Q, Value, When
from django.db.models.functions import Coalesce, Left
from django.utils.safestring import SafeString

from ..models import SearchEntry, SearchWord
from . import text as search_text
from .index import is_postgresql
from .sources import RUBRIC_LABELS, all_sources

PER_PAGE = 20
# Characters of file text looked at for a snippet.
SNIPPET_SOURCE_CHARS = 20_000
# Compounds per query word added to the PostgreSQL query.
EXPANSIONS_PER_TERM = 20
_NO_DATE = datetime.date(1, 1, 1)


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
            # Prefixes only for words: "b:*" or "21:*" (parts of an Aktenzeichen) would match thousands
            # of lexemes; identifiers are found through the keys instead (benchmark: 310 → 40 ms).
            word = f"{term}:*" if len(term) >= 3 and term.isalpha() else term
            alternatives = [word, *self.expansions.get(term, [])]
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
            # Normalisation 1: long texts (whole PDFs) do not win just by being long.
            return SearchRank(F("vector"), self.tsquery(), normalization=Value(1)) + boost
        in_title = [
            Case(
                When(title__icontains=search_text.stem(term), then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for term in self.terms
        ]
        return reduce(lambda left, right: left + right, in_title) + boost


def _expansions(query_terms: list[str]) -> dict[str, list[str]]:
    """Longer words of the index that contain a query word (PostgreSQL vocabulary, trigram index)."""
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


def _branches(user, plan: _Plan, filters: Filters, shape):
    """One queryset per source the filters allow: its entries that match, restricted to what
    the source's own rule lets this user see, shaped by `shape` (values for the union)."""
    match = plan.match()
    if match is None:
        return []
    branches = []
    for source in all_sources().values():
        if filters.kind and filters.kind != source.kind:
            continue
        entries = SearchEntry.objects.filter(kind=source.kind).filter(match).filter(filters.as_q())
        entries = entries.filter(object_id__in=source.visible(user).values("pk"))
        branches.append(shape(entries))
    return branches


def _union(branches):
    if not branches:
        return None
    first, *rest = branches
    return first.union(*rest, all=True) if rest else first


def _counts(user, plan: _Plan, filters: Filters) -> list[dict]:
    branches = _branches(
        user,
        plan,
        filters,
        lambda qs: (
            qs.order_by().values("kind", "rubric", "fachgebiet_id", "year", "partner_id").annotate(n=Count("pk"))
        ),
    )
    union = _union(branches)
    return list(union) if union is not None else []


class _RankedHits:
    """The ranked hit list as the Paginator sees it: a count, and slices fetched on demand."""

    def __init__(self, user, plan: _Plan, filters: Filters, total: int) -> None:
        self.user, self.plan, self.filters, self.total = user, plan, filters, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Hit]:
        branches = _branches(
            self.user,
            self.plan,
            self.filters,
            lambda qs: qs.annotate(rank=self.plan.rank(), sort_date=Coalesce("date", Value(_NO_DATE))).values_list(
                "pk", "rank", "sort_date"
            ),
        )
        union = _union(branches)
        if union is None:
            return []
        ranked = list(union.order_by("-rank", "-sort_date", "-pk")[window])
        return _hits([pk for pk, _rank, _date in ranked], self.plan)


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


def _facets(rows: list[dict], filters: Filters) -> list[Facet]:
    from fachgebiete.models import Fachgebiet
    from partner.models import Partner

    sums: dict[str, Counter] = {name: Counter() for name in ("kind", "rubric", "fachgebiet_id", "year", "partner_id")}
    for row in rows:
        for name, counter in sums.items():
            if row[name] is not None and row[name] != "":
                counter[row[name]] += row["n"]
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
    fachgebiete = Fachgebiet.objects.filter(pk__in=list(sums["fachgebiet_id"])) if sums["fachgebiet_id"] else []
    facets.append(
        Facet(
            "fachgebiet",
            "Fachgebiet",
            [
                FacetOption(
                    fg.slug,
                    fg.name,
                    sums["fachgebiet_id"][fg.pk],
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
    partners = Partner.objects.filter(pk__in=list(sums["partner_id"])).order_by("name") if sums["partner_id"] else []
    facets.append(
        Facet(
            "behoerde",
            "Behörde",
            [
                FacetOption(
                    partner.slug,
                    partner.short_name or partner.name,
                    sums["partner_id"][partner.pk],
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
    rows = _counts(user, plan, filters)
    if not rows and len(query_terms) > 1:
        plan.any_term = True
        rows = _counts(user, plan, filters)
        results.broadened = bool(rows)
    results.total = sum(row["n"] for row in rows)
    results.facets = _facets(rows, filters)
    paginator = Paginator(_RankedHits(user, plan, filters, results.total), per_page)
    results.page = paginator.get_page(page)
    return results
