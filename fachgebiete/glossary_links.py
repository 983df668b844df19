"""Links the first mention of each glossary term in already-sanitised HTML to its entry.

Only text nodes are touched, never markup, and never text inside links, headings or code.
The term list lives in the cache (cleared whenever a term is saved or deleted, and
expiring after INDEX_SECONDS so that processes with a local cache catch up, too); the
compiled pattern is kept per process for as long as the term list is the same.
"""

from __future__ import annotations

import functools
import html
import re

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from .models import GlossaryTerm

CACHE_KEY = "fachgebiete:glossary:index:v1"
INDEX_SECONDS = 300

# Text inside these elements is never linked.
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style", "button", "label"}
# Tags, comments and text: attribute values may contain ">" after sanitising, so quotes are honoured.
_TOKENS = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|[^<]+|<", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def invalidate() -> None:
    cache.delete(CACHE_KEY)


def _index() -> tuple[tuple[str, str], ...]:
    """(spelling, slug) for every term and synonym, longest first."""
    index = cache.get(CACHE_KEY)
    if index is None:
        pairs = {}
        for term in GlossaryTerm.objects.only("term", "synonyms", "slug"):
            for variant in term.variants:
                pairs.setdefault(_normalise(variant), (variant, term.slug))
        index = tuple(sorted(pairs.values(), key=lambda pair: (-len(pair[0]), pair[0])))
        cache.set(CACHE_KEY, index, INDEX_SECONDS)
    return index


@functools.lru_cache(maxsize=4)
def _compile(index: tuple[tuple[str, str], ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    if not index:
        return None, {}
    slugs = {_normalise(variant): slug for variant, slug in index}
    # Whole words: no letter or digit (umlauts included) may touch the match; inner spaces match any whitespace.
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in variant.split()) for variant, _ in index)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), slugs


def link_terms(value, *, exclude: str = "") -> SafeString:
    """`value` is sanitised HTML (a SafeString); anything else is escaped first."""
    text = str(conditional_escape(value))
    pattern, slugs = _compile(_index())
    if pattern is None:
        return mark_safe(text)  # noqa: S308 - escaped or already safe above  # nosec B308, B703
    linked = {exclude} if exclude else set()
    skip_depth = 0
    out = []

    def replace(match: re.Match) -> str:
        slug = slugs.get(_normalise(match.group(0)))
        if slug is None or slug in linked:
            return escape(match.group(0))
        linked.add(slug)
        url = reverse("fachgebiete:glossary_detail", kwargs={"slug": slug})
        return f'<a href="{escape(url)}" class="glossary-link">{escape(match.group(0))}</a>'

    for token in _TOKENS.findall(text):
        if token.startswith("<") and len(token) > 1:
            name = _TAG_NAME.match(token)
            if name and name.group(2).lower() in _SKIP and not token.endswith("/>"):
                skip_depth = max(0, skip_depth + (-1 if name.group(1) else 1))
            out.append(token)
        elif skip_depth or not pattern.search(html.unescape(token)):
            out.append(token)
        else:
            plain = html.unescape(token)
            pieces, last = [], 0
            for match in pattern.finditer(plain):
                pieces.append(escape(plain[last : match.start()]))
                pieces.append(replace(match))
                last = match.end()
            pieces.append(escape(plain[last:]))
            out.append("".join(pieces))
    return mark_safe("".join(out))  # noqa: S308 - escaped text, links and the sanitised markup  # nosec B308, B703
