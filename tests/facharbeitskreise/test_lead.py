"""The Leitung's work in its own area: members, roles, removal, description; archived areas."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from facharbeitskreise import access, services
from facharbeitskreise.access import Role
from partner.models import AuditEvent
from tests.helpers import count_queries, main_text

pytestmark = pytest.mark.django_db


def _url(name, arbeitskreis, **kwargs):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug, **kwargs})


def test_lead_adds_an_admitted_user_by_email(login, ak_lead, outsider, arbeitskreis):
    response = login(ak_lead).post(
        _url("lead_member_add", arbeitskreis), {"user": outsider.email.upper(), "role": "mitwirkend"}
    )
    assert response.status_code == 302
    assert access.role_of(outsider, arbeitskreis) == Role.MITWIRKEND
    event = AuditEvent.objects.get(kind="area_granted", subject=outsider)
    assert (event.actor, event.bereich, event.detail["role"]) == (
        ak_lead,
        f"facharbeitskreise:{arbeitskreis.slug}",
        "mitwirkend",
    )


def test_adding_an_unknown_address_keeps_the_input(login, ak_lead, arbeitskreis):
    response = login(ak_lead).post(
        _url("lead_member_add", arbeitskreis), {"user": "niemand@essen.de", "role": "mitglied"}
    )
    text = main_text(response)
    assert "kein zugelassenes Konto" in text and "niemand@essen.de" in text


def test_adding_a_deactivated_account_is_refused(login, ak_lead, arbeitskreis, make_user):
    gone = make_user("gone@essen.de", status="deactivated")
    response = login(ak_lead).post(_url("lead_member_add", arbeitskreis), {"user": gone.email, "role": "mitglied"})
    assert "kein zugelassenes Konto" in main_text(response)


def test_lead_changes_a_role(login, ak_lead, ak_member, arbeitskreis):
    login(ak_lead).post(_url("lead_member_role", arbeitskreis, user_pk=ak_member.pk), {"role": "leitung"})
    assert access.role_of(ak_member, arbeitskreis) == Role.LEITUNG
    audit = AuditEvent.objects.get(kind="area_role_changed", subject=ak_member)
    assert (audit.actor, audit.detail["previous_role"], audit.detail["role"]) == (ak_lead, "mitglied", "leitung")


def test_lead_removes_a_member_after_confirmation(login, ak_lead, ak_member, arbeitskreis):
    client = login(ak_lead)
    assert "entfernen?" in main_text(client.get(_url("lead_member_remove", arbeitskreis, user_pk=ak_member.pk)))
    assert access.role_of(ak_member, arbeitskreis) == Role.MITGLIED
    client.post(_url("lead_member_remove", arbeitskreis, user_pk=ak_member.pk))
    assert access.role_of(ak_member, arbeitskreis) is None
    assert AuditEvent.objects.get(kind="area_revoked", subject=ak_member).actor == ak_lead


def test_removing_the_last_lead_is_refused(login, ak_lead, arbeitskreis):
    response = login(ak_lead).post(_url("lead_member_remove", arbeitskreis, user_pk=ak_lead.pk), follow=True)
    assert "keine Leitung mehr" in main_text(response)
    assert access.role_of(ak_lead, arbeitskreis) == Role.LEITUNG


def test_demoting_the_last_lead_is_refused(ak_lead, arbeitskreis):
    with pytest.raises(services.AccessError, match="keine Leitung mehr"):
        services.role_grant(arbeitskreis=arbeitskreis, user=ak_lead, role=Role.MITGLIED, actor=ak_lead)
    assert access.role_of(ak_lead, arbeitskreis) == Role.LEITUNG


def test_a_lead_may_step_down_once_another_leads(ak_lead, ak_member, arbeitskreis):
    services.role_grant(arbeitskreis=arbeitskreis, user=ak_member, role=Role.LEITUNG, actor=ak_lead)
    services.role_revoke(arbeitskreis=arbeitskreis, user=ak_lead, actor=ak_lead)
    assert access.lead_ids(arbeitskreis) == {ak_member.pk}


def test_lead_edits_the_description(login, ak_lead, arbeitskreis):
    login(ak_lead).post(_url("lead_description", arbeitskreis), {"description": "Neue Beschreibung"})
    arbeitskreis.refresh_from_db()
    assert arbeitskreis.description == "Neue Beschreibung"


def test_editing_the_description_of_an_archived_arbeitskreis_is_refused(login, ak_lead, arbeitskreis):
    services.arbeitskreis_archive(arbeitskreis=arbeitskreis, actor=None)
    response = login(ak_lead).post(_url("lead_description", arbeitskreis), {"description": "Geändert"})
    assert response.status_code == 403
    arbeitskreis.refresh_from_db()
    assert arbeitskreis.description != "Geändert"


def test_archived_arbeitskreis_is_read_only_with_a_note(login, ak_member, arbeitskreis):
    services.arbeitskreis_archive(arbeitskreis=arbeitskreis, actor=None)
    response = login(ak_member).get(arbeitskreis.get_absolute_url())
    assert response.status_code == 200
    assert "archiviert" in main_text(response)


def test_member_list_shows_authority_and_role(login, ak_member, ak_contributor, arbeitskreis):
    text = main_text(login(ak_member).get(_url("member_list", arbeitskreis)))
    assert "Landeskriminalamt NRW" in text and "Mitwirkend" in text and "Leitung" in text
    assert "Rolle ändern" not in text


def test_the_leads_role_select_is_a_kern_select_named_per_person(login, ak_lead, ak_member, arbeitskreis):
    text = main_text(login(ak_lead).get(_url("member_list", arbeitskreis)))
    name = ak_member.get_full_name()
    assert f'<label class="kern-label kern-sr-only" for="rolle-{ak_member.pk}">Rolle von {name}</label>' in text
    wrapped = r'<div class="kern-form-input__select-wrapper">\s*<select class="kern-form-input__select" id="rolle-'
    assert re.search(wrapped + str(ak_member.pk), text)
    assert f'Rolle ändern<span class="kern-sr-only"> ({name})</span>' in text


def test_member_list_runs_a_fixed_number_of_queries(login, ak_lead, arbeitskreis, make_user):
    client = login(ak_lead)
    small = count_queries(client, _url("member_list", arbeitskreis))
    for i in range(10):
        services.role_grant(
            arbeitskreis=arbeitskreis, user=make_user(f"person{i}@essen.de"), role=Role.MITGLIED, actor=None
        )
    assert count_queries(client, _url("member_list", arbeitskreis)) == small


def test_arbeitskreis_overview_shows_leads_and_member_count(login, ak_member, arbeitskreis):
    text = main_text(login(ak_member).get(arbeitskreis.get_absolute_url()))
    assert "Lena Leitung" in text and "2 Mitglieder" in text


def test_outsider_404_page_does_not_name_the_confidential_arbeitskreis(login, outsider, other_arbeitskreis, other_lead):
    for name in ("arbeitskreis_detail", "member_list", "lead_requests"):
        response = login(outsider).get(_url(name, other_arbeitskreis))
        assert response.status_code == 404
        assert other_arbeitskreis.name not in response.content.decode()


def test_an_invalid_role_is_refused_and_nothing_changes(login, ak_lead, ak_member, arbeitskreis):
    response = login(ak_lead).post(
        _url("lead_member_role", arbeitskreis, user_pk=ak_member.pk), {"role": "chef"}, follow=True
    )
    assert "Bitte wählen Sie eine gültige Rolle." in main_text(response)
    assert access.role_of(ak_member, arbeitskreis) == Role.MITGLIED


def test_adding_someone_who_already_has_access_says_so(login, ak_lead, ak_member, arbeitskreis):
    response = login(ak_lead).post(_url("lead_member_add", arbeitskreis), {"user": ak_member.email, "role": "leitung"})
    assert response.status_code == 200
    assert "hat bereits Zugang" in main_text(response)
    assert access.role_of(ak_member, arbeitskreis) == Role.MITGLIED


def test_the_lead_cannot_remove_access_through_a_group(login, ak_lead, outsider, arbeitskreis):
    group = Group.objects.create(name="Zoll Essen")
    outsider.groups.add(group)
    services.role_grant(arbeitskreis=arbeitskreis, group=group, role=Role.MITGLIED, actor=None)
    response = login(ak_lead).post(_url("lead_member_remove", arbeitskreis, user_pk=outsider.pk), follow=True)
    assert "nur die Geschäftsstelle" in main_text(response)
    assert access.role_of(outsider, arbeitskreis) == Role.MITGLIED
