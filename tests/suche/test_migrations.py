"""The search index moved from `sikoportal` to `suche` without touching its data: a database in the
state before the move (sikoportal 0004, no `suche` yet) migrates forward with every entry, word,
index and permission where it was, and the search answers from it at once — on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from fachgebiete.models import GlossaryTerm
from suche.models import SearchEntry, SearchWord
from suche.query import search
from tests.helpers import migrate

BEFORE = [("sikoportal", "0004_search_entry_words_and_spelling"), ("suche", None)]

pytestmark = pytest.mark.django_db(transaction=True)


def _hit_titles(user, query: str) -> list[str]:
    return [str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in search(user, query).hits]


def test_the_index_survives_the_move_to_its_own_app(member):
    GlossaryTerm.objects.create(term="Spielhallenkonzession", definition="Erlaubnis nach § 33i GewO.")
    entries = list(SearchEntry.objects.values_list("pk", "kind", "title").order_by("pk"))
    assert ("glossar", "Spielhallenkonzession") in [(kind, title) for _pk, kind, title in entries]
    try:
        apps = migrate(*BEFORE)
        # As before the move: the models are sikoportal's, on the same tables, with the same rows.
        OldEntry = apps.get_model("sikoportal", "SearchEntry")
        assert list(OldEntry.objects.values_list("pk", "kind", "title").order_by("pk")) == entries
        apps.get_model("sikoportal", "SearchWord").objects.create(word="vorher")
        # (Content types of models added later, such as the lexicon, stay when migrating back.)
        assert not ContentType.objects.filter(app_label="suche", model__in=["searchentry", "searchword"]).exists()
        old_type = ContentType.objects.get(app_label="sikoportal", model="searchentry")
    finally:
        migrate()

    assert list(SearchEntry.objects.values_list("pk", "kind", "title").order_by("pk")) == entries
    assert SearchWord.objects.filter(word="vorher").exists()
    # The content type moved along (same row, so its permissions with it); none is left behind.
    assert ContentType.objects.get_for_model(SearchEntry).pk == old_type.pk
    assert not ContentType.objects.filter(app_label="sikoportal", model__in=["searchentry", "searchword"]).exists()
    assert Permission.objects.get(codename="view_searchentry").content_type.app_label == "suche"
    # The search reads the moved index (PostgreSQL: its vector and GIN indexes, SQLite: the fallback).
    assert _hit_titles(member, "Spielhallenkonzession") == ["Spielhallenkonzession"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, SearchEntry._meta.db_table)
            constraints.update(connection.introspection.get_constraints(cursor, SearchWord._meta.db_table))
        assert {"search_entry_vector", "search_entry_keys_trgm", "search_word_trgm", "search_entry_unique"} <= set(
            constraints
        )
