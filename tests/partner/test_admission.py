"""The admission queue of the Geschäftsstelle: decide, record, tell the applicant."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from partner.models import Decision, User

from ..conftest import PASSWORD
from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def admit(client, user, reason=""):
    return client.post(reverse("partner:account_admit", args=[user.pk]), {"admit-reason": reason})


def reject(client, user, reason):
    return client.post(reverse("partner:account_reject", args=[user.pk]), {"reject-reason": reason})


def test_queue_lists_confirmed_applications_oldest_first(office_client, make_user, applicant, applicant_unconfirmed):
    later = make_user("zweiter.antrag@essen.de", User.Status.VERIFIED)
    User.objects.filter(pk=later.pk).update(status_changed_at=applicant.status_changed_at.replace(year=2030))
    page = main_text(office_client.get(reverse("partner:admission_list")))
    assert page.index(applicant.email) < page.index(later.email)
    assert applicant_unconfirmed.email not in page
    assert "Ein weiterer Antrag wartet noch auf die Bestätigung der E-Mail-Adresse; er wird" in page
    assert "passt zur Behörde" in page


def test_queue_empty_state(office_client):
    assert "keine Anträge zur Entscheidung" in main_text(office_client.get(reverse("partner:admission_list")))


def test_queue_flags_addresses_outside_the_chosen_authority(office_client, make_user, polizei):
    make_user("fremd@polizei.nrw.de", User.Status.VERIFIED)  # claims Stadt Essen
    make_user("unbekannt@irgendwo.de", User.Status.VERIFIED)
    page = main_text(office_client.get(reverse("partner:admission_list")))
    assert "gehört zu Landeskriminalamt NRW" in page
    assert "keiner Partnerbehörde zugeordnet" in page


def test_queue_runs_a_fixed_number_of_queries(office_client, make_user):
    url = reverse("partner:admission_list")
    make_user("a0@essen.de", User.Status.VERIFIED)
    few = count_queries(office_client, url)
    for i in range(1, 30):
        make_user(f"a{i}@essen.de", User.Status.VERIFIED)
    assert count_queries(office_client, url) == few


def test_detail_shows_the_application(office_client, applicant):
    page = main_text(office_client.get(reverse("partner:account_detail", args=[applicant.pk])))
    for text in (
        applicant.email,
        "Stadt Essen",
        applicant.unit,
        applicant.function,
        "Kontrollen von Shisha-Bars",
        "passt zur Behörde",
        "Zulassen",
        "Antrag ablehnen",
        "noch keine Entscheidungen",
    ):
        assert text in page


def test_admitting_records_the_decision_and_mails_the_applicant(office_client, office, applicant, client):
    response = admit(office_client, applicant, "Bekannt aus dem FAK Shisha")
    assert response["Location"] == reverse("partner:admission_list")
    applicant.refresh_from_db()
    assert applicant.status == User.Status.ADMITTED and applicant.is_active
    decision = applicant.decisions.get()
    assert (decision.action, decision.decided_by, decision.reason) == ("admitted", office, "Bekannt aus dem FAK Shisha")
    assert office.email in decision.decided_by_name and decision.notified_at is not None
    message = mail.outbox[-1]
    assert message.to == [applicant.email]
    assert message.subject == "[SiKo Ruhr Portal] Ihr Zugang zum Portal ist freigeschaltet"
    assert "https://portal.example.test/konto/login/" in message.body
    assert message.alternatives[0].mimetype == "text/html"
    assert "wurde zugelassen" in main_text(office_client.get(response["Location"]))


def test_admitted_applicant_can_log_in(office_client, applicant):
    admit(office_client, applicant)
    from django.test import Client

    fresh = Client()
    response = fresh.post(reverse("account_login"), {"login": applicant.email, "password": PASSWORD})
    assert response["Location"] == reverse("home")
    assert "Willkommen, Anna" in fresh.get(reverse("home")).content.decode()


def test_rejecting_needs_a_reason_and_keeps_the_text(office_client, applicant):
    response = reject(office_client, applicant, "   ")
    assert response.status_code == 200
    assert "Bitte geben Sie eine Begründung an." in main_text(response)
    applicant.refresh_from_db()
    assert applicant.status == User.Status.VERIFIED
    assert not mail.outbox


def test_invalid_admit_form_keeps_the_text(office_client, applicant):
    response = admit(office_client, applicant, "x" * 2001)
    assert response.status_code == 200
    assert "x" * 2001 in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.status == User.Status.VERIFIED


def test_rejecting_mails_the_reason(office_client, applicant):
    reject(office_client, applicant, "Kein Bezug zur Bekämpfung der Clankriminalität erkennbar.")
    applicant.refresh_from_db()
    assert applicant.status == User.Status.REJECTED and not applicant.is_active
    message = mail.outbox[-1]
    assert message.subject == "[SiKo Ruhr Portal] Ihr Antrag auf Zugang zum Portal"
    assert "Kein Bezug zur Bekämpfung der Clankriminalität erkennbar." in message.body


def test_admitting_an_already_rejected_application_is_refused(office_client, applicant, office):
    reject(office_client, applicant, "Unvollständige Angaben")
    sent = len(mail.outbox)
    response = admit(office_client, applicant)
    assert response["Location"] == reverse("partner:account_detail", args=[applicant.pk])
    page = main_text(office_client.get(response["Location"]))
    assert "Dieser Antrag wurde bereits am" in page and "abgelehnt. Er kann nicht mehr zugelassen werden." in page
    applicant.refresh_from_db()
    assert applicant.status == User.Status.REJECTED
    assert applicant.decisions.count() == 1
    assert len(mail.outbox) == sent


def test_admitting_twice_is_refused(office_client, applicant):
    admit(office_client, applicant)
    response = admit(office_client, applicant)
    assert "bereits" in main_text(office_client.get(response["Location"]))
    assert applicant.decisions.count() == 1
    assert len(mail.outbox) == 1


def test_an_unconfirmed_application_cannot_be_decided(office_client, applicant_unconfirmed):
    response = admit(office_client, applicant_unconfirmed)
    assert "noch nicht bestätigt" in main_text(office_client.get(response["Location"]))
    applicant_unconfirmed.refresh_from_db()
    assert applicant_unconfirmed.status == User.Status.APPLIED


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_members_cannot_decide(client, request, role, applicant):
    client.force_login(request.getfixturevalue(role))
    assert admit(client, applicant).status_code == 403
    assert reject(client, applicant, "nein").status_code == 403
    applicant.refresh_from_db()
    assert applicant.status == User.Status.VERIFIED
    assert not Decision.objects.exists()


def test_decisions_are_post_only(office_client, applicant):
    assert office_client.get(reverse("partner:account_admit", args=[applicant.pk])).status_code == 405


def test_failed_mail_keeps_the_decision_and_can_be_resent_once(office_client, applicant):
    with mock.patch("partner.services.send_templated_mail", side_effect=OSError("SMTP nicht erreichbar")):
        response = admit(office_client, applicant)
    applicant.refresh_from_db()
    assert applicant.status == User.Status.ADMITTED
    decision = applicant.decisions.get()
    assert decision.notified_at is None
    assert "konnte jedoch nicht versandt werden" in main_text(office_client.get(response["Location"]))
    detail = main_text(office_client.get(reverse("partner:account_detail", args=[applicant.pk])))
    assert "E-Mail erneut senden" in detail
    url = reverse("partner:decision_notify", args=[applicant.pk, decision.pk])
    office_client.post(url)
    office_client.post(url)
    assert [m.to for m in mail.outbox] == [[applicant.email]]
    decision.refresh_from_db()
    assert decision.notified_at is not None


def test_resend_that_fails_again_says_so(office_client, applicant):
    with mock.patch("partner.services.send_templated_mail", side_effect=OSError):
        admit(office_client, applicant)
        decision = applicant.decisions.get()
        response = office_client.post(reverse("partner:decision_notify", args=[applicant.pk, decision.pk]))
    assert "wieder nicht versandt" in main_text(office_client.get(response["Location"]))


def test_decision_of_another_account_is_not_found(office_client, applicant, member):
    admit(office_client, applicant)
    decision = applicant.decisions.get()
    assert office_client.post(reverse("partner:decision_notify", args=[member.pk, decision.pk])).status_code == 404
