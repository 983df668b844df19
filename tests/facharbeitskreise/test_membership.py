"""The list of areas and membership requests: request, twice, withdraw, accept, decline."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from facharbeitskreise import access, services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis, MembershipRequest
from tests.helpers import count_queries, main_text

pytestmark = pytest.mark.django_db

LIST = reverse("facharbeitskreise:arbeitskreis_list")


def _url(name, arbeitskreis, **kwargs):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug, **kwargs})


def test_list_shows_open_arbeitskreise_with_lead_and_a_request_action(login, outsider, arbeitskreis, ak_lead):
    text = main_text(login(outsider).get(LIST))
    assert arbeitskreis.name in text and "Lena Leitung" in text
    assert _url("arbeitskreis_request", arbeitskreis) in text


def test_list_hides_confidential_arbeitskreise_from_non_members(login, outsider, other_arbeitskreis, other_lead):
    assert other_arbeitskreis.name not in login(outsider).get(LIST).content.decode()


def test_list_shows_confidential_arbeitskreis_to_its_members(login, other_arbeitskreis, other_lead):
    assert other_arbeitskreis.name in main_text(login(other_lead).get(LIST))


def test_list_shows_the_own_role_and_a_pending_request(login, requester, ak_member, arbeitskreis):
    assert "Antrag gestellt" in main_text(login(requester).get(LIST))
    assert "Mitglied" in main_text(login(ak_member).get(LIST))


def test_list_runs_a_fixed_number_of_queries(login, ak_member, make_user):
    client = login(ak_member)
    small = count_queries(client, LIST)
    for i in range(8):
        arbeitskreis = Arbeitskreis.objects.create(name=f"AK Nummer {i}", slug=f"ak-nummer-{i}")
        lead = make_user(f"leitung{i}@essen.de")
        services.role_grant(arbeitskreis=arbeitskreis, user=lead, role=Role.LEITUNG, actor=None)
        services.role_grant(arbeitskreis=arbeitskreis, user=ak_member, role=Role.MITGLIED, actor=None)
    assert count_queries(client, LIST) == small


def test_member_requests_membership(login, outsider, arbeitskreis, ak_lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(outsider).post(
            _url("arbeitskreis_request", arbeitskreis), {"reason": "Ich prüfe Bordelle in Dortmund."}
        )
    assert response.status_code == 302
    assert MembershipRequest.objects.filter(arbeitskreis=arbeitskreis, user=outsider, status="open").exists()
    assert [m.to for m in mail.outbox] == [[ak_lead.email]]
    assert "Ich prüfe" not in mail.outbox[0].body  # the reason stays in the portal


def test_requesting_twice_is_refused_with_a_clear_message(login, requester, arbeitskreis, open_request):
    response = login(requester).post(_url("arbeitskreis_request", arbeitskreis), {"reason": "Noch einmal"})
    assert response.status_code == 200
    assert "bereits am" in main_text(response)
    assert MembershipRequest.objects.filter(arbeitskreis=arbeitskreis, user=requester).count() == 1


def test_requesting_twice_in_the_service_is_refused(requester, arbeitskreis, open_request):
    with pytest.raises(services.AccessError, match="bereits am"):
        services.membership_request_create(arbeitskreis=arbeitskreis, user=requester, reason="Nochmal")


def test_request_without_reason_keeps_the_form(login, outsider, arbeitskreis):
    response = login(outsider).post(_url("arbeitskreis_request", arbeitskreis), {"reason": ""})
    assert response.status_code == 200
    assert "Bitte begründen Sie Ihren Antrag." in main_text(response)


def test_confidential_arbeitskreis_request_page_is_404_without_its_name(
    login, outsider, other_arbeitskreis, other_lead
):
    response = login(outsider).get(_url("arbeitskreis_request", other_arbeitskreis))
    assert response.status_code == 404
    assert other_arbeitskreis.name not in response.content.decode()


def test_requester_withdraws(login, requester, arbeitskreis, open_request):
    login(requester).post(_url("request_withdraw", arbeitskreis))
    open_request.refresh_from_db()
    assert open_request.status == MembershipRequest.Status.WITHDRAWN


def test_accepting_a_withdrawn_request_is_refused_and_grants_nothing(
    login, ak_lead, requester, arbeitskreis, open_request
):
    services.membership_request_withdraw(membership_request=open_request, user=requester)
    response = login(ak_lead).post(
        _url("lead_request_decide", arbeitskreis, pk=open_request.pk), {"entscheidung": "annehmen"}, follow=True
    )
    assert "zurückgezogen und kann nicht mehr angenommen werden" in main_text(response)
    assert access.role_of(requester, arbeitskreis) is None


def test_lead_accepts_a_request(login, ak_lead, requester, arbeitskreis, open_request):
    login(ak_lead).post(_url("lead_request_decide", arbeitskreis, pk=open_request.pk), {"entscheidung": "annehmen"})
    open_request.refresh_from_db()
    assert (open_request.status, open_request.decided_by) == ("accepted", ak_lead)
    assert access.role_of(requester, arbeitskreis) == Role.MITGLIED


def test_lead_declines_a_request_and_the_requester_is_told(
    login, ak_lead, requester, arbeitskreis, open_request, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(ak_lead).post(
            _url("lead_request_decide", arbeitskreis, pk=open_request.pk),
            {"entscheidung": "ablehnen", "comment": "Zu voll"},
        )
    open_request.refresh_from_db()
    assert open_request.status == "declined"
    assert access.role_of(requester, arbeitskreis) is None
    assert mail.outbox[-1].to == [requester.email]


def test_deciding_twice_names_the_first_decision(ak_lead, requester, arbeitskreis, open_request):
    services.membership_request_decline(membership_request=open_request, actor=ak_lead)
    with pytest.raises(services.AccessError, match="bereits am .* entschieden: abgelehnt"):
        services.membership_request_accept(membership_request=open_request, actor=ak_lead)


def test_lead_of_another_arbeitskreis_cannot_decide(login, other_lead, arbeitskreis, open_request):
    response = login(other_lead).post(
        _url("lead_request_decide", arbeitskreis, pk=open_request.pk), {"entscheidung": "annehmen"}
    )
    assert response.status_code == 404
    open_request.refresh_from_db()
    assert open_request.status == "open"


def test_a_decision_without_a_choice_is_refused_and_the_request_stays_open(login, ak_lead, arbeitskreis, open_request):
    response = login(ak_lead).post(_url("lead_request_decide", arbeitskreis, pk=open_request.pk), {}, follow=True)
    assert "Bitte wählen Sie „Annehmen“ oder „Ablehnen“." in main_text(response)
    open_request.refresh_from_db()
    assert open_request.status == "open"


def test_withdrawing_without_an_open_request_says_so(login, outsider, arbeitskreis):
    response = login(outsider).post(_url("request_withdraw", arbeitskreis), follow=True)
    assert "keinen offenen Antrag" in main_text(response)


def test_archived_arbeitskreis_request_page_is_404_for_non_members(login, outsider, arbeitskreis, ak_lead):
    services.arbeitskreis_archive(arbeitskreis=arbeitskreis, actor=None)
    assert login(outsider).get(_url("arbeitskreis_request", arbeitskreis)).status_code == 404
