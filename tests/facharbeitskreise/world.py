"""The one area every route test of this app (and the global route test) works in.

`world_arbeitskreis(request)` creates it once per test; the role fixtures of `conftest.py` hold their
grants on this very area, so route modules only add their own objects to it.
"""

from __future__ import annotations

from facharbeitskreise.models import Arbeitskreis

WORLD_SLUG = "ak-welt"


def world_arbeitskreis(request) -> Arbeitskreis:
    request.getfixturevalue("db")
    arbeitskreis, _ = Arbeitskreis.objects.get_or_create(
        slug=WORLD_SLUG,
        defaults={"name": "Facharbeitskreis Rotlicht", "description": "Austausch zu Kontrollen im Rotlichtmilieu."},
    )
    return arbeitskreis
