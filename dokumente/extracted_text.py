"""What every text reader of `extraction` shares: the result, the buffer that stops reading at
the cap, the normalising of the collected text and the German messages for the editors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from .models import TextStatus

MESSAGE_PDF_ENCRYPTED = "Die PDF-Datei ist verschlüsselt; ihr Text kann nicht durchsucht werden."
MESSAGE_PDF_DAMAGED = "Die PDF-Datei ist beschädigt; ihr Text kann nicht durchsucht werden."
MESSAGE_PDF_SOME_PAGES = "Der Text einzelner Seiten der PDF-Datei konnte nicht ausgelesen werden."
MESSAGE_PDF_SLOW = (
    "Das Auslesen der PDF-Datei dauerte zu lange und wurde nach Seite {read} von {total} beendet; "
    "durchsucht wird der Text bis dorthin."
)
MESSAGE_DAMAGED = "Die Datei ist beschädigt; ihr Text kann nicht durchsucht werden."
MESSAGE_NO_TEXT = (
    "Die Datei enthält keinen erkennbaren Text (z. B. ein eingescanntes Bild). "
    "Sie ist nur über Titel und Beschreibung auffindbar."
)
MESSAGE_IMAGE = "Bilder werden nicht nach Text durchsucht. Die Datei ist nur über Titel und Beschreibung auffindbar."
MESSAGE_OTHER_KIND = "Dateien dieses Typs werden nicht nach Text durchsucht."
MESSAGE_TOO_LARGE = (
    "Die Datei ist entpackt zu groß, um ihren Text auszulesen. Sie ist nur über Titel und Beschreibung auffindbar."
)
MESSAGE_MISSING = "Die Datei fehlt im Speicher; ihr Text kann nicht ausgelesen werden."
MESSAGE_UNREADABLE = "Der Text der Datei konnte nicht ausgelesen werden."


def max_chars() -> int:
    return settings.SIKO_SEARCH_TEXT_MAX_CHARS


def truncated_message(limit: int) -> str:
    return f"Der Text ist sehr lang; durchsucht werden nur die ersten {limit:,} Zeichen.".replace(",", ".")


@dataclass(frozen=True)
class Result:
    status: TextStatus
    text: str = ""
    error: str = ""


class TextBuffer:
    """Collects text until there is more than the cap could keep (so huge files are not read to the end).

    Raw text may shrink a lot when whitespace is collapsed, hence the generous margin.
    """

    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.budget = 2 * limit + 1024
        self.overflowed = False

    @property
    def full(self) -> bool:
        return self.size >= self.budget

    def add(self, text: str | None) -> None:
        if not text or self.full:
            return
        text = text[: self.budget - self.size]
        self.parts.append(text)
        self.size += len(text)
        self.overflowed = self.full

    def add_lines(self, lines: Iterable[str]) -> None:
        for line in lines:
            if self.full:
                return
            self.add(line + "\n")

    @property
    def text(self) -> str:
        return "".join(self.parts)


# --- Normalising --------------------------------------------------------------------------

_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n\n", "\u2028": "\n", "\u2029": "\n\n"})
# Control characters (C0 except tab and line feed, DEL, C1), lone surrogates (PostgreSQL refuses
# them), soft hyphens, zero-width characters and byte order marks.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_WORD = re.compile(r"\w")


def normalise(text: str) -> str:
    """One space between words, line breaks kept, at most one blank line between paragraphs.

    NFKC turns ligatures (ﬁ) and decomposed umlauts (u + ¨, common in PDFs) into the letters
    people type, and no-break spaces into spaces.
    """
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def finish(buffer: TextBuffer, *, error: str = "") -> Result:
    """Normalise and cap the collected text; a file without any word character has no text."""
    limit = max_chars()
    text = normalise(buffer.text)
    if not _WORD.search(text):
        return Result(TextStatus.NO_TEXT, "", error or MESSAGE_NO_TEXT)
    if buffer.overflowed or len(text) > limit:
        text = text[:limit]
        cut = max(text.rfind(" "), text.rfind("\n"))
        if cut > limit - 200:  # do not end in the middle of a word
            text = text[:cut]
        error = error or truncated_message(limit)
    return Result(TextStatus.DONE, text.rstrip(), error)
