"""PostgreSQL: the search's main statement is prepared once per connection and planned once, the same
plan for every query word and person (suche.query._cursor) – and still answers each of them alone."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from suche.query import search

from .test_search import SECRET, article, closed_arbeitskreis  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.django_db(transaction=True),  # outside a transaction, as in a request
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL only"),
]


def _prepared() -> list[tuple[str, int, int]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        return cursor.fetchall()


def test_the_statement_is_prepared_once_and_planned_once_for_every_word(member, shisha, gluecksspiel):
    article(shisha, member, title="Kontrollbericht Shisha-Bar")
    article(gluecksspiel, member, title="Spielhalle Abstandsgebot")
    assert [hit.title for hit in search(member, "Kontrollbericht").hits] == ["<mark>Kontrollbericht</mark> Shisha-Bar"]
    assert [hit.title for hit in search(member, "Abstandsgebot").hits] == ["Spielhalle <mark>Abstandsgebot</mark>"]
    assert search(member, "Steuerfahndung").total == 0
    prepared = [row for row in _prepared() if "WITH hits" in row[0]]
    assert len(prepared) == 1  # one text for every word: the words are values, not part of the text
    _statement, generic_plans, custom_plans = prepared[0]
    assert (generic_plans, custom_plans) == (3, 0)
    with connection.cursor() as cursor:  # the block's settings ended with it
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('plan_cache_mode')")
        assert cursor.fetchone() == ("on", "auto")


def test_one_plan_for_all_never_shows_one_persons_hits_to_another(member, outsider, closed_arbeitskreis):  # noqa: F811
    assert search(member, SECRET).total == 3
    assert search(outsider, SECRET).total == 0
    assert search(member, SECRET).total == 3


def test_the_query_log_shows_the_statement_with_its_words(member, shisha):
    article(shisha, member, title="Kontrollbericht")
    with CaptureQueriesContext(connection) as captured:
        search(member, "Kontrollbericht")
    main = [query["sql"] for query in captured.captured_queries if "WITH hits" in (query["sql"] or "")]
    assert len(main) == 1 and "kontrollbericht" in main[0]
    assert all(query["sql"] for query in captured.captured_queries)
