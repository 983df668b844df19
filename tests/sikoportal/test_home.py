"""The start page and the main navigation."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.test import Client
from django.urls import reverse

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db


MAIN_NAVIGATION = [
    "Start",
    "Fachgebiete",
    "Arbeitskreise & Projekte",
    "Lagebilder",
    "Informationsaustausch",
    "Prävention",
    "Veranstaltungen",
    "Glossar",
    "Behörden & Institutionen",
    "Wer ist zuständig?",
    "Newsletter",
]

# The administration bar of the Geschäftsstelle.
OFFICE_NAVIGATION = [
    "Redaktion",
    "Zulassungen",
    "Nutzerverwaltung",
    "Redaktionen",
    "Datenschutz",
    "Konten bestätigen",
    "Anmeldedienste",
    "Statistik",
    "Arbeitskreise verwalten",
    "Newsletter-Versand",
]


def nav_labels(response, label: str = "Hauptnavigation") -> list[str]:
    html = response.content.decode()
    if f'aria-label="{label}"' not in html:
        return []
    start = html.index(f'aria-label="{label}"')
    nav = html[start : html.index("</nav>", start)]
    return [htmllib.unescape(label) for label in re.findall(r'class="portal-nav__link"[^>]*>([^<]+)<', nav)]


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("home"))
    assert response["Location"] == f"{reverse('account_login')}?next=/"


def test_member_sees_greeting_and_built_rubrics_only(client, member, essen):
    client.force_login(member)
    response = client.get(reverse("home"))
    assert "Willkommen, Max" in main_text(response)
    assert nav_labels(response) == MAIN_NAVIGATION
    assert nav_labels(response, "Verwaltung") == []
    assert "Zulassungsanträge" not in main_text(response)


def test_an_editor_finds_the_redaktion_in_the_administration_bar(client, make_user):
    from fachgebiete.models import Fachgebiet
    from fachgebiete.services import editor_grant

    shisha = Fachgebiet.objects.create(name="Shisha", slug="shisha")
    editor = make_user("rita.redaktion@essen.de", second_factor=True)
    editor_grant(fachgebiet=shisha, user=editor, by=editor)
    client.force_login(editor)
    assert nav_labels(client.get(reverse("home")), "Verwaltung") == ["Redaktion"]


def test_start_page_lists_the_fachgebiete_and_the_members_own_arbeitskreise(client, member):
    from facharbeitskreise.access import Role
    from facharbeitskreise.models import Arbeitskreis
    from facharbeitskreise.services import role_grant
    from fachgebiete.models import Fachgebiet

    Fachgebiet.objects.create(name="Glücksspiel", slug="gluecksspiel")
    mine = Arbeitskreis.objects.create(name="FAK Shisha", slug="fak-shisha")
    Arbeitskreis.objects.create(name="Vertrauliches Projekt", slug="geheim", is_confidential=True)
    role_grant(arbeitskreis=mine, user=member, role=Role.MITGLIED, actor=member)
    client.force_login(member)
    text = main_text(client.get(reverse("home")))
    assert "Glücksspiel" in text and "FAK Shisha" in text
    assert "Vertrauliches Projekt" not in text


def test_navigation_marks_the_current_page(client, member):
    client.force_login(member)
    html = client.get(reverse("partner:list")).content.decode()
    assert 'href="/behoerden/" aria-current="page"' in html
    assert 'href="/" aria-current="page"' not in html


def test_office_sees_pending_admissions(client, office, applicant):
    client.force_login(office)
    response = client.get(reverse("home"))
    assert nav_labels(response) == MAIN_NAVIGATION
    assert nav_labels(response, "Verwaltung") == OFFICE_NAVIGATION
    assert "1 Zulassungsantrag wartet auf Ihre Entscheidung." in main_text(response)
    assert f'href="{reverse("statistik:overview")}">Statistik für den Jahresbericht</a>' in main_text(response)


def test_office_without_pending_admissions(client, office):
    client.force_login(office)
    assert "Zurzeit warten keine Zulassungsanträge" in main_text(client.get(reverse("home")))


def test_start_page_runs_a_fixed_number_of_queries(client, office, make_user):
    client.force_login(office)
    client.get(reverse("home"))  # the session's first page asks "Redaktion anywhere?" once (common.rights)
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


def test_403_page_explains_the_refusal_in_german(client, member):
    """A view's own reason (e.g. "Redaktion vorbehalten") reaches the user; a bare refusal gets the general text."""
    client.force_login(member)
    response = client.get(reverse("fachgebiete:review_overview"))
    assert response.status_code == 403
    text = main_text(response)
    assert "Diese Seite ist der Redaktion vorbehalten." in text
    assert "wenden Sie sich bitte an die Geschäftsstelle" in text


def test_navigation_asks_the_redaktion_rule_at_most_once_per_page(client, member):
    """Fragments rendered with the request (the profile's sections) do not build the navigation again;
    after a change of rights the page asks once (otherwise the session's answer from the login counts)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sikoportal.navigation import rights_changed

    client.force_login(member)
    rights_changed()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("partner:profile")).status_code == 200
    editor_checks = [q for q in ctx.captured_queries if "fachgebiete_fachgebietuserobjectpermission" in q["sql"]]
    assert len(editor_checks) == 1


def test_every_page_names_the_portal_favicon(client, member):
    from django.contrib.staticfiles import finders

    client.force_login(member)
    html = client.get(reverse("home")).content.decode()
    assert re.search(r'<link rel="icon" href="/static/img/favicon[^"]*\.svg" type="image/svg\+xml">', html)
    assert "<svg" in open(finders.find("img/favicon.svg"), encoding="utf-8").read()
    anonymous = Client().get(reverse("account_login")).content.decode()
    assert 'rel="icon"' in anonymous


def test_the_menu_button_is_hidden_without_script_and_names_what_it_opens(client, office):
    """Without portal.js the button stays hidden and the whole menu shows; the script reveals it."""
    client.force_login(office)
    html = client.get(reverse("home")).content.decode()
    button = re.search(r"<button [^>]*data-portal-menu-toggle[^>]*>", html).group(0)
    assert " hidden" in button and 'aria-expanded="true"' in button
    controls = re.search(r'aria-controls="([^"]+)"', button).group(1).split()
    for target in controls:
        assert f'id="{target}"' in html
    assert controls == ["portal-suche-form", "portal-konto", "portal-hauptnavigation", "portal-verwaltung"]


def test_logins_are_called_devices_not_sitzungen(client, member):
    """ "Sitzungen" are the meetings of the areas; the list of logins is "Angemeldete Geräte"."""
    client.force_login(member)
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 200
    text = main_text(response)
    assert re.search(r'<h1 class="kern-heading-large">\s*Angemeldete Geräte\s*</h1>', text)
    assert 'aria-current="page">Angemeldete Geräte</a>' in text
    assert "Sitzungen" not in text


def test_the_public_newsletter_sign_up_is_linked_from_the_login_page_and_the_footer(client):
    subscribe = reverse("newsletter:subscribe")
    login_html = client.get(reverse("account_login")).content.decode()
    assert f'<a class="kern-link" href="{subscribe}">Newsletter abonnieren</a></p>\n</aside>' in login_html
    assert main_text(client.get(reverse("account_signup"))).count(subscribe) == 0, "only on the login page"
    footer = client.get(reverse("impressum")).content.decode().split("</main>")[1]
    assert f'<a class="kern-link" href="{subscribe}">Newsletter abonnieren</a>' in footer
    assert client.get(subscribe).status_code == 200
