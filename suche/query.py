"""Answering a search: permission-filtered, ranked, faceted, with marked snippets.

Every source contributes a condition `kind = k AND EXISTS (source.visible(user) with object_id)` — the
app's own rule, never re-implemented here — and the conditions are OR-ed, so the index is
scanned once for all of them. One statement does the work whatever the corpus size: the
matching, visible entries are collected once (materialised), counted per facet value and
ordered for the requested page; a second fetches that page's entries for display, and on
PostgreSQL two more ask the vocabulary for compounds of the query words and the lexicon for the
words a prefix begins. On PostgreSQL the statement is prepared once per connection (`_cursor`).
How words match and rank: `plan`; what the page shows of the answer: `results`.

Broad queries: the statement collects at most limit + 1 matching, visible entries
(settings.SIKO_SEARCH_COUNT_LIMIT, 1,000) – the scan stops there. Up to the limit everything is
exact (count, facet counts, ranking over all hits). Beyond it the answer says "mehr als 1.000
Treffer", ranks and pages the limit's number of
entries collected (in the index's order: the rest is not looked at), and lists the facet values
among them without numbers, so that a filter or another word narrows the search. Only visible
entries are ever collected: the limit, the counts and the facets never reflect what the user may not
see. When no entry holds all words, the search is repeated with any of them (and says so).
"""

from __future__ import annotations

import datetime
import hashlib
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import BooleanField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from common.actors import request_user
from common.rights import rights_generation

from . import text as search_text
from .index import is_postgresql
from .models import SearchEntry
from .plan import Filters, Plan, expansions
from .results import SearchResults, facets, hits
from .sources import all_sources

__all__ = ["PLANNER_SETTINGS_SQL", "Filters", "SearchResults", "count_limit", "search"]

PER_PAGE = 20
MAX_PAGE = 100_000
_NO_DATE = datetime.date(1, 1, 1)
# PostgreSQL, for the transaction of the main statement only (see _answer; the benchmark's EXPLAIN too).
PLANNER_SETTINGS_SQL = (
    "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), "
    "set_config('plan_cache_mode', 'force_generic_plan', true)"
)


def _compiled_rules(user) -> dict[str, tuple[str, tuple] | None]:
    """kind → the source's own visibility rule for `user`, compiled to SQL and parameters (None: the
    rule admits nothing, e.g. no area at all). Each rule is compiled on its own and joined as SQL:
    nesting them into one queryset costs the ORM more than the database."""
    rules = {}
    for source in all_sources().values():
        visible = source.visible(user)
        if _admits_all(visible):
            rules[source.kind] = ("", ())
            continue
        try:
            rules[source.kind] = visible.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            rules[source.kind] = None
    return rules


def _admits_all(queryset) -> bool:
    """The rule is the whole table (the glossary; every Fachgebiet's items for the Geschäftsstelle): then
    the kind alone decides, as every entry belongs to an existing object (an entry goes with its object,
    in the same transaction) – PostgreSQL need not hash all ids of the table."""
    query = queryset.query
    return not query.where and not query.distinct and not query.low_mark and query.high_mark is None


def _account_fingerprint(user) -> str:
    """Everything a rule may read of the account (Behörde, status, roles …) but the password and the
    time of the last login: another value, other rules."""
    fields = [field.attname for field in user._meta.concrete_fields if field.attname not in ("password", "last_login")]
    return hashlib.sha256(repr([getattr(user, name) for name in fields]).encode()).hexdigest()


# (session key, user id, rights generation, account fingerprint) → compiled rules; least recently used first.
_KEPT_RULES: OrderedDict[tuple, dict] = OrderedDict()
KEPT_RULES_MAX = 500
_KEPT_RULES_LOCK = threading.Lock()


