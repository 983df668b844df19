"""The access core: roles from guardian grants, direct and through groups, admitted users only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from guardian.core import ObjectPermissionChecker

from facharbeitskreise import access, services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis
from partner.models import AuditEvent

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_roles_map_onto_guardian_perms(arbeitskreis, ak_member, ak_contributor, ak_lead):
    """guardian itself agrees with the roles: the perms are the single source of truth."""
    for user, perms in [
        (ak_member, {"view_arbeitskreis"}),
        (ak_contributor, {"view_arbeitskreis", "contribute_arbeitskreis"}),
        (ak_lead, {"view_arbeitskreis", "contribute_arbeitskreis", "lead_arbeitskreis"}),
    ]:
        assert set(ObjectPermissionChecker(user).get_perms(arbeitskreis)) == perms


def test_role_of_each_person(arbeitskreis, ak_member, ak_contributor, ak_lead, outsider, office):
    assert access.role_of(ak_member, arbeitskreis) == Role.MITGLIED
    assert access.role_of(ak_contributor, arbeitskreis) == Role.MITWIRKEND
    assert access.role_of(ak_lead, arbeitskreis) == Role.LEITUNG
    assert access.role_of(outsider, arbeitskreis) is None
    assert access.role_of(office, arbeitskreis) is None


def test_a_group_grant_gives_its_members_access(arbeitskreis, ak_lead, outsider):
    group = Group.objects.create(name="Zoll Essen")
    outsider.groups.add(group)
    services.role_grant(arbeitskreis=arbeitskreis, group=group, role=Role.MITWIRKEND, actor=ak_lead)
    assert access.role_of(outsider, arbeitskreis) == Role.MITWIRKEND
    assert outsider.pk in access.member_ids(arbeitskreis)
    assert list(Arbeitskreis.objects.member_of(outsider)) == [arbeitskreis]


def test_direct_and_group_grants_combine_to_the_higher_role(arbeitskreis, ak_lead, ak_member):
    group = Group.objects.create(name="Leitungsrunde")
    ak_member.groups.add(group)
    services.role_grant(arbeitskreis=arbeitskreis, group=group, role=Role.LEITUNG, actor=None)
    assert access.role_of(ak_member, arbeitskreis) == Role.LEITUNG


def test_roles_for_many_arbeitskreise_costs_one_query(ak_lead, make_user):
    arbeitskreise = [Arbeitskreis.objects.create(name=f"AK {i}", slug=f"ak-{i}") for i in range(5)]
    for arbeitskreis in arbeitskreise:
        services.role_grant(arbeitskreis=arbeitskreis, user=ak_lead, role=Role.MITGLIED, actor=None)
    with CaptureQueriesContext(connection) as ctx:
        roles = access.roles_for(ak_lead, arbeitskreise)
    assert len(ctx.captured_queries) == 1
    assert set(roles) == {arbeitskreis.pk for arbeitskreis in arbeitskreise}


def test_listed_for_hides_confidential_and_archived_arbeitskreise(
    arbeitskreis, other_arbeitskreis, ak_member, other_lead, outsider
):
    archived = Arbeitskreis.objects.create(name="Alt", slug="alt", is_archived=True)
    assert set(Arbeitskreis.objects.listed_for(outsider)) == {arbeitskreis}
    assert set(Arbeitskreis.objects.listed_for(other_lead)) == {arbeitskreis, other_arbeitskreis}
    assert archived not in Arbeitskreis.objects.listed_for(ak_member)


def test_arbeitskreis_for_hides_the_arbeitskreis_from_outsiders(arbeitskreis, ak_lead, outsider):
    with pytest.raises(Http404):
        access.arbeitskreis_for(_request(outsider), arbeitskreis.slug)


def test_arbeitskreis_for_refuses_a_lower_role_with_403(arbeitskreis, ak_member):
    with pytest.raises(PermissionDenied):
        access.arbeitskreis_for(_request(ak_member), arbeitskreis.slug, Role.MITWIRKEND)


def test_arbeitskreis_for_refuses_writes_to_an_archived_arbeitskreis(arbeitskreis, ak_contributor):
    arbeitskreis.is_archived = True
    arbeitskreis.save()
    assert (
        access.arbeitskreis_for(_request(ak_contributor), arbeitskreis.slug, Role.MITWIRKEND).user_role
        == Role.MITWIRKEND
    )
    with pytest.raises(PermissionDenied, match="archiviert"):
        access.arbeitskreis_for(_request(ak_contributor), arbeitskreis.slug, Role.MITWIRKEND, write=True)


def test_deactivation_revokes_every_grant_and_records_it(arbeitskreis, deactivated):
    assert access.role_of(deactivated, arbeitskreis) is None
    assert not arbeitskreis.user_grants.filter(user=deactivated).exists()
    event = AuditEvent.objects.get(subject=deactivated, kind=AuditEvent.Kind.ARBEITSKREIS_REVOKED)
    assert (event.detail["reason"], event.actor, event.bereich) == (
        "Konto deaktiviert",
        None,
        arbeitskreis.audit_bereich,
    )


def test_a_non_admitted_account_counts_nowhere_even_with_rows_left(arbeitskreis, ak_lead, ak_member):
    ak_member.status = ak_member.Status.DEACTIVATED
    ak_member.save()
    assert ak_member.pk not in access.member_ids(arbeitskreis)
    assert access.roles_for(ak_member) == {}


def test_every_grant_is_recorded_with_actor(arbeitskreis, ak_lead, outsider, office):
    services.role_grant(
        arbeitskreis=arbeitskreis, user=outsider, role=Role.MITGLIED, actor=office, reason="Geschäftsstelle"
    )
    event = AuditEvent.objects.get(subject=outsider, bereich=arbeitskreis.audit_bereich)
    assert (event.kind, event.detail["role"], event.actor) == (AuditEvent.Kind.ARBEITSKREIS_GRANTED, "mitglied", office)


def test_granting_the_same_role_twice_is_refused(arbeitskreis, ak_member, ak_lead):
    with pytest.raises(services.AccessError, match="bereits die Rolle"):
        services.role_grant(arbeitskreis=arbeitskreis, user=ak_member, role=Role.MITGLIED, actor=ak_lead)
