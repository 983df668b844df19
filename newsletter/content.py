"""The body of an issue: Markdown, rendered to sanitised HTML (common.markdown's NEWSLETTER
policy) and to plain text.

Closed areas never reach a newsletter: the body is text the Geschäftsstelle writes, and
every link into the portal must lead to an open rubric listed in
SIKO_NEWSLETTER_LINKABLE_PATHS (an allow-list; /verwaltung/, /admin/, /konto/ and every
closed area are refused). Links elsewhere must use http(s) or mailto.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString

from common.mail import absolute_url
from common.markdown import NEWSLETTER, absolute_link, check_link, internal_path, markdown_html, render

MARKDOWN_HELP = NEWSLETTER.help_text
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
        return absolute_url(self.path)


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def validate_body(source: str) -> None:
    collector = _LinkCollector()
    collector.feed(markdown_html(source, NEWSLETTER))
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


def render_html(source: str) -> SafeString:
    """Sanitised HTML of the body, safe to insert into pages and mails; portal links absolute."""
    return render(source, NEWSLETTER)


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
        return f"{label} ({absolute_link(url).removeprefix('mailto:')})"

    text = source.replace("\r\n", "\n")
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(link, text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _HTML_TAG.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
