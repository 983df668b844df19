"""The start page and the main navigation."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.urls import reverse

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db


def nav_labels(response) -> list[str]:
    html = response.content.decode()
    nav = html[html.index('aria-label="Hauptnavigation"') : html.index("</nav>")]
    return [htmllib.unescape(label) for label in re.findall(r'class="portal-nav__link"[^>]*>([^<]+)<', nav)]


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("home"))
    assert response["Location"] == f"{reverse('account_login')}?next=/"


def test_member_sees_greeting_and_built_rubrics_only(client, member, essen):
    client.force_login(member)
    response = client.get(reverse("home"))
    assert "Willkommen, Max" in main_text(response)
    assert nav_labels(response) == ["Start", "Behörden & Institutionen", "Newsletter"]
    assert "Zulassungsanträge" not in main_text(response)


def test_navigation_marks_the_current_page(client, member):
    client.force_login(member)
    html = client.get(reverse("partner:list")).content.decode()
    assert 'href="/behoerden/" aria-current="page"' in html
    assert 'href="/" aria-current="page"' not in html


def test_office_sees_pending_admissions(client, office, applicant):
    client.force_login(office)
    response = client.get(reverse("home"))
    assert nav_labels(response) == [
        "Start",
        "Behörden & Institutionen",
        "Newsletter",
        "Zulassungen",
        "Nutzerverwaltung",
        "Newsletter-Versand",
    ]
    assert "1 Zulassungsantrag wartet auf Ihre Entscheidung." in main_text(response)


def test_office_without_pending_admissions(client, office):
    client.force_login(office)
    assert "Zurzeit warten keine Zulassungsanträge" in main_text(client.get(reverse("home")))


def test_start_page_runs_a_fixed_number_of_queries(client, office, make_user):
    client.force_login(office)
    few = count_queries(client, reverse("home"))
    for i in range(20):
        make_user(f"wartend{i}@essen.de", "verified")
    assert count_queries(client, reverse("home")) == few


@pytest.mark.parametrize("name", ["impressum", "datenschutz", "barrierefreiheit"])
def test_legal_pages_are_public_and_have_content(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", " ", main_text(response))
    assert len(text.split()) > 150, "Die Seite braucht echten Inhalt"
    assert "Geschäftsstelle" in text


def test_404_page_is_german_and_reveals_nothing(client, member):
    client.force_login(member)
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
