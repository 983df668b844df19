"""Who sees a Lagebild: its audience (the one rule of zielgruppen) and the office — in the list,
the rubric page, the start page, the search and the detail page; nobody else anywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.helpers import main_text

pytestmark = pytest.mark.django_db

TITLES = {
    "kommunen": "Lagebild Shisha-Bars Ruhrgebiet 2026",
    "lka": "Hinweis Festnahmelage Duisburg",
    "secret": "Lagebild Projekt Wolkenkuckucksheim",
}
# Who sees which (the office: all of them).
SEES = {
    "member": {"kommunen"},
    "outsider": {"lka"},
    "insider": {"lka", "secret"},
    "office": {"kommunen", "lka", "secret"},
}


@pytest.fixture
def published(for_kommunen, for_lka, for_secret):
    return {"kommunen": for_kommunen, "lka": for_lka, "secret": for_secret}


def _shown(text: str) -> set[str]:
    return {key for key, title in TITLES.items() if title in text}


@pytest.mark.parametrize("role", sorted(SEES))
def test_list_shows_exactly_the_audience_s_lagebilder(role, published, login):
    text = main_text(login(role).get(reverse("lagebilder:list")))
    assert _shown(text) == SEES[role]


@pytest.mark.parametrize("role", sorted(SEES))
def test_detail_is_404_outside_the_audience(role, published, login):
    client = login(role)
    for key, item in published.items():
        status = client.get(item.get_absolute_url()).status_code
        assert status == (200 if key in SEES[role] else 404), (key, status)


@pytest.mark.parametrize("role", ["member", "outsider", "insider"])
def test_rubric_page_shows_what_is_addressed_to_me_first(role, published, login):
    text = main_text(login(role).get(reverse("fachgebiete:rubrik_overview", kwargs={"slug": "lagebilder"})))
    assert "An Sie gerichtete Lagebilder und Hinweise" in text
    assert text.index("An Sie gerichtete") < text.index("Beitrag einreichen")
    assert _shown(text) == SEES[role]


def test_other_rubrics_show_no_panel(published, login):
    text = main_text(login("member").get(reverse("fachgebiete:rubrik_overview", kwargs={"slug": "praevention"})))
    assert "An Sie gerichtete" not in text


@pytest.mark.parametrize("role", ["member", "outsider", "insider"])
def test_start_page_lists_the_open_ones_as_a_task(role, published, login):
    text = main_text(login(role).get(reverse("home")))
    assert _shown(text) == SEES[role]
    assert ("Zur Kenntnisnahme" in text) == bool(SEES[role])


def test_start_page_task_disappears_after_acknowledging(for_kommunen, login):
    client = login("member")
    client.post(reverse("lagebilder:acknowledge", kwargs={"pk": for_kommunen.pk}))
    assert "Zur Kenntnisnahme" not in main_text(client.get(reverse("home")))


@pytest.mark.parametrize("role", sorted(SEES))
def test_search_finds_only_the_audience_s_lagebilder(role, published, login):
    client = login(role)
    for key, item in published.items():
        text = main_text(client.get(reverse("search"), {"q": item.title}))
        assert (f'href="{item.get_absolute_url()}"' in text) == (key in SEES[role]), (key, role)


def test_search_finds_the_text_for_the_audience_only(for_secret, insider, login):
    query = {"q": "Kernaussagen"}
    assert for_secret.get_absolute_url() in main_text(login(insider).get(reverse("search"), query))
    assert for_secret.get_absolute_url() not in main_text(login("outsider").get(reverse("search"), query))


def test_a_member_who_left_the_arbeitskreis_no_longer_sees_its_lagebild(
    for_secret, insider, secret_arbeitskreis, login
):
    from facharbeitskreise import services as arbeitskreis_services

    client = login(insider)
    assert client.get(for_secret.get_absolute_url()).status_code == 200
    arbeitskreis_services.role_revoke(arbeitskreis=secret_arbeitskreis, user=insider, actor=None)
    assert client.get(for_secret.get_absolute_url()).status_code == 404


def test_anonymous_is_sent_to_login(for_kommunen, client):
    response = client.get(for_kommunen.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_applicant_is_sent_to_login(for_kommunen, login):
    response = login("applicant").get(reverse("lagebilder:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_detail_shows_handling_note_and_audience(for_kommunen, login):
    text = main_text(login("member").get(for_kommunen.get_absolute_url()))
    assert "Einstufung: VS – Nur für den Dienstgebrauch" in text
    assert "Kommune" in text
    assert "Zur Kenntnis genommen" in text


def test_secret_arbeitskreis_name_shown_only_to_its_members(for_secret, insider, login):
    assert "Projekt Verborgen" in main_text(login(insider).get(for_secret.get_absolute_url()))
