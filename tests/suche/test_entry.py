"""A source's entry is the typed `Entry`: its defaults stand for what a source leaves out, and the
index refuses anything else (a dict with a misspelt key would otherwise index an empty field)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from suche import index
from suche.entry import Entry


class _Source:
    kind = "probe"

    def __init__(self, entry):
        self._entry = entry

    def entry(self, obj):
        return self._entry


def test_what_a_source_leaves_out_is_empty():
    entry = Entry(title="Titel", url="/x/", rubric="glossar")
    assert (entry.context, entry.a, entry.b, entry.c, entry.d, entry.words) == ("", "", "", "", "", "")
    assert entry.keys == [] and entry.keys is not Entry(title="", url="", rubric="").keys
    assert (entry.fachgebiet_id, entry.arbeitskreis_id, entry.partner_id, entry.date) == (None, None, None, None)


def test_the_index_writes_an_entry_and_refuses_a_dict():
    row = index._row(
        _Source(Entry(title="Titel", url="/x/", rubric="glossar", keys=["4 B 1234/21"])), SimpleNamespace(pk=7)
    )
    assert (row.kind, row.object_id, row.title, row.rubric, row.keys) == ("probe", 7, "Titel", "glossar", "|4b1234/21|")
    with pytest.raises(TypeError, match="probe"):
        index._row(_Source({"title": "Titel", "url": "/x/", "rubric": "glossar"}), SimpleNamespace(pk=7))
