"""Broad queries: beyond SIKO_SEARCH_COUNT_LIMIT visible hits the answer is "mehr als …", ranked among the hits
collected, facets without numbers – and the limit only ever counts what the user may see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fachgebiete.models.content import Status
from suche.query import Filters, search

from ..helpers import main_text
from .test_search import SECRET, article, closed_arbeitskreis  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

LIMIT = 5


@pytest.fixture
def limit(settings):
    settings.SIKO_SEARCH_COUNT_LIMIT = LIMIT
    return LIMIT


@pytest.fixture
def reports(member, shisha, gluecksspiel):
    """Four published reports anybody admitted sees, three submissions only their author sees."""
    for number in range(4):
        article(shisha if number % 2 else gluecksspiel, member, title=f"Kontrollbericht {number}")
    for number in range(3):
        article(shisha, member, status=Status.SUBMITTED, title=f"Kontrollbericht Entwurf {number}")


def facet_counts(results) -> dict:
    return {facet.param: {option.value: option.count for option in facet.options} for facet in results.facets}


def test_up_to_the_limit_everything_is_counted_exactly(limit, member, shisha):
    for number in range(LIMIT):
        article(shisha, member, title=f"Kontrollbericht {number}")
    results = search(member, "Kontrollbericht")
    assert (results.total, results.capped) == (LIMIT, False)
    assert facet_counts(results)["typ"] == {"information": LIMIT}


def test_beyond_the_limit_the_answer_says_more_than_and_ranks_the_hits_collected(limit, member, gluecksspiel, reports):
    results = search(member, "Kontrollbericht", per_page=2)
    assert (results.total, results.capped) == (LIMIT, True)
    assert results.page.paginator.num_pages == 3 and len(results.hits) == 2
    # The facets name what the hits hold, without numbers that would only count a part.
    counts = facet_counts(results)
    assert counts["typ"] == {"information": None}
    assert set(counts["fachgebiet"]) <= {"shisha", "gluecksspiel"} and set(counts["fachgebiet"].values()) == {None}
    # A filter narrows it below the limit: exact again.
    narrowed = search(member, "Kontrollbericht", Filters(fachgebiet=gluecksspiel))
    assert not narrowed.capped and narrowed.total == 2


def test_the_page_says_more_than_and_shows_facets_without_numbers(client, limit, member, reports):
    client.force_login(member)
    text = main_text(client.get(reverse("search"), {"q": "Kontrollbericht"}))
    assert f"Mehr als {LIMIT} Treffer für „Kontrollbericht“" in text
    assert "Grenzen Sie die Suche mit weiteren Begriffen oder einem Filter ein." in text
    assert "portal-search-facets__count" not in text
    assert "Informationen" in text  # the facet option, to narrow by


def test_hidden_items_never_count_towards_the_limit(client, limit, outsider, member, reports, closed_arbeitskreis):  # noqa: F811
    # The member sees 4 reports + 3 own submissions = 7 > 5; the outsider sees the 4 published only,
    # although 7 entries (and the area's) match: exact, as if the hidden ones did not exist.
    assert search(member, "Kontrollbericht").capped
    results = search(outsider, "Kontrollbericht")
    assert (results.total, results.capped) == (4, False)
    assert facet_counts(results)["typ"] == {"information": 4}
    client.force_login(outsider)
    text = main_text(client.get(reverse("search"), {"q": "Kontrollbericht"}))
    assert "4 Treffer für „Kontrollbericht“" in text and "Mehr als" not in text
    # The closed area's words: nothing at all for the outsider, capped or not.
    for word in (SECRET, "Nordlicht"):
        assert search(outsider, word).total == 0
