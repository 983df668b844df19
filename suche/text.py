"""Text helpers of the search: query terms, identifiers, the SQLite fallback's word stems, snippets.

One spelling for the index and the query (`fold`): "ü" is written "ue" (ä/ö/ß alike), so
"Untersagungsverfuegung" finds "Untersagungsverfügung" and the other way round – on PostgreSQL the
vector is built from the same replacements (`index.spelled`), on SQLite from `fold` itself.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
# Words of at least this length go into the vocabulary that finds compounds (PostgreSQL).
VOCABULARY_MIN_LENGTH = 6
# Query words of at least this length are also looked up inside longer words.
COMPOUND_MIN_LENGTH = 5

# Umlauts and ß as people write them without a German keyboard – applied to index and query alike.
SPELLINGS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"}
_SPELLING_TABLE = str.maketrans(SPELLINGS)
# In a folded text: each replacement, matching either spelling of the original ("ue" → "ue" or "ü").
_EITHER_SPELLING = re.compile("|".join(sorted({value.lower() for value in SPELLINGS.values()})))
_EITHER = {value.lower(): f"(?:{value.lower()}|{key.lower()})" for key, value in SPELLINGS.items() if key.islower()}
# PostgreSQL's German stop words that contain an umlaut: folded ("fuer") they are no stop words to it.
FOLDED_STOP_WORDS = frozenset({"fuer", "koennen", "koennte", "ueber", "waehrend", "wuerde", "wuerden"})

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TERM = re.compile(r"[^\W_]+")
_VOCABULARY_WORD = re.compile(rf"[^\W\d_]{{{VOCABULARY_MIN_LENGTH},100}}")
# Inflection endings stripped by the SQLite fallback ("Spielhallen" and "Spielhalle" → "spielhall").
_ENDINGS = ("ern", "em", "en", "er", "es", "e", "n", "s")


def clean_query(text: str) -> str:
    """The query as typed, without control characters and surplus whitespace."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def fold(text: str) -> str:
    """Lower case in one spelling: "Straße Verfügung" → "strasse verfuegung" (SQLite folds ASCII only)."""
    return unicodedata.normalize("NFC", text).translate(_SPELLING_TABLE).lower()


def either_spelling(folded: str) -> str:
    """A regular expression for a folded word that matches it in the original text, in either
    spelling: "verfuegung" → "verf(?:ue|ü)gung"."""
    out, last = [], 0
    for match in _EITHER_SPELLING.finditer(folded):
        out += [re.escape(folded[last : match.start()]), _EITHER[match.group()]]
        last = match.end()
    out.append(re.escape(folded[last:]))
    return "".join(out)


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
    """Long words of the texts (folded): the candidates for compound matching."""
    words: set[str] = set()
    for text in texts:
        if text:
            words.update(fold(word) for word in _VOCABULARY_WORD.findall(text))
    return words


@dataclass(frozen=True)
class Highlighter:
    """Marks the query's words in a text; "staatsvertrag" also inside "Glücksspielstaatsvertrag"."""

    pattern: re.Pattern | None

    @classmethod
    def for_terms(cls, query_terms: list[str], extra_words: list[str] = ()) -> Highlighter:
        parts = []
        for term in query_terms:
            core = either_spelling(stem(term))
            if len(term) >= COMPOUND_MIN_LENGTH:
                parts.append(rf"\b\w*{core}\w*")  # \b: a word is tried from its start only, not from each letter
            else:
                parts.append(rf"\b{core}\w*")
        parts += [rf"\b{either_spelling(word)}\b" for word in extra_words]
        if not parts:
            return cls(None)
        return cls(re.compile("|".join(parts), re.IGNORECASE))

    def mark(self, text: str) -> SafeString:
        """HTML-escaped text with <mark> around every match (escaping each piece: nothing from the text is markup).
        html.escape is what django.utils.html.escape runs, without its lazy-text check and SafeString
        for each piece (~5 pieces for each title and snippet of a page)."""
        if self.pattern is None:
            return mark_safe(html.escape(text))  # noqa: S308 - escaped  # nosec B308, B703
        out, last = [], 0
        for match in self.pattern.finditer(text):
            if match.start() == match.end():
                continue
            out.append(html.escape(text[last : match.start()]))
            out.append(f"<mark>{html.escape(match.group())}</mark>")
            last = match.end()
        out.append(html.escape(text[last:]))
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
