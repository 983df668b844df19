"""Account management: deactivation ends every session at once, reactivation loses nothing."""

from __future__ import annotations

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from partner.models import User

from ..conftest import PASSWORD
from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def logged_in_client(user) -> Client:
    """A real login through allauth, so the session is tracked like in production."""
    browser = Client()
    response = browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    return browser


def deactivate(client, user, reason="Wechsel in eine andere Behörde"):
    return client.post(reverse("partner:account_deactivate", args=[user.pk]), {"reason": reason})


def test_deactivation_asks_for_confirmation_first(office_client, member):
    response = office_client.get(reverse("partner:account_deactivate", args=[member.pk]))
    page = main_text(response)
    assert "deaktivieren?" in page and "sofort auf allen Geräten abgemeldet" in page
    member.refresh_from_db()
    assert member.status == User.Status.ADMITTED


def test_deactivation_ends_all_sessions_at_once(office_client, member):
    browser = logged_in_client(member)
    assert browser.get(reverse("home")).status_code == 200
    assert UserSession.objects.filter(user=member).exists()
    response = deactivate(office_client, member)
    assert response["Location"] == reverse("partner:account_detail", args=[member.pk])
    member.refresh_from_db()
    assert member.status == User.Status.DEACTIVATED and not member.is_active
    assert browser.get(reverse("home"))["Location"].startswith(reverse("account_login"))
    assert not UserSession.objects.filter(user=member).exists()
    assert not any(s.get_decoded().get("_auth_user_id") == str(member.pk) for s in Session.objects.all())
    login = Client().post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert login["Location"] == reverse("partner:application_status")
    assert mail.outbox[-1].subject == "[SiKo Ruhr Portal] Ihr Zugang zum Portal wurde deaktiviert"


def test_deactivation_needs_a_reason_and_keeps_nothing_half_done(office_client, member):
    response = deactivate(office_client, member, reason="")
    assert response.status_code == 200
    assert "Bitte geben Sie eine Begründung an." in main_text(response)
    member.refresh_from_db()
    assert member.status == User.Status.ADMITTED
    assert not member.decisions.exists()


def test_office_cannot_deactivate_itself(office_client, office):
    response = deactivate(office_client, office)
    assert "Sie können Ihr eigenes Konto nicht deaktivieren." in main_text(response)
    office.refresh_from_db()
    assert office.status == User.Status.ADMITTED


def test_reactivation_restores_access_and_keeps_the_profile(office_client, member):
    deactivate(office_client, member)
    response = office_client.post(reverse("partner:account_reactivate", args=[member.pk]))
    assert "wieder aktiv" in main_text(office_client.get(response["Location"]))
    member.refresh_from_db()
    assert member.status == User.Status.ADMITTED and member.is_contact_person
    assert list(member.decisions.values_list("action", flat=True)) == ["reactivated", "deactivated"]
    assert logged_in_client(member).get(reverse("home")).status_code == 200


def test_reactivating_an_active_account_is_refused(office_client, member):
    response = office_client.post(reverse("partner:account_reactivate", args=[member.pk]))
    assert "bereits aktiv" in main_text(office_client.get(response["Location"]))
    assert not member.decisions.exists()


def test_deactivation_needs_the_account_permission(client, make_user, member):
    reviewer = make_user("nur.pruefen@essen.de", second_factor=True)
    reviewer.user_permissions.add(Permission.objects.get(codename="review_application"))
    client.force_login(reviewer)
    assert client.get(reverse("partner:account_detail", args=[member.pk])).status_code == 200
    assert deactivate(client, member).status_code == 403
    member.refresh_from_db()
    assert member.status == User.Status.ADMITTED


def test_account_list_filters_by_status_and_text(office_client, member, applicant, deactivated):
    url = reverse("partner:account_list")
    page = main_text(office_client.get(url, {"status": "deactivated"}))
    assert deactivated.email in page and member.email not in page
    page = main_text(office_client.get(url, {"q": "anna.antrag"}))
    assert applicant.email in page and member.email not in page
    assert "Kein Konto entspricht" in main_text(office_client.get(url, {"q": "niemand-hier"}))


def test_account_list_runs_a_fixed_number_of_queries(office_client, make_user):
    url = reverse("partner:account_list")
    few = count_queries(office_client, url)
    for i in range(30):
        make_user(f"person{i}@essen.de")
    assert count_queries(office_client, url) == few


def test_unknown_account_is_404(office_client):
    assert office_client.get(reverse("partner:account_detail", args=[999999])).status_code == 404
