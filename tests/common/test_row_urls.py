"""common.row_urls.row_url gives exactly what reverse() gives."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from common.row_urls import row_url

CASES = [
    ("partner:detail", {"slug": "stadt-essen"}),
    ("facharbeitskreise:arbeitskreis_detail", {"slug": "fak-shisha_2"}),
    ("fachgebiete:overview", {"slug": "shisha"}),
    ("fachgebiete:rubrik_overview", {"slug": "lagebilder"}),
    ("fachgebiete:document_detail", {"slug": "shisha", "pk": 8000}),
    ("fachgebiete:article_detail", {"slug": "shisha", "pk": 1}),
    ("fachgebiete:rechtstatsache_download", {"slug": "gluecksspiel", "pk": 975310864200}),
    ("fachgebiete:attachment_download", {"slug": "shisha", "pk": 12, "attachment_pk": 34}),
    ("fachgebiete:document_version_download", {"slug": "verkehr", "pk": 5, "number": 3}),
    ("fachgebiete:review", {"slug": "shisha", "section": "muster", "pk": 7}),
    ("fachgebiete:rubrik_review", {"slug": "praevention", "section": "informationen", "pk": 7}),
    ("home", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), CASES)
def test_the_same_url_as_reverse(name, kwargs):
    assert row_url(name, **kwargs) == reverse(name, kwargs=kwargs)
    assert row_url(name, **kwargs) == reverse(name, kwargs=kwargs)  # and again, from the kept parts


def test_the_values_go_in_the_right_places_whatever_their_order():
    first = row_url("fachgebiete:attachment_download", attachment_pk=1, pk=2, slug="a")
    assert first == reverse("fachgebiete:attachment_download", kwargs={"slug": "a", "pk": 2, "attachment_pk": 1})


def test_the_script_prefix_is_kept():
    try:
        set_script_prefix("/portal/")
        assert (
            row_url("partner:detail", slug="zoll")
            == "/portal/behoerden/zoll/"
            == reverse("partner:detail", kwargs={"slug": "zoll"})
        )
    finally:
        set_script_prefix("/")
    assert row_url("partner:detail", slug="zoll") == "/behoerden/zoll/"


@pytest.mark.parametrize("slug", ["mit/schrägstrich", "ümlaut", "a b", ""])
def test_other_values_are_refused_or_quoted_as_reverse_does(slug):
    try:
        expected = reverse("partner:detail", kwargs={"slug": slug})
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            row_url("partner:detail", slug=slug)
    else:
        assert row_url("partner:detail", slug=slug) == expected


def test_a_text_for_a_number_is_refused_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        row_url("fachgebiete:document_detail", slug="shisha", pk="abc")


def test_a_number_its_converter_refuses_is_refused_as_reverse_does():
    """A marker the converter refuses sends that URL through reverse() every time."""
    with pytest.raises(NoReverseMatch):
        row_url("fachgebiete:rubrik_overview", slug=5)
    with pytest.raises(NoReverseMatch):
        row_url("fachgebiete:rubrik_review", slug="gibt-es-nicht", section="muster", pk=7)
