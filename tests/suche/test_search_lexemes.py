"""PostgreSQL: a prefix of a query word ("spielhalle:*") is asked for as the words of the index it
begins (suche.plan.Plan._lexemes, the lexicon suche.models.SearchLexeme) – the same entries, found
without reading every entry of every such word."""

from __future__ import annotations

import pytest
from django.db import connection

from suche import plan as search_plan
from suche.models import SearchLexeme
from suche.plan import Plan
from suche.query import search
from tests.helpers import migrate

from .test_search import article, titles

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="lexemes and prefixes: PostgreSQL only"),
]


def _lexemes(query_terms: list[str]) -> str:
    """What the index is asked."""
    return Plan(terms=query_terms, key="", expansions={})._lexemes()[1]


def test_the_lexicon_follows_what_is_indexed(member, shisha):
    item = article(shisha, member, title="Spielhallengesetz", body="Text")
    assert SearchLexeme.objects.filter(lexeme="spielhallengesetz").exists()
    item.body = "Vergnügungssteuersatzung"
    item.save()
    assert SearchLexeme.objects.filter(lexeme="vergnuegungssteuersatz").exists()


def test_a_prefix_is_asked_for_as_the_words_it_begins_and_finds_the_same(member, shisha):
    article(shisha, member, title="Spielhallengesetz NRW")
    article(shisha, member, title="Kontrolle einer Spielhalle")
    article(shisha, member, title="Spielbank Duisburg")
    assert _lexemes(["spielhalle"]) == "( 'spielhall' | 'spielhallengesetz' )"
    assert set(titles(search(member, "Spielhalle"))) == {"Spielhallengesetz NRW", "Kontrolle einer Spielhalle"}
    # A word the index does not hold stays as PostgreSQL reads it: it finds nothing either way.
    assert _lexemes(["quallenzucht"]) == "'quallenzucht':*"
    assert search(member, "Quallenzucht").total == 0


def test_a_prefix_of_many_words_stays_a_prefix(member, shisha, monkeypatch):
    article(shisha, member, title="Spielhallengesetz NRW")
    article(shisha, member, title="Kontrolle einer Spielhalle")
    expected = set(titles(search(member, "Spielhalle")))
    monkeypatch.setattr(search_plan, "PREFIX_LEXEMES_MAX", 1)
    assert _lexemes(["spielhalle"]) == "'spielhall':*"
    assert set(titles(search(member, "Spielhalle"))) == expected


def test_several_words_any_word_and_compounds_keep_their_meaning(member, shisha, gluecksspiel):
    article(shisha, member, title="Urteil zum Abstandsgebot für Spielhallen")
    article(gluecksspiel, member, title="Glücksspielstaatsvertrag 2021", body="Abstandsgebot im Staatsvertrag")
    article(shisha, member, title="Gefährdungsbeurteilung Shisha-Bar")
    assert titles(search(member, "Urteil Spielhalle Abstandsgebot")) == ["Urteil zum Abstandsgebot für Spielhallen"]
    assert set(titles(search(member, "staatsvertrag"))) == {"Glücksspielstaatsvertrag 2021"}
    # No entry holds all three: any of them is enough (and the compound "Gefährdungsbeurteilung" holds "urteil").
    broadened = search(member, "Urteil Spielhalle Quallenzucht")
    assert broadened.broadened
    assert set(titles(broadened)) == {"Urteil zum Abstandsgebot für Spielhallen", "Gefährdungsbeurteilung Shisha-Bar"}


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_lexicon_from_the_index(member, shisha):
    article(shisha, member, title="Spielhallengesetz NRW")
    try:
        migrate(("suche", "0002_arbeitskreis_names"))
    finally:
        migrate()
    assert SearchLexeme.objects.filter(lexeme="spielhallengesetz").exists()


def test_the_ranking_reads_the_prefix_not_its_words(member, shisha):
    # ts_rank counts every alternative of a group as a query word: the prefix's words would reorder the
    # hits (tests/zustaendigkeiten/test_search.py ranks the responsible person first only so).
    article(shisha, member, title="Spielhallengesetz NRW")
    plan = Plan(terms=["spielhalle"], key="", expansions={})
    assert plan._lexemes() == ("'spielhall':*", "( 'spielhallengesetz' )")
    assert plan.tsquery(for_ranking=True).source_expressions[0].value == "'spielhall':*"
    assert plan.tsquery().source_expressions[0].value == "( 'spielhallengesetz' )"


def test_a_word_with_a_quote_or_backslash_is_asked_for_as_it_is(member, shisha):
    # The parser keeps such characters in some words of files (paths, addresses); the literal must hold.
    article(shisha, member, title="Kontrolle einer Spielhalle")
    SearchLexeme.objects.create(lexeme="spielhall'o\\k")
    asked = _lexemes(["spielhalle"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT querytree(CAST(%s AS tsquery))", [asked])
        assert cursor.fetchone()[0] == "'spielhall' | 'spielhall''o\\\\k'"
    assert titles(search(member, "Spielhalle")) == ["Kontrolle einer Spielhalle"]
