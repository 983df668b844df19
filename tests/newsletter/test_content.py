"""An issue's body: safe Markdown, plain text for mail programs, and no links into closed areas."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from newsletter import content

BASE = "https://portal.example.test"


def test_markdown_becomes_sanitised_html():
    html = content.render_html(
        "# Überschrift\n\n**fett** und *kursiv*\n\n<script>alert(1)</script>\n\n"
        '<a href="javascript:alert(1)" onclick="x()">Klick</a>\n\n![Bild](https://example.org/x.png)'
    )
    assert "<h2>Überschrift</h2>" in html and "<h1>" not in html
    assert "<strong>fett</strong>" in html and "<em>kursiv</em>" in html
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert "<img" not in html


def test_links_get_rel_noopener_and_portal_links_become_absolute():
    html = content.render_html("[Partner](/behoerden/stadt-essen/) und [IM NRW](https://www.im.nrw/)")
    assert f'href="{BASE}/behoerden/stadt-essen/"' in html
    assert 'href="https://www.im.nrw/"' in html
    assert html.count('rel="noopener noreferrer"') == 2


@pytest.mark.parametrize(
    "url",
    [
        "/verwaltung/nutzer/",
        "/admin/",
        "/konto/profil/",
        f"{BASE}/verwaltung/newsletter/",
        "/behoerden/../verwaltung/nutzer/",
        "/%76erwaltung/nutzer/",
        "/arbeitskreise/rotlicht/",
    ],
)
def test_links_into_closed_or_administrative_arbeitskreise_are_refused(url):
    with pytest.raises(ValidationError) as error:
        content.validate_body(f"Siehe [hier]({url}).")
    assert "nicht verlinkt werden darf" in error.value.messages[0]
    assert "/behoerden/" in error.value.messages[0]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "//evil.example/x", "data:text/html,x"])
def test_unsafe_schemes_are_refused(url):
    with pytest.raises(ValidationError, match="nicht erlaubt"):
        content.validate_body(f"[x]({url})")


@pytest.mark.parametrize(
    "url",
    [
        "/behoerden/",
        f"{BASE}/behoerden/stadt-essen/",
        "/newsletter/ausgaben/3/",
        "https://www.im.nrw/",
        "mailto:a@b.de",
    ],
)
def test_open_rubrics_and_external_links_are_allowed(url):
    content.validate_body(f"[x]({url})")


def test_raw_html_links_are_checked_too():
    with pytest.raises(ValidationError):
        content.validate_body('<a href="/verwaltung/">intern</a>')


def test_plain_text_spells_out_links_and_drops_markup():
    text = content.render_text(
        "## Termine\n\nDie **Fachtagung** in [Essen](/behoerden/stadt-essen/) und bei [IM NRW](https://www.im.nrw/).\n\n"
        "Kontakt: <mailto:poststelle@sikoruhr.nrw.de>\n\n<b>roh</b>"
    )
    assert "## Termine" in text
    assert "Die Fachtagung in Essen (https://portal.example.test/behoerden/stadt-essen/)" in text
    assert "IM NRW (https://www.im.nrw/)" in text
    assert "mailto:poststelle@sikoruhr.nrw.de" in text and "<b>" not in text


def test_portal_links_are_parsed_line_by_line():
    links = content.parse_portal_links("Stadt Essen | /behoerden/stadt-essen/\n\nAlle Partner | /behoerden/")
    assert [(link.label, link.url) for link in links] == [
        ("Stadt Essen", f"{BASE}/behoerden/stadt-essen/"),
        ("Alle Partner", f"{BASE}/behoerden/"),
    ]


def test_bad_portal_link_lines_are_named():
    with pytest.raises(ValidationError) as error:
        content.parse_portal_links(
            "Ohne Pfad\nVerwaltung | /verwaltung/\nExtern | https://www.im.nrw/\nOk | /behoerden/"
        )
    messages = error.value.messages
    assert messages[0].startswith("Zeile 1: Bitte schreiben Sie")
    assert messages[1].startswith("Zeile 2: Der Link „/verwaltung/“ führt in einen Bereich")
    assert messages[2].startswith("Zeile 3: „https://www.im.nrw/“ ist kein Link ins Portal")
    assert len(messages) == 3
