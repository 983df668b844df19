"""Routes of the areas, their Leitung and the Geschäftsstelle's administration.

`NEEDS` names the role each area route needs; `test_role_matrix.py` runs every role against it.
"""

from __future__ import annotations

from django.contrib.auth.models import Group

from facharbeitskreise import services
from facharbeitskreise.access import Role, member_roles
from facharbeitskreise.models import MembershipRequest
from partner.models import User
from tests.sikoportal.route_types import Access, Route, kw

from .world import world_arbeitskreis

ARBEITSKREIS = kw(slug="{ak_slug}")

NEEDS: dict[str, str] = {
    "facharbeitskreise:arbeitskreis_detail": Role.MITGLIED,
    "facharbeitskreise:member_list": Role.MITGLIED,
    "facharbeitskreise:lead_requests": Role.LEITUNG,
    "facharbeitskreise:lead_access_log": Role.LEITUNG,
    "facharbeitskreise:lead_request_decide": Role.LEITUNG,
    "facharbeitskreise:lead_member_add": Role.LEITUNG,
    "facharbeitskreise:lead_member_role": Role.LEITUNG,
    "facharbeitskreise:lead_member_remove": Role.LEITUNG,
    "facharbeitskreise:lead_description": Role.LEITUNG,
    "facharbeitskreise:lead_review": Role.LEITUNG,
    "facharbeitskreise:lead_review_start": Role.LEITUNG,
    "facharbeitskreise:lead_review_complete": Role.LEITUNG,
}

_KWARGS = {
    "facharbeitskreise:lead_request_decide": kw(slug="{ak_slug}", pk="{ak_request_pk}"),
    "facharbeitskreise:lead_member_role": kw(slug="{ak_slug}", user_pk="{ak_member_pk}"),
    "facharbeitskreise:lead_member_remove": kw(slug="{ak_slug}", user_pk="{ak_member_pk}"),
}

# GET and empty POST of a role that may use the route, where that is not (200, 200) (Route.answers).
_ANSWERS = {
    # Read-only pages: @arbeitskreis_view(methods=("GET",)) refuses a POST.
    "facharbeitskreise:arbeitskreis_detail": (200, 405),
    "facharbeitskreise:member_list": (200, 405),
    "facharbeitskreise:lead_requests": (200, 405),
    "facharbeitskreise:lead_access_log": (200, 405),
    "facharbeitskreise:lead_member_remove": (200, 302),
    "facharbeitskreise:lead_member_role": (405, 302),
    "facharbeitskreise:lead_request_decide": (405, 302),
    "facharbeitskreise:lead_review": (200, 302),
    "facharbeitskreise:lead_review_complete": (302, 302),
    "facharbeitskreise:lead_review_start": (405, 302),
}

ROUTES: dict[str, Route] = {
    # Any admitted user sees the list and may request membership of an open area.
    "facharbeitskreise:arbeitskreis_list": Route(Access.MEMBER),
    "facharbeitskreise:arbeitskreis_request": Route(Access.MEMBER, ARBEITSKREIS),
    "facharbeitskreise:request_withdraw": Route(Access.MEMBER, ARBEITSKREIS, answers=(405, 302)),
    **{
        name: Route(Access.OBJECT, _KWARGS.get(name, ARBEITSKREIS), answers=_ANSWERS.get(name, (200, 200)))
        for name in NEEDS
    },
    # Geschäftsstelle
    "facharbeitskreise:office_arbeitskreis_list": Route(Access.OFFICE),
    "facharbeitskreise:office_arbeitskreis_create": Route(Access.OFFICE),
    "facharbeitskreise:office_arbeitskreis_detail": Route(Access.OFFICE, ARBEITSKREIS),
    "facharbeitskreise:office_arbeitskreis_edit": Route(Access.OFFICE, ARBEITSKREIS),
    "facharbeitskreise:office_arbeitskreis_archive": Route(Access.OFFICE, ARBEITSKREIS, answers=(200, 302)),
    "facharbeitskreise:office_arbeitskreis_reopen": Route(Access.OFFICE, ARBEITSKREIS, answers=(200, 302)),
    "facharbeitskreise:office_grant_user": Route(Access.OFFICE, ARBEITSKREIS, answers=(405, 200)),
    "facharbeitskreise:office_grant_group": Route(Access.OFFICE, ARBEITSKREIS, answers=(405, 200)),
    "facharbeitskreise:office_revoke_user": Route(
        Access.OFFICE, kw(slug="{ak_slug}", user_pk="{ak_member_pk}"), answers=(200, 302)
    ),
    "facharbeitskreise:office_revoke_group": Route(
        Access.OFFICE, kw(slug="{ak_slug}", group_pk="{ak_group_pk}"), answers=(200, 302)
    ),
    "facharbeitskreise:office_review_start": Route(Access.OFFICE, ARBEITSKREIS, answers=(405, 302)),
}


def build_world(request) -> dict[str, str]:
    request.getfixturevalue("essen")
    arbeitskreis = world_arbeitskreis(request)
    member, _ = User.objects.get_or_create(
        email="wanda.welt@essen.de",
        defaults={"first_name": "Wanda", "last_name": "Welt", "status": User.Status.ADMITTED},
    )
    if member.pk not in member_roles(arbeitskreis):
        services.role_grant(arbeitskreis=arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    applicant, _ = User.objects.get_or_create(
        email="walter.welt@essen.de",
        defaults={"first_name": "Walter", "last_name": "Welt", "status": User.Status.ADMITTED},
    )
    open_request = MembershipRequest.objects.filter(arbeitskreis=arbeitskreis, user=applicant, status="open").first()
    if open_request is None:
        open_request = services.membership_request_create(
            arbeitskreis=arbeitskreis, user=applicant, reason="Kontrollen in Essen"
        )
    group, _ = Group.objects.get_or_create(name="AK-Welt-Gruppe")
    if not arbeitskreis.group_grants.filter(group=group).exists():
        services.role_grant(arbeitskreis=arbeitskreis, group=group, role=Role.MITGLIED, actor=None)
    return {
        "ak_slug": arbeitskreis.slug,
        "ak_member_pk": str(member.pk),
        "ak_request_pk": str(open_request.pk),
        "ak_group_pk": str(group.pk),
    }
