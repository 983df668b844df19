"""Who may enter an area and in which role — the one place that answers it.

django-guardian's direct permission tables are the single source of truth:
`view_arbeitsbereich` ⊂ `contribute_arbeitsbereich` ⊂ `lead_arbeitsbereich`, granted to a
user directly or to a group. Roles (`models.base.Role`) are names for those perm sets. Lists ask the two tables
with one UNION query instead of guardian's `get_objects_for_user` (which scanned the whole
area table once groups were included). Only admitted users count: a deactivated account
has no area, whatever rows are left.

Views, listings, search, feeds, downloads and mails all go through these functions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Arbeitsbereich, ArbeitsbereichGroupObjectPermission, ArbeitsbereichUserObjectPermission
from .models.base import LEAD, VIEW, Role

K = TypeVar("K")

# The Geschäftsstelle's global permission (declared in apps.py): create, archive and grant areas.
MANAGE_PERMISSION = "facharbeitskreise.manage_arbeitsbereiche"

ARCHIVED_MESSAGE = "Dieser Bereich ist archiviert. Inhalte können nur noch gelesen, aber nicht mehr geändert werden."


def role_from_codenames(codenames: Iterable[str]) -> Role | None:
    """The highest role whose perms are all held; without view there is no access at all."""
    held = set(codenames)
    covered = [role for role in Role if held.issuperset(role.codenames)]
    return covered[-1] if covered else None


def _fold(rows: Iterable[tuple[K, str]]) -> dict[K, Role]:
    """(key, codename) rows → key → role; keys whose perms amount to no role drop out."""
    held: dict[K, set[str]] = defaultdict(set)
    for key, codename in rows:
        held[key].add(codename)
    roles = {key: role_from_codenames(codenames) for key, codenames in held.items()}
    return {key: role for key, role in roles.items() if role is not None}


def _admitted(user) -> bool:
    from partner.models import User

    return bool(user is not None and user.is_authenticated and user.is_active and user.status == User.Status.ADMITTED)


def _user_grants(user) -> QuerySet:
    return ArbeitsbereichUserObjectPermission.objects.filter(user=user)


def _group_grants(user) -> QuerySet:
    return ArbeitsbereichGroupObjectPermission.objects.filter(group__user=user)


def granted_area_ids(user) -> QuerySet | list:
    """Subquery of the ids of areas the user may view (direct or group grant)."""
    if not _admitted(user):
        return []
    direct = _user_grants(user).filter(permission__codename=VIEW).values("content_object_id")
    via_group = _group_grants(user).filter(permission__codename=VIEW).values("content_object_id")
    return direct.union(via_group)


def roles_for(user, areas: Iterable[Arbeitsbereich] | None = None) -> dict[int, Role]:
    """The user's role in each of `areas` (all areas if None) with one query; areas without a role are absent."""
    if not _admitted(user):
        return {}
    direct = _user_grants(user)
    via_group = _group_grants(user)
    if areas is not None:
        ids = [area.pk for area in areas]
        if not ids:
            return {}
        direct = direct.filter(content_object_id__in=ids)
        via_group = via_group.filter(content_object_id__in=ids)
    return _fold(
        direct.values_list("content_object_id", "permission__codename").union(
            via_group.values_list("content_object_id", "permission__codename")
        )
    )


def role_of(user, area: Arbeitsbereich) -> Role | None:
    return roles_for(user, [area]).get(area.pk)


def area_for(request, slug: str, need: Role | str = Role.MITGLIED, *, write: bool = False) -> Arbeitsbereich:
    """The area for a view, or 404 for outsiders (its existence stays hidden), 403 for too low a role.

    `write=True` also refuses changes to an archived area (403 with a German message). The
    user's role is attached as `area.user_role`, so views and templates need not ask again.
    """
    area = get_object_or_404(Arbeitsbereich, slug=slug)
    role = role_of(request.user, area)
    if role is None:
        raise Http404("Dieser Bereich existiert nicht oder Sie haben keinen Zugang.")
    if not role.covers(need):
        raise PermissionDenied(f"Dafür benötigen Sie in diesem Bereich die Rolle „{Role(need).label}“.")
    if write and area.is_archived:
        raise PermissionDenied(ARCHIVED_MESSAGE)
    area.user_role = role
    return area


