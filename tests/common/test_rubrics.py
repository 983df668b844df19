"""The one list of rubrics: its addresses are the real ones, and what is built from it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import resolve, reverse

from common.rubrics import LEGAL_PATHS, RUBRICS, fachgebiet_rows, linkable_paths, search_labels
from fachgebiete.models import Fachgebiet
from sikoportal.navigation import MAIN_ENTRIES


@pytest.mark.parametrize("rubric", RUBRICS, ids=lambda rubric: rubric.slug)
def test_every_path_is_where_its_url_name_leads(rubric):
    assert reverse(rubric.url_name, kwargs=rubric.url_kwargs) == rubric.path


@pytest.mark.parametrize("path", LEGAL_PATHS)
def test_the_legal_pages_exist(path):
    assert resolve(path)


def test_the_newsletter_may_link_open_rubrics_and_legal_pages_only():
    assert settings.SIKO_NEWSLETTER_LINKABLE_PATHS == linkable_paths()
    assert set(linkable_paths()) == {
        "/behoerden/",
        "/zustaendigkeiten/",
        "/newsletter/",
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        "/fachgebiete/",
        "/lagebilder/",
        "/informationsaustausch/",
        "/praevention/",
        "/glossar/",
        "/veranstaltungen/",
    }
    assert "/arbeitskreise/" not in linkable_paths()


def test_the_search_filter_and_the_navigation_name_the_rubrics_alike():
    assert search_labels() == {
        "fachgebiete": "Fachgebiete",
        "lagebilder": "Lagebilder",
        "informationsaustausch": "Informationsaustausch",
        "praevention": "Prävention",
        "glossar": "Glossar",
        "veranstaltungen": "Veranstaltungen",
        "arbeitskreise": "Arbeitskreise & Projekte",
        "behoerden": "Behörden & Institutionen",
        "zustaendigkeiten": "Wer ist zuständig?",
    }
    assert [label for label, _name, _kwargs in MAIN_ENTRIES] == ["Start", *(rubric.label for rubric in RUBRICS)]


@pytest.mark.django_db
def test_the_rubrics_kept_as_fachgebiet_rows_exist_after_migrate():
    rows = Fachgebiet.objects.filter(kind=Fachgebiet.Kind.RUBRIK).order_by("position")
    assert [(row.slug, row.name, row.description) for row in rows] == [
        (rubric.slug, rubric.label, rubric.description) for rubric in fachgebiet_rows()
    ]
