from django.utils.safestring import SafeString

from common.markdown import MARKDOWN_HELP, render_markdown


def test_returns_safe_string():
    assert isinstance(render_markdown("Hallo"), SafeString)


def test_empty_text_renders_nothing():
    assert render_markdown("   ") == ""


def test_basic_formatting():
    html = render_markdown("## Zwischentitel\n\n**fett** und *kursiv*\n\n- eins\n- zwei\n\n> Zitat")

    assert "<h2>Zwischentitel</h2>" in html
    assert "<strong>fett</strong>" in html
    assert "<em>kursiv</em>" in html
    assert "<li>eins</li>" in html
    assert "<blockquote>" in html


def test_h1_becomes_h2():
    assert render_markdown("# Titel") == "<h2>Titel</h2>"


def test_script_is_removed_with_content():
    html = render_markdown("Text <script>alert('x')</script> danach")

    assert "script" not in html
    assert "alert" not in html


def test_event_handlers_are_removed():
    html = render_markdown('<a href="https://example.org" onclick="steal()">Link</a> <p onmouseover="x()">P</p>')

    assert "onclick" not in html
    assert "onmouseover" not in html
    assert "steal" not in html


def test_javascript_links_are_removed():
    html = render_markdown("[klick](javascript:alert(1)) [Klick](JaVaScRiPt:alert(2))")

    assert "javascript" not in html.lower()
    assert "<a>klick</a>" in html


def test_data_and_scheme_relative_links_are_removed():
    html = render_markdown("[a](data:text/html,x) [b](//evil.example/)")

    assert "href" not in html


def test_images_and_iframes_are_removed():
    html = render_markdown('![Bild](https://example.org/x.png) <iframe src="https://example.org"></iframe>')

    assert "<img" not in html
    assert "<iframe" not in html


def test_external_link_gets_rel():
    html = render_markdown('[Gesetz](https://recht.nrw.de/ "Recht NRW")')

    assert html == ('<p><a href="https://recht.nrw.de/" title="Recht NRW" rel="noopener noreferrer">Gesetz</a></p>')


def test_internal_and_mail_links_are_kept_without_rel():
    html = render_markdown("[Glossar](/fachgebiete/glossar/) [Mail](mailto:poststelle@sikoruhr.nrw.de)")

    assert '<a href="/fachgebiete/glossar/">Glossar</a>' in html
    assert '<a href="mailto:poststelle@sikoruhr.nrw.de">Mail</a>' in html


def test_tables_are_kept_with_column_headers():
    html = render_markdown("| Stadt | Kontrollen |\n|---|---:|\n| Essen | 12 |")

    assert '<th scope="col">Stadt</th>' in html
    assert "<td>Essen</td>" in html
    assert "style" not in html


def test_code_blocks_are_escaped():
    html = render_markdown("```\n<b>nicht fett</b>\n```")

    assert "<pre><code>&lt;b&gt;nicht fett&lt;/b&gt;" in html


def test_help_text_is_german():
    assert "Markdown" in MARKDOWN_HELP
    assert "Links" in MARKDOWN_HELP