def _member_grants(area_ids: list[int], codename: str | None = None) -> QuerySet:
    """(area id, user id, codename) of every admitted user's grant on the areas, direct or
    through a group, as one UNION query; `codename` narrows it to one perm."""
    from partner.models import User

    # A join on the grants' users, not `user IN (admitted users)`: PostgreSQL then looks up the few
    # grant rows' users by key instead of hashing every account, whatever their number.
    admitted = User.Status.ADMITTED
    direct = ArbeitsbereichUserObjectPermission.objects.filter(content_object_id__in=area_ids, user__status=admitted)
    via_group = ArbeitsbereichGroupObjectPermission.objects.filter(
        content_object_id__in=area_ids, group__user__status=admitted
    )
    if codename is not None:
        direct = direct.filter(permission__codename=codename)
        via_group = via_group.filter(permission__codename=codename)
    return direct.values_list("content_object_id", "user_id", "permission__codename").union(
        via_group.values_list("content_object_id", "group__user__id", "permission__codename")
    )


def member_roles(area: Arbeitsbereich) -> dict[int, Role]:
    """user id → role for every admitted user with access to the area (one query)."""
    return _fold((user_id, codename) for _, user_id, codename in _member_grants([area.pk]))


def member_ids(area: Arbeitsbereich, need: Role | str = Role.MITGLIED) -> set[int]:
    """Ids of admitted users with at least `need` in the area, directly or through a group."""
    return {user_id for user_id, role in member_roles(area).items() if role.covers(need)}


def lead_ids(area: Arbeitsbereich) -> set[int]:
    return member_ids(area, Role.LEITUNG)


def leads_by_area(areas: Iterable[Arbeitsbereich]) -> dict[int, list]:
    """area id → its admitted leads (direct or group grant), for list pages (two queries).

    The lead perm alone suffices here: it is only ever granted together with the others."""
    from partner.models import User

    ids = [area.pk for area in areas]
    if not ids:
        return {}
    pairs = {(area_id, user_id) for area_id, user_id, _ in _member_grants(ids, LEAD)}
    # With the authority: the pages name each lead with it (`authority_name`).
    users = User.objects.select_related("partner").in_bulk({user_id for _, user_id in pairs})
    leads: dict[int, list] = defaultdict(list)
    for area_id, user_id in pairs:
        leads[area_id].append(users[user_id])
    for people in leads.values():
        people.sort(key=_by_name)
    return dict(leads)


def leads_among(roles: dict[int, Role]) -> list:
    """The leads among one area's `member_roles` with their authority, sorted by name (one query):
    the area page needs both and so asks for the grants once."""
    from partner.models import User

    ids = [user_id for user_id, role in roles.items() if role.covers(Role.LEITUNG)]
    return sorted(User.objects.filter(pk__in=ids).select_related("partner"), key=_by_name) if ids else []


def _by_name(user) -> tuple[str, str, str]:
    return (user.last_name, user.first_name, user.email)


@dataclass(frozen=True)
class Grant:
    """One current grant on an area: a user directly or a group, with the role it amounts to."""

    user_id: int | None
    group_id: int | None
    role: Role


def grants_of(area: Arbeitsbereich) -> list[Grant]:
    """Every direct and group grant on the area, whatever the account state (two queries)."""
    users = ArbeitsbereichUserObjectPermission.objects.filter(content_object=area)
    groups = ArbeitsbereichGroupObjectPermission.objects.filter(content_object=area)
    return [
        Grant(user_id=user_id, group_id=None, role=role)
        for user_id, role in _fold(users.values_list("user_id", "permission__codename")).items()
    ] + [
        Grant(user_id=None, group_id=group_id, role=role)
        for group_id, role in _fold(groups.values_list("group_id", "permission__codename")).items()
    ]


def requires_mfa(user) -> bool:
    """The Leitung of any area needs a second factor (settings.SIKO_MFA_REQUIRED_RULES); one query."""
    return any(role.covers(Role.LEITUNG) for role in roles_for(user).values())
