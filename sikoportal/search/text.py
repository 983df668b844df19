"""Text helpers of the search: query terms, identifiers, the SQLite fallback's word stems, snippets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
# Words of at least this length go into the vocabulary that finds compounds (PostgreSQL).
VOCABULARY_MIN_LENGTH = 6
# Query words of at least this length are also looked up inside longer words.
COMPOUND_MIN_LENGTH = 5

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TERM = re.compile(r"[^\W_]+")
_VOCABULARY_WORD = re.compile(rf"[^\W\d_]{{{VOCABULARY_MIN_LENGTH},100}}")
# Inflection endings stripped by the SQLite fallback ("Spielhallen" and "Spielhalle" → "spielhall").
_ENDINGS = ("ern", "em", "en", "er", "es", "e", "n", "s")


def clean_query(text: str) -> str:
    """The query as typed, without control characters and surplus whitespace."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def fold(text: str) -> str:
    """Case-folded for comparisons in Python (SQLite folds ASCII only); "ß" stays "ß"."""
    return unicodedata.normalize("NFC", text).lower()


def terms(query: str) -> list[str]:
    """The words of a query, lower case, without duplicates, in order."""
    seen: dict[str, None] = {}
    for term in _TERM.findall(fold(query)):
        seen.setdefault(term, None)
    return list(seen)


def stem(term: str) -> str:
    """A crude German stem for the SQLite fallback: one inflection ending off, at least four letters left."""
    for ending in _ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= 4:
            return term[: -len(ending)]
    return term


def normalise_key(text: str) -> str:
    """Identifiers compared as typed by people: "§ 33i GewO" = "33i gewo" = "§33iGewO" → "33igewo"."""
    return re.sub(r"[\s§]+", "", fold(text))


def framed_keys(keys) -> str:
    """Stored form of an entry's identifiers: "|4b1234/21|33igewo|" (so a whole key can be matched)."""
    normalised = [normalise_key(key) for key in keys if key and normalise_key(key)]
    return f"|{'|'.join(dict.fromkeys(normalised))}|" if normalised else ""


def vocabulary(*texts: str) -> set[str]:
    """Long words of the texts (lower case): the candidates for compound matching."""
    words: set[str] = set()
    for text in texts:
        if text:
            words.update(word.lower() for word in _VOCABULARY_WORD.findall(text))
    return words


@dataclass(frozen=True)
class Highlighter:
    """Marks the query's words in a text; "staatsvertrag" also inside "Glücksspielstaatsvertrag"."""

    pattern: re.Pattern | None

    @classmethod
    def for_terms(cls, query_terms: list[str], extra_words: list[str] = ()) -> Highlighter:
        parts = []
        for term in query_terms:
            core = re.escape(stem(term))
            if len(term) >= COMPOUND_MIN_LENGTH:
                parts.append(rf"\w*{core}\w*")
            else:
                parts.append(rf"\b{core}\w*")
        parts += [rf"\b{re.escape(word)}\b" for word in extra_words]
        if not parts:
            return cls(None)
        return cls(re.compile("|".join(parts), re.IGNORECASE))

    def mark(self, text: str) -> SafeString:
        """HTML-escaped text with <mark> around every match (escaping each piece: nothing from the text is markup)."""
        if self.pattern is None:
            return escape(text)
        out, last = [], 0
        for match in self.pattern.finditer(text):
            if match.start() == match.end():
                continue
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
        out.append(escape(text[last:]))
        return mark_safe("".join(out))  # noqa: S308 - every piece escaped above  # nosec B308, B703

    def snippet(self, texts: list[str], width: int = 260) -> SafeString:
        """About `width` characters around the first match in the texts (in order), marked; else their beginning."""
        chosen, start = None, 0
        # One text at a time, up to the first match: file texts are long, most hits match earlier.
        for text in texts:
            piece = " ".join(text.split()) if text else ""
            if not piece:
                continue
            match = self.pattern.search(piece) if self.pattern is not None else None
            if match:
                chosen, start = piece, max(0, match.start() - width // 3)
                break
            if chosen is None:
                chosen = piece
                if self.pattern is None:
                    break
        if chosen is None:
            return mark_safe("")  # noqa: S308 - empty  # nosec B308
        if start:
            space = chosen.find(" ", start)
            start = space + 1 if 0 <= space < start + 30 else start
        end = min(len(chosen), start + width)
        if end < len(chosen):
            space = chosen.rfind(" ", start, end)
            end = space if space > start + width // 2 else end
        excerpt = chosen[start:end]
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(chosen) else ""
        return mark_safe(f"{prefix}{self.mark(excerpt)}{suffix}")  # noqa: S308 - mark() escapes  # nosec B308, B703
