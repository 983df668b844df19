"""Search results a reader recognises: snippets without index words or Markdown, a glossary hit
with its definition, and umlauts found however they are written ("ue" = "ü", "ss" = "ß")."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse

from facharbeitskreise.models import Meeting
from fachgebiete.models import Document, GlossaryTerm
from fachgebiete.models.content import Status
from suche.models import SearchEntry
from suche.query import search
from suche.text import fold

from ..helpers import main_text
from .test_search import article, closed_arbeitskreis, rechtstatsache  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

INDEX_WORDS = ("Glossar Begriff", "Fachbegriff", "Erläuterung", "Information Informationen", "Rechtsprechung")


def plain(html) -> str:
    return re.sub(r"</?mark>", "", str(html))


def document(fachgebiet, author, **fields) -> Document:
    return Document.objects.create(
        fachgebiet=fachgebiet,
        author=author,
        status=Status.PUBLISHED,
        published_at=datetime.datetime.now(datetime.UTC),
        kind=Document.Kind.VORLAGE,
        **fields,
    )


# --- Snippets ----------------------------------------------------------------------------


def test_a_glossary_hit_shows_its_definition_without_index_words_or_markdown(client, member):
    GlossaryTerm.objects.create(
        term="Nadelstichtaktik", definition="Viele **kleine**, abgestimmte Kontrollen in [kurzer Folge](/glossar/)."
    )
    for query in ("Nadelstichtaktik", "Glossar Nadelstich"):  # still found by the type word
        hit = search(member, query).hits[0]
        assert plain(hit.title) == "Nadelstichtaktik", query
        assert plain(hit.snippet) == "Viele kleine, abgestimmte Kontrollen in kurzer Folge.", query
    client.force_login(member)
    text = main_text(client.get(reverse("search"), {"q": "Nadelstichtaktik"}))
    assert "Viele kleine, abgestimmte Kontrollen" in text
    assert not any(words in text for words in INDEX_WORDS)
    assert "**" not in text and "](/glossar/)" not in text


def test_markdown_shows_as_plain_text_and_the_word_stays_marked(member, shisha, gluecksspiel):
    article(
        shisha,
        member,
        title="Spielhallen in Gelsenkirchen",
        summary="",
        body="## Lage\n\nDas **Abstandsgebot** gilt auch für *Bestandsbetriebe*:\n\n- 350 m Luftlinie\n- ohne Ausnahme",
    )
    rechtstatsache(gluecksspiel, member, summary="Die Kammer bestätigt das **Abstandsgebot** _ausdrücklich_.")
    results = search(member, "Abstandsgebot")
    assert results.total == 2
    for hit in results.hits:
        snippet = str(hit.snippet)
        assert "<mark>Abstandsgebot</mark>" in snippet
        assert not re.search(r"\*|##|(?<!\w)_", snippet), snippet


def test_snippets_never_show_the_words_an_entry_is_only_found_by(member, shisha, gluecksspiel, essen):
    article(shisha, member, title="Shisha-Bars in Essen", summary="Erfahrungen aus der Praxis.", partner=essen)
    rechtstatsache(gluecksspiel, member)  # its headnote: "Das Abstandsgebot zwischen Spielhallen …"
    # Found by the type words, the Fachgebiet, the court and the authority (kept in the index) …
    information = search(member, "Informationen Shisha Kommune").hits[0]
    decision = search(member, "Rechtsprechung OVG Spielhallen").hits[0]
    assert plain(information.title) == "Shisha-Bars in Essen"
    # … but the snippets show what the reader wrote.
    assert plain(information.snippet).startswith("Erfahrungen aus der Praxis.")
    assert plain(decision.snippet) == "Das Abstandsgebot zwischen Spielhallen ist verfassungsgemäß."
    for hit in (information, decision):
        assert not any(words in plain(hit.snippet) for words in INDEX_WORDS + ("Kommune", "OVG NRW"))


def test_a_meeting_agenda_in_markdown_reads_as_text(member, closed_arbeitskreis):  # noqa: F811 - fixture
    Meeting.objects.filter(arbeitskreis=closed_arbeitskreis).update(
        agenda="1. **Begrüßung**\n2. Lagebild Kohlenmonoxid"
    )
    from suche.index import reindex

    reindex(["sitzung"])
    hit = search(member, "Kohlenmonoxid").hits[0]
    assert plain(hit.snippet) == "Begrüßung Lagebild Kohlenmonoxid"


def test_closed_content_stays_out_of_snippets_and_counts_for_others(outsider, member, closed_arbeitskreis):  # noqa: F811
    # The area's words are in the index of its documents; an outsider gets neither hit nor snippet.
    results = search(outsider, "Wolkenkuckucksheim")
    assert (results.total, results.hits, results.facets) == (0, [], [])
    assert search(member, "Wolkenkuckucksheim").total == 3


# --- Umlauts written out ----------------------------------------------------------------------


def test_one_spelling_for_index_and_query():
    assert fold("Untersagungsverfügung") == fold("Untersagungsverfuegung") == "untersagungsverfuegung"
    assert fold("STRASSE") == fold("Straße") == fold("STRAẞE") == "strasse"
    assert fold("Ärger Öl Übel") == "aerger oel uebel"
    assert fold("Verfu\u0308gung") == "verfuegung"  # decomposed ü (from a PDF) as well


def test_umlauts_written_out_find_the_umlauts_and_back(member, shisha):
    wanted = document(shisha, member, title="Untersagungsverfügung Shisha-Bar", description="Vorlage nach § 15 GewO.")
    spelled_out = article(
        shisha, member, title="Schliessung einer Shisha-Bar", summary="Massnahmen nach Pruefung der Raeume."
    )
    for query in ("Untersagungsverfuegung", "untersagungsverfügung", "UNTERSAGUNGSVERFUEGUNG"):
        results = search(member, query)
        assert [hit.url for hit in results.hits] == [wanted.get_absolute_url()], query
        assert str(results.hits[0].title).startswith("<mark>Untersagungsverfügung</mark>"), query
    for query in ("Schließung", "Maßnahmen Prüfung", "Räume"):
        results = search(member, query)
        assert [hit.url for hit in results.hits] == [spelled_out.get_absolute_url()], query
        assert not results.broadened, query
    assert "<mark>Massnahmen</mark>" in str(search(member, "Maßnahmen").hits[0].snippet)


def test_stop_words_with_umlauts_do_not_narrow_the_search(member, shisha):
    wanted = document(shisha, member, title="Untersagung Shisha-Bar", description="Vorlage nach § 15 GewO.")
    results = search(member, "Untersagung für Shisha")
    assert wanted.get_absolute_url() in [hit.url for hit in results.hits]
    if connection.vendor == "postgresql":  # a stop word to PostgreSQL, as before the folding
        assert not results.broadened
    else:  # SQLite matches every word as text: no entry holds "für", any word is enough
        assert results.broadened


def test_the_index_keeps_the_text_as_written(member, shisha):
    item = document(shisha, member, title="Untersagungsverfügung", description="Straßenverkauf")
    entry = SearchEntry.objects.get(kind="muster", object_id=item.pk)
    assert (entry.title, entry.text_b) == ("Untersagungsverfügung", "Straßenverkauf")


def test_a_hit_is_read_from_its_entry_with_the_start_of_the_file_text_only(monkeypatch):
    from suche import results
    from suche.plan import Plan

    entry = SearchEntry.objects.create(
        kind="muster",
        object_id=1,
        title="Leitfaden <Kontrollen>",
        url="/muster/1/",
        context="Shisha",
        rubric="fachgebiete",
        date=datetime.date(2024, 2, 29),
        keys="|33igewo|",
        text_d="Anfang des Dateitextes. Weiter hinten im Dateitext steht das Zielwort.",
    )
    monkeypatch.setattr(results, "SNIPPET_SOURCE_CHARS", 22)
    # An entry deleted between the two queries is left out.
    [hit] = results.hits([999_999, entry.pk], Plan(terms=["zielwort"], key="33igewo", expansions={}))
    assert (hit.kind, hit.title, hit.url, hit.context, hit.exact) == (
        "muster",
        "Leitfaden &lt;Kontrollen&gt;",
        "/muster/1/",
        "Shisha",
        True,
    )
    assert (hit.date, hit.date_iso, hit.date_text) == (datetime.date(2024, 2, 29), "2024-02-29", "29.02.2024")
    # Only the first characters of the file text were fetched: no match, the snippet is their beginning.
    assert str(hit.snippet) == "Anfang des Dateitextes"