def _rules(user, request=None) -> dict[str, tuple[str, tuple] | None]:
    """The compiled rules, built once per session, rights generation and account state of a person:
    building the apps' querysets is most of a search's Python time (~15 ms of ~22). Kept in this
    process's memory only (a deploy or restart starts afresh, so a changed rule is never served
    from before). The key holds the session (a change of a person's own status, groups or
    permissions ends her sessions), the user id, the rights generation (a grant or revocation that
    reaches running sessions sets a new one, see common.rights) and a fingerprint of the account
    (e.g. her Behörde). Only the SQL text is kept: what the rules select is read from the
    database by every search. Without a session (a command, a test without request) built afresh."""
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    acting = request_user(request)
    if not session_key or acting is None or acting.pk != user.pk:
        return _compiled_rules(user)
    key = (session_key, user.pk, rights_generation(request), _account_fingerprint(user))
    with _KEPT_RULES_LOCK:  # threaded workers: one change of the order at a time
        rules = _KEPT_RULES.get(key)
        if rules is not None:
            _KEPT_RULES.move_to_end(key)
            return rules
    rules = _compiled_rules(user)
    with _KEPT_RULES_LOCK:
        _KEPT_RULES[key] = rules
        while len(_KEPT_RULES) > KEPT_RULES_MAX:
            _KEPT_RULES.popitem(last=False)
    return rules


def _visibility(user, filters: Filters, request=None) -> RawSQL | None:
    """Entries of the sources the filters allow, each restricted by its app's own rule:
    `(kind = k AND EXISTS (the rule's object with this entry's object_id))`, OR-ed over the sources
    (`kind = k` alone where the rule admits the whole table). One scan of the index serves them all."""
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    # PostgreSQL: OFFSET 0 keeps the planner from turning the EXISTS into a hash of every id the rule
    # admits (built anew by each search, growing with the table: ~2 of 8 ms at 100,000 entries); so
    # each matching entry is looked up in its app's table by primary key, and the cost follows the
    # entries checked (at most the count limit and the hidden ones among them), not the corpus.
    each_entry = " OFFSET 0" if is_postgresql() else ""
    parts, params = [], []
    for kind, rule in _rules(user, request).items():
        if rule is None or (filters.kind and filters.kind != kind):
            continue
        if not rule[0]:  # admits every object of the kind
            parts.append(f"({table}.kind = %s)")
            params.append(kind)
            continue
        parts.append(
            f"({table}.kind = %s AND EXISTS (SELECT 1 FROM ({rule[0]}) AS visible "  # noqa: S608 - see below  # nosec B608
            f"WHERE visible.pk = {table}.object_id{each_entry}))"
        )
        params += [kind, *rule[1]]
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


def count_limit() -> int:
    """Hits counted exactly; more are "mehr als …" (see above)."""
    return max(1, settings.SIKO_SEARCH_COUNT_LIMIT)


@dataclass
class _Answer:
    counts: dict[str, Counter]
    pks: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts["kind"].values())

    @property
    def capped(self) -> bool:
        return self.total > count_limit()


def _answer(user, plan: Plan, filters: Filters, *, offset: int, limit: int, request=None) -> _Answer:
    """Counts per facet value and the ranked entries of one page, in a single statement: the
    matching, visible entries are collected once (a materialised CTE, at most count_limit() + 1 of
    them), then counted per facet value and ordered for the page."""
    counts = {name: Counter() for name in _FACET_COLUMNS}
    match, visibility = plan.match(), _visibility(user, filters, request)
    if match is None or visibility is None:
        return _Answer(counts, [])
    hits = (
        SearchEntry.objects.filter(match)
        .filter(filters.as_q())
        .filter(visibility)
        .annotate(rank=Coalesce(plan.rank(), Value(0.0)), sort_date=Coalesce("date", Value(_NO_DATE)))
        .values(*_HIT_COLUMNS)
        .order_by()[: count_limit() + 1]  # no order: the scan stops at the limit
    )
    inner, params = hits.query.sql_with_params()
    # The ORM's compiled query and fixed names; the query words and every other value are parameters.
    sql = (
        f"WITH hits ({_CTE_COLUMNS}) AS MATERIALIZED ({inner}) "  # noqa: S608 - ORM SQL, fixed names  # nosec B608
        "SELECT * FROM (SELECT 'hit' AS facet, CAST(id AS TEXT) AS value, 0 AS n, rank, sort_date FROM hits "
        "ORDER BY rank DESC, sort_date DESC, id DESC LIMIT %s OFFSET %s) AS page "
        f"UNION ALL {_facet_sql()}"
    )
    nested = connection.in_atomic_block
    with transaction.atomic(), _cursor() as cursor:
        if is_postgresql():
            # Checking the vector on the table means reading it back from TOAST (kilobytes per row),
            # which the planner does not price: for a broad word it picks a sequential scan (400 ms
            # and more on 100,000 entries) over the GIN bitmap that needs no recheck (tens of ms).
            # The penalty that switches the scan off inflates the plan's cost, which would start the
            # JIT compiler (a second and more): off as well. The plan is the prepared statement's
            # generic one (see _cursor), the same for every query word.
            cursor.execute(PLANNER_SETTINGS_SQL)
        cursor.execute(sql, (*params, limit, offset))
        rows = cursor.fetchall()
        if nested:
            # Inside a caller's (a test's) transaction the block is a savepoint: only rolling it back
            # ends the settings. On its own the block commits (it wrote nothing), which ends them too:
            # a rollback would also discard the connection's prepared statements (psycopg's rule).
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


