"""Smoke test of `manage.py benchmark_search`: a tiny corpus is built, indexed and found.

The benchmark itself (100,000 items, PostgreSQL, timings) is no test; this only keeps its corpus
generator working as the models change.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import CommandError, call_command

from devtools import benchmark_corpus
from dokumente.models import StoredFile, TextStatus
from facharbeitskreise.models import Arbeitskreis, ArbeitskreisDocument
from fachgebiete.models import Article, Document, Rechtstatsache
from suche.index import reindex
from suche.query import Filters, search

pytestmark = pytest.mark.django_db


def plain(hit) -> str:
    return re.sub(r"</?mark>", "", str(hit.title))


def test_tiny_corpus_is_indexed_and_found():
    corpus = benchmark_corpus.build(documents=40, users=12, arbeitskreise=3, seed=7)

    assert Article.objects.count() == 16
    assert Document.objects.count() == 16
    assert Rechtstatsache.objects.count() == 4
    assert ArbeitskreisDocument.objects.count() == 4
    assert Document.objects.filter(versions__file__text_status="done").exclude(versions__file__text="").exists()
    assert reindex() >= 40 + 12

    decision = search(corpus.member, benchmark_corpus.KNOWN_AKTENZEICHEN)
    assert decision.hits[0].exact
    assert plain(decision.hits[0]) == f"OVG NRW, {benchmark_corpus.KNOWN_AKTENZEICHEN}"

    people = search(corpus.member, "Ansprechpartner Zoll Duisburg", Filters(kind="person"))
    assert people.total >= 2
    assert all(hit.context == "Hauptzollamt Duisburg" for hit in people.hits)

    # Text that exists only in a file of a closed area: found by that area's members, by nobody else.
    document = ArbeitskreisDocument.objects.first()
    StoredFile.objects.filter(pk=document.versions.get().file_id).update(
        text="Unverwechselbar: Wolkenkuckucksheimverfahren", text_status=TextStatus.DONE
    )
    reindex(["bereichsdokument"])
    for user in (corpus.member, corpus.multi_member):
        is_member = Arbeitskreis.objects.member_of(user).filter(pk=document.arbeitskreis_id).exists()
        assert search(user, "Wolkenkuckucksheimverfahren").total == int(is_member)


def test_benchmark_refuses_sqlite_without_flag(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("benchmark_search")
