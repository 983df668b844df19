"""reverse() for the URLs a list page builds for every row.

Django's reverse() walks the URL patterns and checks each argument against its converter on
every call, about 30 µs; a list of 50 items with two links a row spends several milliseconds on
it. `row_url()` reverses once per URL name and set of text arguments (slugs, section names),
with a marker for each whole-number argument (primary keys, version numbers), and afterwards
only puts the numbers into the result.

Text arguments are part of the key, so reverse() itself checks each of them once, with its
converters and its quoting; a number goes in as its digits, exactly as the int converter writes
it (and a URL whose converter refuses the marker is simply reversed every time). The script
prefix (SCRIPT_NAME) is part of the key, so a portal served below a path keeps it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, reverse

# Digits: the int converter (and str, slug, path) accept them. Fixed width, so one marker is
# never the beginning of another.
_MARK = "97531086420{:02d}"


@lru_cache(maxsize=4096)
def _parts(name: str, texts: tuple[tuple[str, str], ...], numbers: tuple[str, ...], prefix: str):
    """(literal pieces, number keys between them), or None if the URL cannot take a marker."""
    marks = {_MARK.format(index): key for index, key in enumerate(numbers)}
    try:
        url = reverse(name, kwargs={**dict(texts), **{key: mark for mark, key in marks.items()}})
    except NoReverseMatch:
        if not marks:
            raise
        return None  # the converter refuses the marker (or the texts are wrong): reverse() answers
    pieces = re.split("(" + "|".join(marks) + ")", url) if marks else [url]
    keys = tuple(marks[mark] for mark in pieces[1::2])
    if sorted(keys) != sorted(numbers):  # a marker that did not appear once in the URL
        return None
    return tuple(pieces[0::2]), keys


def _is_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def row_url(name: str, **kwargs) -> str:
    """The same string as reverse(name, kwargs=kwargs)."""
    numbers = tuple(sorted(key for key, value in kwargs.items() if _is_number(value)))
    texts = tuple(sorted((key, value) for key, value in kwargs.items() if key not in numbers))
    try:
        parts = _parts(name, texts, numbers, get_script_prefix())
    except TypeError:  # a text argument that cannot be a key (not hashable): no short way
        parts = None
    if parts is None:
        return reverse(name, kwargs=kwargs)
    pieces, keys = parts
    out = [pieces[0]]
    for key, piece in zip(keys, pieces[1:], strict=True):
        out += (str(kwargs[key]), piece)
    return "".join(out)
