"""Markdown, rendered to sanitised HTML with nh3: one renderer, two named policies.

`PAGE` is for text shown inside the portal (articles, case law, glossary, area documents,
meetings, threads): tables and code blocks, relative links anywhere into the portal.
`NEWSLETTER` is for an issue's body, which leaves the portal by mail: no tables, and a link
into the portal only to a path of SIKO_NEWSLETTER_LINKABLE_PATHS (open rubrics; closed areas,
account and administration pages are refused), written out absolute to SIKO_BASE_URL.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote, urlsplit

import markdown as markdown_lib
import nh3
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from .mail import absolute_url

URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL_REL = "noopener noreferrer"


@dataclass(frozen=True)
class Policy:
    """What a kind of text may contain, and what becomes of its links."""

    name: str
    extensions: tuple[str, ...]
    # Rewrites of the Markdown output before cleaning: the page title is the only h1.
    headings: tuple[tuple[str, str], ...]
    tags: frozenset[str]
    attributes: dict[str, set[str]]
    # An <a href> as written → the href to keep, or None to drop it (the link text stays).
    href: Callable[[str], str | None]
    # nh3's rel for every link, or ours for external (http/https) links only.
    link_rel: str | None
    external_rel: str | None
    clean_content_tags: frozenset[str] | None
    # Header cells of Markdown tables sit in <thead>: mark them as column headers.
    header_scope: bool
    help_text: str


def _page_href(value: str) -> str | None:
    stripped = value.strip()
    # Scheme-relative ("//host/…") and backslash URLs look relative but leave the portal.
    if stripped.startswith(("//", "\\", "/\\")):
        return None
    return stripped


# --- The newsletter's link rule -------------------------------------------------------------


def internal_path(url: str) -> str | None:
    """The portal path a link points to, or None for a link elsewhere."""
    parts = urlsplit(url.strip())
    if not parts.scheme and not parts.netloc:
        return parts.path or "/"
    base = urlsplit(settings.SIKO_BASE_URL)
    if (parts.scheme, parts.netloc) == (base.scheme, base.netloc):
        return parts.path or "/"
    return None


def check_link(url: str) -> str | None:
    """A German reason why `url` may not appear in a newsletter, or None if it may."""
    url = url.strip()
    parts = urlsplit(url)
    if url.startswith("#"):
        return None
    path = internal_path(url)
    if path is None:
        if parts.scheme not in URL_SCHEMES or (parts.scheme != "mailto" and not parts.netloc):
            return f"Der Link „{url}“ ist nicht erlaubt. Bitte verwenden Sie Adressen mit https:// oder mailto:."
        return None
    if not path.startswith("/"):
        return f"Der Link „{url}“ ist unvollständig. Links ins Portal beginnen mit /, z. B. /behoerden/."
    normalised = posixpath.normpath(unquote(path)) + ("/" if path.endswith("/") else "")
    allowed = settings.SIKO_NEWSLETTER_LINKABLE_PATHS
    if not any(normalised.startswith(prefix) for prefix in allowed):
        return (
            f"Der Link „{url}“ führt in einen Bereich des Portals, der im Newsletter nicht verlinkt werden "
            f"darf. Erlaubt sind nur offene Rubriken ({', '.join(allowed)})."
        )
    return None


def absolute_link(url: str) -> str:
    """A portal path written as "/…" made absolute to SIKO_BASE_URL; anything else unchanged."""
    path = internal_path(url)
    if path is not None and urlsplit(url).netloc == "" and url.startswith("/"):
        return absolute_url(url)
    return url


def _newsletter_href(value: str) -> str | None:
    return None if check_link(value) else absolute_link(value)


# --- The two policies ----------------------------------------------------------------------

_BASIC_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "hr", "code", "pre"}

PAGE = Policy(
    name="page",
    extensions=("sane_lists", "tables", "fenced_code"),
    headings=((r"<(/?)h1\b", r"<\1h2"), (r"<(/?)h[56]\b", r"<\1h4")),
    tags=frozenset(_BASIC_TAGS | {"table", "thead", "tbody", "tr", "th", "td"}),
    attributes={"a": {"href", "title"}, "th": {"scope"}},
    href=_page_href,
    link_rel=None,
    external_rel=EXTERNAL_REL,
    clean_content_tags=frozenset({"script", "style"}),
    header_scope=True,
    help_text=(
        "Formatierung mit Markdown: <code>**fett**</code>, <code>*kursiv*</code>, "
        "<code>## Zwischenüberschrift</code>, Listen mit <code>- </code> oder <code>1. </code>, "
        "Zitate mit <code>&gt; </code>, Links als <code>[Text](https://…)</code> oder ins Portal als "
        "<code>[Text](/pfad/im/portal/)</code>, Tabellen mit <code>| Spalte | Spalte |</code>. "
        "Bilder und eigene HTML-Auszeichnung werden nicht übernommen."
    ),
)

NEWSLETTER = Policy(
    name="newsletter",
    extensions=("sane_lists",),
    headings=((r"<(/?)h1>", r"<\1h2>"),),
    tags=frozenset(_BASIC_TAGS),
    attributes={"a": {"href", "title"}},
    href=_newsletter_href,
    link_rel=EXTERNAL_REL,
    external_rel=None,
    clean_content_tags=None,
    header_scope=False,
    help_text=(
        "Formatierung mit Markdown: <code>**fett**</code>, <code>*kursiv*</code>, "
        "<code>## Zwischenüberschrift</code>, Listen mit <code>- </code> oder <code>1. </code>, "
        "Links als <code>[Text](https://…)</code> oder ins Portal als <code>[Text](/behoerden/…)</code>. "
        "Bilder und eigene HTML-Auszeichnung werden nicht übernommen."
    ),
)

MARKDOWN_HELP = PAGE.help_text

# An <a …> start tag as nh3 serialises it (attribute values in double quotes, may contain ">").
_A_TAG = re.compile(r'<a\b((?:[^>"]|"[^"]*")*)>')
_HREF = re.compile(r'\shref="([^"]*)"')


def markdown_html(text: str, policy: Policy) -> str:
    """Markdown → HTML as the policy shapes it, not yet cleaned (also read for its links)."""
    html = markdown_lib.markdown(text, extensions=list(policy.extensions), output_format="html")
    for pattern, replacement in policy.headings:
        html = re.sub(pattern, replacement, html)
    return html


def render(text: str, policy: Policy) -> SafeString:
    """Markdown → sanitised HTML: only the policy's tags and attributes, links http(s)/mailto or
    as the policy allows, never a script, style or event handler."""
    if not text or not text.strip():
        return mark_safe("")  # noqa: S308 - the empty string  # nosec B308

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            return policy.href(value)
        return value

    html = nh3.clean(
        markdown_html(text, policy),
        tags=set(policy.tags),
        clean_content_tags=set(policy.clean_content_tags) if policy.clean_content_tags is not None else None,
        attributes=policy.attributes,
        url_schemes=URL_SCHEMES,
        link_rel=policy.link_rel,
        attribute_filter=attribute_filter,
        strip_comments=True,
    )
    if policy.external_rel:

        def add_rel(match: re.Match) -> str:
            attributes = match.group(1)
            href = _HREF.search(attributes)
            if href and href.group(1).lower().startswith(("http://", "https://")):
                return f'<a{attributes} rel="{policy.external_rel}">'
            return match.group(0)

        html = _A_TAG.sub(add_rel, html)
    if policy.header_scope:
        html = html.replace("<th>", '<th scope="col">')
    # nh3 left only the allowed tags and attributes (no scripts, styles or event handlers).
    return mark_safe(html)  # noqa: S308 - nh3 output plus fixed attributes  # nosec B308, B703


def render_markdown(text: str) -> SafeString:
    """Text shown in the portal (the PAGE policy)."""
    return render(text, PAGE)


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
