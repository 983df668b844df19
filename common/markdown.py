"""Markdown for article bodies and descriptions, rendered to sanitised HTML with nh3."""

from __future__ import annotations

import re
from html import unescape

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "hr", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL_REL = "noopener noreferrer"

MARKDOWN_HELP = (
    "Formatierung mit Markdown: <code>**fett**</code>, <code>*kursiv*</code>, "
    "<code>## Zwischenüberschrift</code>, Listen mit <code>- </code> oder <code>1. </code>, "
    "Zitate mit <code>&gt; </code>, Links als <code>[Text](https://…)</code> oder ins Portal als "
    "<code>[Text](/pfad/im/portal/)</code>, Tabellen mit <code>| Spalte | Spalte |</code>. "
    "Bilder und eigene HTML-Auszeichnung werden nicht übernommen."
)

# An <a …> start tag as nh3 serialises it (attribute values in double quotes, may contain ">").
_A_TAG = re.compile(r'<a\b((?:[^>"]|"[^"]*")*)>')
_HREF = re.compile(r'\shref="([^"]*)"')


def _markdown_to_html(text: str) -> str:
    html = markdown_lib.markdown(text, extensions=["sane_lists", "tables", "fenced_code"], output_format="html")
    # The page title is the only h1; headings in the text start one level below, h5/h6 become h4.
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    return re.sub(r"<(/?)h[56]\b", r"<\1h4", html)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        stripped = value.strip()
        # Scheme-relative ("//host/…") and backslash URLs look relative but leave the portal.
        if stripped.startswith(("//", "\\", "/\\")):
            return None
        return stripped
    return value


def _is_external(href: str) -> bool:
    return href.lower().startswith(("http://", "https://"))


def _add_rel(match: re.Match) -> str:
    attributes = match.group(1)
    href = _HREF.search(attributes)
    if href and _is_external(href.group(1)):
        return f'<a{attributes} rel="{EXTERNAL_REL}">'
    return match.group(0)


def render_markdown(text: str) -> SafeString:
    """Markdown → sanitised HTML: only the tags above, links http(s)/mailto/relative, rel on external links."""
    if not text or not text.strip():
        return mark_safe("")  # noqa: S308 - the empty string  # nosec B308
    html = nh3.clean(
        _markdown_to_html(text),
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )
    html = _A_TAG.sub(_add_rel, html)
    # Header cells of Markdown tables sit in <thead>: mark them as column headers.
    html = html.replace("<th>", '<th scope="col">')
    # nh3 left only the allowed tags and attributes (no scripts, styles or event handlers).
    return mark_safe(html)  # noqa: S308 - nh3 output plus fixed attributes  # nosec B308, B703


# Ends of blocks (paragraphs, items, cells …): a line break in the plain text, so words do not run together.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|th|td)>|<br\s*/?>|<hr\s*/?>")
_TAG = re.compile(r"<[^>]*>")
# Anything Markdown (or HTML) could make something of; text without it is shown as it is.
_MARKUP = re.compile(r"[*_#\[\]`<>|&\\~]|^ {0,3}(?:[-+]|\d+[.)])\s|^ {0,3}[=-]{2,}\s*$", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """What a reader sees of Markdown, as plain text: "**Abstandsgebot**" → "Abstandsgebot", a link's
    text without its address, nothing of what the page leaves out (raw HTML, scripts). For search
    snippets and the index."""
    if _MARKUP.search(text or ""):
        html = _BLOCK_END.sub("\n", str(render_markdown(text)))
        plain = unescape(_TAG.sub("", html))
    else:  # plain already (rendering costs milliseconds, and the index reads every text)
        plain = text or ""
    return "\n".join(line for line in (" ".join(part.split()) for part in plain.splitlines()) if line)
