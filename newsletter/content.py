"""The body of an issue: Markdown, rendered to sanitised HTML and to plain text.

Closed areas never reach a newsletter: the body is text the Geschäftsstelle writes, and
every link into the portal must lead to an open rubric listed in
SIKO_NEWSLETTER_LINKABLE_PATHS (an allow-list; /verwaltung/, /admin/, /konto/ and every
closed area are refused). Links elsewhere must use http(s) or mailto.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "hr", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

MARKDOWN_HELP = (
    "Formatierung mit Markdown: <code>**fett**</code>, <code>*kursiv*</code>, "
    "<code>## Zwischenüberschrift</code>, Listen mit <code>- </code> oder <code>1. </code>, "
    "Links als <code>[Text](https://…)</code> oder ins Portal als <code>[Text](/behoerden/…)</code>. "
    "Bilder und eigene HTML-Auszeichnung werden nicht übernommen."
)
LINKS_HELP = (
    "Optional, eine Zeile je Link: <code>Bezeichnung | /pfad/im/portal/</code>, z. B. "
    "<code>Ansprechpersonen der Stadt Essen | /behoerden/stadt-essen/</code>. Nur offene Rubriken "
    "dürfen verlinkt werden, keine geschlossenen Bereiche und keine Verwaltungsseiten."
)


@dataclass(frozen=True)
class PortalLink:
    label: str
    path: str

    @property
    def url(self) -> str:
        return f"{settings.SIKO_BASE_URL}{self.path}"


def _portal_origin() -> tuple[str, str]:
    base = urlsplit(settings.SIKO_BASE_URL)
    return base.scheme, base.netloc


def internal_path(url: str) -> str | None:
    """The portal path a link points to, or None for a link elsewhere."""
    parts = urlsplit(url.strip())
    if not parts.scheme and not parts.netloc:
        return parts.path or "/"
    if (parts.scheme, parts.netloc) == _portal_origin():
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


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def _markdown_to_html(source: str) -> str:
    html = markdown.markdown(source, extensions=["sane_lists"], output_format="html")
    # The issue title is the page's only h1; the body's headings start one level below.
    return re.sub(r"<(/?)h1>", r"<\1h2>", html)


def validate_body(source: str) -> None:
    collector = _LinkCollector()
    collector.feed(_markdown_to_html(source))
    errors = [reason for url in collector.links if (reason := check_link(url))]
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))


def parse_portal_links(text: str) -> list[PortalLink]:
    """`Bezeichnung | /pfad/` per line; raises ValidationError naming every bad line."""
    links, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, sep, path = (part.strip() for part in line.partition("|"))
        if not sep or not label or not path:
            errors.append(f"Zeile {number}: Bitte schreiben Sie „Bezeichnung | /pfad/im/portal/“.")
            continue
        if internal_path(path) is None:
            errors.append(f"Zeile {number}: „{path}“ ist kein Link ins Portal. Externe Links gehören in den Text.")
            continue
        if reason := check_link(path):
            errors.append(f"Zeile {number}: {reason}")
            continue
        links.append(PortalLink(label=label, path=internal_path(path)))
    if errors:
        raise ValidationError(errors)
    return links


def _absolute(url: str) -> str:
    path = internal_path(url)
    if path is not None and urlsplit(url).netloc == "" and url.startswith("/"):
        return f"{settings.SIKO_BASE_URL}{url}"
    return url


def render_html(source: str) -> SafeString:
    """Sanitised HTML of the body, safe to insert into pages and mails; portal links absolute."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            return None if check_link(value) else _absolute(value)
        return value

    html = nh3.clean(
        _markdown_to_html(source),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=attribute_filter,
    )
    # nh3 left only the allowed tags and attributes (no scripts, styles or event handlers).
    return mark_safe(html)  # noqa: S308 - nh3 output  # nosec B308, B703


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>]+)>")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def render_text(source: str) -> str:
    """The plain-text part from the Markdown source: readable as written, links spelled out."""

    def link(match: re.Match) -> str:
        label, url = match.group(1), match.group(2)
        if check_link(url):
            return label
        return f"{label} ({_absolute(url).removeprefix('mailto:')})"

    text = source.replace("\r\n", "\n")
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(link, text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _HTML_TAG.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
