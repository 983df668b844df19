"""Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO): office only, built from the same
settings the portal runs on — a changed retention period changes the page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ..helpers import main_text

pytestmark = pytest.mark.django_db

URL = reverse("partner:processing_register")


def row(text: str, name: str) -> str:
    """The table row of one processing activity, tags stripped."""
    match = re.search(rf"<th scope=\"row\"[^>]*>{re.escape(name)}</th>(.*?)</tr>", text, re.S)
    assert match, name
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_every_app_describes_its_processing(office_client):
    text = main_text(office_client.get(URL))
    for name in [
        "Nutzerkonten und Zulassung",
        "Protokoll: Anmeldungen",
        "Protokoll: Dateiabrufe",
        "Beiträge in den Fachgebieten",
        "Arbeitskreise und Projekte",
        "Newsletter",
        "Startseite „Neu im Portal“",
    ]:
        assert f">{name}</th>" in text, name


def test_the_defaults_are_shown(office_client):
    text = main_text(office_client.get(URL))
    assert row(text, "Protokoll: Anmeldungen").endswith("90 Tage")
    assert row(text, "Protokoll: Kontoänderungen").endswith("730 Tage")
    assert row(text, "Protokoll: Dateiabrufe").endswith("365 Tage")
    assert "Unbestätigte Registrierungen: 7 Tage" in row(text, "Nutzerkonten und Zulassung")


def test_a_changed_setting_changes_the_page(office_client, settings):
    settings.SIKO_AUDIT_RETENTION_DAYS = {**settings.SIKO_AUDIT_RETENTION_DAYS, "login": 30, "download": 1}
    settings.SIKO_NEWSLETTER_OPTOUT_RETENTION_DAYS = 400
    settings.SIKO_SESSION_IDLE_MINUTES = 15
    text = main_text(office_client.get(URL))
    assert row(text, "Protokoll: Anmeldungen").endswith("30 Tage")
    assert row(text, "Protokoll: Dateiabrufe").endswith("1 Tag")
    assert "Abmeldungen externer Adressen als Nachweis: 400 Tage" in row(text, "Newsletter")
    assert "nach 15 Minuten ohne Aktivität" in row(text, "Sitzungen und zweiter Faktor")


def test_it_is_linked_from_the_office_arbeitskreis(office_client):
    assert URL in main_text(office_client.get(reverse("partner:deletion_request_list")))
    navigation = office_client.get(reverse("home")).content.decode()
    assert reverse("partner:deletion_request_list") in navigation
