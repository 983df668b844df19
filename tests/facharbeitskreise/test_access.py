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
from facharbeitskreise.models import Arbeitsbereich
from partner.models import AuditEvent

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_roles_map_onto_guardian_perms(area, ak_member, ak_contributor, ak_lead):
    """guardian itself agrees with the roles: the perms are the single source of truth."""
    for user, perms in [
        (ak_member, {"view_arbeitsbereich"}),
        (ak_contributor, {"view_arbeitsbereich", "contribute_arbeitsbereich"}),
        (ak_lead, {"view_arbeitsbereich", "contribute_arbeitsbereich", "lead_arbeitsbereich"}),
    ]:
        assert set(ObjectPermissionChecker(user).get_perms(area)) == perms


def test_role_of_each_person(area, ak_member, ak_contributor, ak_lead, outsider, office):
    assert access.role_of(ak_member, area) == Role.MITGLIED
    assert access.role_of(ak_contributor, area) == Role.MITWIRKEND
    assert access.role_of(ak_lead, area) == Role.LEITUNG
    assert access.role_of(outsider, area) is None
    assert access.role_of(office, area) is None


def test_a_group_grant_gives_its_members_access(area, ak_lead, outsider):
    group = Group.objects.create(name="Zoll Essen")
    outsider.groups.add(group)
    services.role_grant(area=area, group=group, role=Role.MITWIRKEND, actor=ak_lead)
    assert access.role_of(outsider, area) == Role.MITWIRKEND
    assert outsider.pk in access.member_ids(area)
    assert list(Arbeitsbereich.objects.member_of(outsider)) == [area]


def test_direct_and_group_grants_combine_to_the_higher_role(area, ak_lead, ak_member):
    group = Group.objects.create(name="Leitungsrunde")
    ak_member.groups.add(group)
    services.role_grant(area=area, group=group, role=Role.LEITUNG, actor=None)
    assert access.role_of(ak_member, area) == Role.LEITUNG


def test_roles_for_many_areas_costs_one_query(ak_lead, make_user):
    areas = [Arbeitsbereich.objects.create(name=f"AK {i}", slug=f"ak-{i}") for i in range(5)]
    for area in areas:
        services.role_grant(area=area, user=ak_lead, role=Role.MITGLIED, actor=None)
    with CaptureQueriesContext(connection) as ctx:
        roles = access.roles_for(ak_lead, areas)
    assert len(ctx.captured_queries) == 1
    assert set(roles) == {area.pk for area in areas}


def test_listed_for_hides_confidential_and_archived_areas(area, other_area, ak_member, other_lead, outsider):
    archived = Arbeitsbereich.objects.create(name="Alt", slug="alt", is_archived=True)
    assert set(Arbeitsbereich.objects.listed_for(outsider)) == {area}
    assert set(Arbeitsbereich.objects.listed_for(other_lead)) == {area, other_area}
    assert archived not in Arbeitsbereich.objects.listed_for(ak_member)


def test_area_for_hides_the_area_from_outsiders(area, ak_lead, outsider):
    with pytest.raises(Http404):
        access.area_for(_request(outsider), area.slug)


def test_area_for_refuses_a_lower_role_with_403(area, ak_member):
    with pytest.raises(PermissionDenied):
        access.area_for(_request(ak_member), area.slug, Role.MITWIRKEND)


def test_area_for_refuses_writes_to_an_archived_area(area, ak_contributor):
    area.is_archived = True
    area.save()
    assert access.area_for(_request(ak_contributor), area.slug, Role.MITWIRKEND).user_role == Role.MITWIRKEND
    with pytest.raises(PermissionDenied, match="archiviert"):
        access.area_for(_request(ak_contributor), area.slug, Role.MITWIRKEND, write=True)


def test_deactivation_revokes_every_grant_and_records_it(area, deactivated):
    assert access.role_of(deactivated, area) is None
    assert not area.user_grants.filter(user=deactivated).exists()
    event = AuditEvent.objects.get(subject=deactivated, kind=AuditEvent.Kind.AREA_REVOKED)
    assert (event.detail["reason"], event.actor, event.area) == ("Konto deaktiviert", None, area.audit_area)


def test_a_non_admitted_account_counts_nowhere_even_with_rows_left(area, ak_lead, ak_member):
    ak_member.status = ak_member.Status.DEACTIVATED
    ak_member.save()
    assert ak_member.pk not in access.member_ids(area)
    assert access.roles_for(ak_member) == {}


def test_every_grant_is_recorded_with_actor(area, ak_lead, outsider, office):
    services.role_grant(area=area, user=outsider, role=Role.MITGLIED, actor=office, reason="Geschäftsstelle")
    event = AuditEvent.objects.get(subject=outsider, area=area.audit_area)
    assert (event.kind, event.detail["role"], event.actor) == (AuditEvent.Kind.AREA_GRANTED, "mitglied", office)


def test_granting_the_same_role_twice_is_refused(area, ak_member, ak_lead):
    with pytest.raises(services.AccessError, match="bereits die Rolle"):
        services.role_grant(area=area, user=ak_member, role=Role.MITGLIED, actor=ak_lead)
