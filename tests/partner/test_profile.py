"""Members keep their own profile: contact data and whether they appear as contact person."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partner.models import User

from ..helpers import main_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def test_profile_shows_the_current_data(member_client, member):
    page = main_text(member_client.get(reverse("partner:profile")))
    assert member.email in page and "Stadt Essen" in page and 'value="0201 88-12345"' in page
    for link in ("E-Mail-Adresse", "Passwort", "Zwei-Faktor-Authentifizierung"):
        assert link in member_client.get(reverse("partner:profile")).content.decode()


def test_profile_saves_changes(member_client, member):
    response = member_client.post(
        reverse("partner:profile"),
        {
            "first_name": "Maximilian",
            "last_name": "Muster",
            "unit": "Ordnungsamt – Außendienst",
            "function": "Teamleitung",
            "phone": "",
            "is_contact_person": "",
        },
    )
    assert response["Location"] == reverse("partner:profile")
    member.refresh_from_db()
    assert (member.first_name, member.unit, member.function, member.phone, member.is_contact_person) == (
        "Maximilian",
        "Ordnungsamt – Außendienst",
        "Teamleitung",
        "",
        False,
    )
    assert "Ihr Profil wurde gespeichert." in main_text(member_client.get(response["Location"]))


def test_invalid_profile_keeps_what_was_typed(member_client, member):
    response = member_client.post(
        reverse("partner:profile"),
        {
            "first_name": "Maximilian",
            "last_name": "",
            "unit": "Neue Einheit",
            "function": "Teamleitung",
        },
    )
    assert response.status_code == 200
    page = main_text(response)
    assert "Bitte prüfen Sie Ihre Angaben" in page
    assert 'value="Maximilian"' in page and 'value="Neue Einheit"' in page
    member.refresh_from_db()
    assert member.first_name == "Max"


def test_profile_cannot_change_status_partner_or_email(member_client, member, polizei):
    member_client.post(
        reverse("partner:profile"),
        {
            "first_name": "Max",
            "last_name": "Muster",
            "unit": "X",
            "function": "Y",
            "status": "admitted",
            "partner": polizei.pk,
            "email": "anders@polizei.nrw.de",
            "is_staff": "on",
        },
    )
    member.refresh_from_db()
    assert member.partner.name == "Stadt Essen" and member.email == "max.nutzer@essen.de" and not member.is_staff
    assert member.status == User.Status.ADMITTED
