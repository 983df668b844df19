"""Controls look like KERN controls: every select in its KERN wrapper (the sort select too), the
empty option says what it means instead of "---------", facts as a KERN description list."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ..helpers import main_text

pytestmark = pytest.mark.django_db


def _url(name: str, fachgebiet, **kwargs) -> str:
    return reverse(f"fachgebiete:{name}", kwargs={"slug": fachgebiet.slug, **kwargs})


@pytest.mark.parametrize("name", ["article_list", "document_list", "rechtstatsache_list"])
def test_every_filter_select_sits_in_the_kern_wrapper_the_sort_select_too(login, shisha, name):
    text = main_text(login("member").get(_url(name, shisha)))
    selects = re.findall(r'(<div class="kern-form-input__select-wrapper">)?<select name="(\w+)"', text)
    assert ('<div class="kern-form-input__select-wrapper">', "sort") in selects
    assert all(wrapper for wrapper, _name in selects), selects


@pytest.mark.parametrize("section", ["informationen", "muster", "rechtstatsachen"])
def test_the_submit_form_shows_no_dashes(login, shisha, section):
    assert "---------" not in main_text(login("member").get(_url("submit", shisha, section=section)))


@pytest.mark.parametrize("section", ["informationen", "muster"])
def test_a_required_choice_without_default_asks_to_choose(login, shisha, section):
    text = main_text(login("member").get(_url("submit", shisha, section=section)))
    kind = text[text.index('<select name="kind"') :]
    assert re.match(r'<select name="kind"[^>]*required[^>]*>\s*<option value="" selected>Bitte wählen</option>', kind)


@pytest.mark.parametrize("section", ["informationen", "muster"])
def test_an_optional_authority_offers_keine_angabe(login, shisha, section):
    text = main_text(login("member").get(_url("submit", shisha, section=section)))
    partner = text[text.index('<select name="partner"') :]
    assert re.match(r'<select name="partner"[^>]*>\s*<option value="">Keine Angabe</option>', partner)


def test_detail_pages_list_their_facts_as_a_kern_description_list(
    login, shisha, make_article, make_document, make_rechtstatsache
):
    client = login("member")
    for item in (make_article(shisha), make_document(shisha), make_rechtstatsache(shisha)):
        text = main_text(client.get(item.get_absolute_url()))
        assert '<dl class="kern-description-list">' in text
        assert '<dt class="kern-description-list-item__key">Art</dt>' in text
        assert "<dt>" not in text


# --- Wording on the overview pages ----------------------------------------------------------


def test_a_fachgebiet_links_back_to_all_fachgebiete(login, shisha):
    text = main_text(login("member").get(shisha.get_absolute_url()))
    assert f'<a class="kern-link" href="{reverse("fachgebiete:index")}">Alle Fachgebiete</a>' in text


def test_an_open_rubric_is_no_fachgebiet_and_links_back_to_the_rubrics(login, lagebilder):
    text = main_text(login("member").get(lagebilder.get_absolute_url()))
    assert "Alle Fachgebiete" not in text
    back = f'<a class="kern-link" href="{reverse("home")}#rubriken-heading">Alle Rubriken auf der Startseite</a>'
    assert back in text


def test_one_entry_is_not_called_all_1_entries(login, shisha, make_article, make_document):
    make_article(shisha)
    make_document(shisha, title="Erstes Muster")
    make_document(shisha, title="Zweites Muster")
    text = main_text(login("member").get(shisha.get_absolute_url()))
    assert "Alle 1 Einträge" not in text
    assert "Zur Liste „Informationen“ mit 1 Eintrag" in text
    assert "Alle 2 Einträge in „Muster &amp; Arbeitshilfen“" in text