def _cursor():
    """The cursor of the main statement. PostgreSQL: one that binds the values on the server, so the
    statement – the same text for every query word, filter value and person with rules of the same
    shape – is prepared once per connection (settings: prepare_threshold 0, env_database) and planned
    once: planning the twelve visibility rules took longer than running them (3.1 against 1.6 ms at
    20,000 entries). Django's own cursors bind on the client and are never prepared. Wrapped as
    Django wraps its cursors (query log, execute wrappers)."""
    if not is_postgresql():
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    cursor = ServerBindingCursor(connection.connection)
    return _LoggedCursor(cursor, connection) if connection.queries_logged else connection.make_cursor(cursor)


class _LoggedCursor(CursorDebugWrapper):
    """Django's query log (DEBUG, tests) for the cursor above: the statement with its values. Django
    would ask psycopg for the text it sent, which the run of a prepared statement does not keep."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params) if params else sql):
            return CursorWrapper.execute(self, sql, params)


def _page_number(page: int | str) -> int:
    """The requested page: 1 for nonsense; capped far beyond any real result (a typed "999…9" must
    not reach the database as an OFFSET it cannot hold) – past the end shows the last page."""
    try:
        number = int(page)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def search(
    user, query: str, filters: Filters | None = None, *, page: int | str = 1, per_page: int = PER_PAGE, request=None
) -> SearchResults:
    """Everything `user` may see that matches `query`, ranked, one page at a time. With the `request`
    of the person's page the compiled visibility rules are kept for her session (see _rules)."""
    filters = filters or Filters()
    cleaned = search_text.clean_query(query)[: search_text.MAX_QUERY_LENGTH]
    results = SearchResults(query=cleaned)
    query_terms = search_text.terms(cleaned)
    key = search_text.normalise_key(cleaned)
    key = key if len(key) >= 3 and any(char.isdigit() for char in key) else ""
    if not query_terms and not key:
        return results
    plan = Plan(terms=query_terms, key=key, expansions=expansions(query_terms))
    number = _page_number(page)
    answer = _answer(user, plan, filters, offset=(number - 1) * per_page, limit=per_page, request=request)
    if not answer.total and len(query_terms) > 1:
        plan.any_term = True
        answer = _answer(user, plan, filters, offset=(number - 1) * per_page, limit=per_page, request=request)
        results.broadened = bool(answer.total)
    paginator = Paginator(range(min(answer.total, count_limit())), per_page)
    if number > paginator.num_pages:
        # Past the end (an old link, a typed number): the last page, as Paginator.get_page does.
        number = paginator.num_pages
        if answer.total:
            answer = _answer(user, plan, filters, offset=(number - 1) * per_page, limit=per_page, request=request)
    results.capped = answer.capped
    results.total = min(answer.total, count_limit())
    results.facets = facets(answer.counts, filters, counted=not answer.capped)
    results.page = Page(hits(answer.pks, plan), number, paginator)
    return results
