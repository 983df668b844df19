"""`{{ html|glossary_links }}`: the first mention of each term links to its entry, in text only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import mark_safe

from fachgebiete.glossary_links import link_terms


def link(html: str, **kwargs) -> str:
    return str(link_terms(mark_safe(html), **kwargs))


def anchor(slug: str, text: str) -> str:
    return f'<a href="/glossar/{slug}/" class="glossary-link">{text}</a>'


@pytest.fixture
def terms(make_term):
    make_term("Nadelstichtaktik", synonyms="Politik der Nadelstiche")
    make_term("Spielhalle", synonyms="Spielhallen")
    make_term("CTC")
    make_term("Communities That Care")
    make_term("Glücksspielstaatsvertrag", synonyms="GlüStV")
    make_term("Bewachungsgewerbe § 34a GewO", synonyms="§ 34a GewO")
    make_term("Öffentliche Ordnung")


def test_links_a_term(terms):
    assert (
        link("<p>Die Nadelstichtaktik wirkt.</p>")
        == f"<p>Die {anchor('nadelstichtaktik', 'Nadelstichtaktik')} wirkt.</p>"
    )


def test_only_the_first_occurrence(terms):
    result = link("<p>Spielhalle eins.</p><p>Spielhalle zwei.</p>")
    assert result.count("glossary-link") == 1
    assert result.startswith(f"<p>{anchor('spielhalle', 'Spielhalle')} eins.")


def test_a_synonym_counts_as_the_term(terms):
    result = link("<p>Zwei Spielhallen, eine Spielhalle.</p>")
    assert result == f"<p>Zwei {anchor('spielhalle', 'Spielhallen')}, eine Spielhalle.</p>"


def test_synonym_with_spaces_matches_across_line_breaks(terms):
    result = link("<p>die Politik der\nNadelstiche</p>")
    assert anchor("nadelstichtaktik", "Politik der\nNadelstiche") in result


def test_case_insensitive_and_keeps_the_text(terms):
    assert anchor("nadelstichtaktik", "NADELSTICHTAKTIK") in link("<p>NADELSTICHTAKTIK</p>")


def test_umlauts_case_insensitive(terms):
    assert anchor("oeffentliche-ordnung", "öffentliche Ordnung") in link("<p>Die öffentliche Ordnung.</p>")
    assert anchor("gluecksspielstaatsvertrag", "GLÜCKSSPIELSTAATSVERTRAG") in link("<p>GLÜCKSSPIELSTAATSVERTRAG</p>")


def test_whole_words_only(terms):
    assert "glossary-link" not in link("<p>Spielhallenbetreiber und CTCs und XCTC</p>")
    # an umlaut is a letter, too: no match inside "Spielhalleä"
    assert "glossary-link" not in link("<p>Spielhalleä</p>")


def test_hyphenated_compound_links_the_term_part(terms):
    assert anchor("ctc", "CTC") in link("<p>Die CTC-Methode</p>")


def test_longest_spelling_wins(terms):
    result = link("<p>Bewachungsgewerbe § 34a GewO</p>")
    assert result == f"<p>{anchor('bewachungsgewerbe-34a-gewo', 'Bewachungsgewerbe § 34a GewO')}</p>"


def test_term_starting_with_a_sign(terms):
    assert anchor("bewachungsgewerbe-34a-gewo", "§ 34a GewO") in link("<p>nach § 34a GewO erlaubt</p>")


def test_never_inside_links(terms):
    html = '<p><a href="https://example.org">Spielhalle</a> und Spielhalle</p>'
    assert link(html) == f'<p><a href="https://example.org">Spielhalle</a> und {anchor("spielhalle", "Spielhalle")}</p>'


def test_never_inside_headings(terms):
    html = "<h2>Nadelstichtaktik</h2><p>Nadelstichtaktik</p>"
    assert link(html) == f"<h2>Nadelstichtaktik</h2><p>{anchor('nadelstichtaktik', 'Nadelstichtaktik')}</p>"


def test_never_inside_code(terms):
    html = "<p><code>CTC</code></p><pre><code>CTC</code></pre><p>CTC</p>"
    assert link(html) == f"<p><code>CTC</code></p><pre><code>CTC</code></pre><p>{anchor('ctc', 'CTC')}</p>"


def test_nested_markup_inside_a_link_stays_unlinked(terms):
    html = '<p><a href="/x/"><strong>CTC</strong></a> <em>CTC</em></p>'
    assert link(html) == f'<p><a href="/x/"><strong>CTC</strong></a> <em>{anchor("ctc", "CTC")}</em></p>'


def test_never_inside_attributes(terms):
    html = '<p><img alt="Spielhalle" src="/a.png" title="x > Spielhalle"> Text</p>'
    assert link(html) == html


def test_entities_in_text_survive(terms):
    html = "<p>Spielhalle &amp; Co. &lt;b&gt; nicht fett</p>"
    assert link(html) == f"<p>{anchor('spielhalle', 'Spielhalle')} &amp; Co. &lt;b&gt; nicht fett</p>"


def test_unsafe_input_is_escaped_first(terms):
    result = link_terms("<script>alert('Spielhalle')</script>")
    assert "<script>" not in result
    assert "&lt;script&gt;" in result


def test_exclude_leaves_one_term_unlinked(terms):
    assert "glossary-link" not in link("<p>Spielhalle</p>", exclude="spielhalle")


def test_no_terms_changes_nothing(db):
    assert link("<p>Spielhalle</p>") == "<p>Spielhalle</p>"


def test_template_filter(terms):
    template = Template("{% load glossary %}{{ html|glossary_links }}")
    result = template.render(Context({"html": mark_safe("<p>CTC</p>")}))
    assert result == f"<p>{anchor('ctc', 'CTC')}</p>"


def test_template_filter_escapes_plain_strings(terms):
    result = Template("{% load glossary %}{{ html|glossary_links }}").render(Context({"html": "<b>CTC</b>"}))
    assert result == f"&lt;b&gt;{anchor('ctc', 'CTC')}&lt;/b&gt;"


def test_terms_are_cached_between_calls(terms):
    link("<p>CTC</p>")
    with CaptureQueriesContext(connection) as queries:
        link("<p>CTC</p>")
    assert len(queries) == 0


def test_a_new_term_is_linked_at_once(terms, make_term):
    link("<p>Strohmann</p>")
    make_term("Strohmann")
    assert "glossary-link" in link("<p>Strohmann</p>")


def test_a_renamed_term_is_linked_under_its_new_name(terms):
    from fachgebiete.models import GlossaryTerm

    link("<p>CTC</p>")
    term = GlossaryTerm.objects.get(term="CTC")
    term.synonyms = "CTC-Ansatz"
    term.term = "Präventionsrahmen"
    term.save()
    assert "glossary-link" not in link("<p>CTC</p>")
    assert anchor("ctc", "Präventionsrahmen") in link("<p>Präventionsrahmen</p>")


def test_a_deleted_term_is_no_longer_linked(terms):
    from fachgebiete.models import GlossaryTerm

    link("<p>CTC</p>")
    GlossaryTerm.objects.get(term="CTC").delete()
    assert "glossary-link" not in link("<p>CTC</p>")
