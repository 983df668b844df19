"""Who may enter an area and in which role — the one place that answers it.

django-guardian's direct permission tables are the single source of truth:
`view_arbeitsbereich` ⊂ `contribute_arbeitsbereich` ⊂ `lead_arbeitsbereich`, granted to a
user directly or to a group. Roles are names for those perm sets. Lists ask the two tables
with one UNION query instead of guardian's `get_objects_for_user` (which scanned the whole
area table once groups were included). Only admitted users count: a deactivated account
has no area, whatever rows are left.

Views, listings, search, feeds, downloads and mails all go through these functions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .models import Arbeitsbereich, ArbeitsbereichGroupObjectPermission, ArbeitsbereichUserObjectPermission

VIEW = "view_arbeitsbereich"
CONTRIBUTE = "contribute_arbeitsbereich"
LEAD = "lead_arbeitsbereich"


class Role(models.TextChoices):
    MITGLIED = "mitglied", _("Mitglied")
    MITWIRKEND = "mitwirkend", _("Mitwirkend")
    LEITUNG = "leitung", _("Leitung")

    @property
    def rank(self) -> int:
        return _RANK[self.value]

    @property
    def codenames(self) -> tuple[str, ...]:
        return PERMS[self.value]

    def covers(self, need: Role | str) -> bool:
        """True if this role includes everything `need` may do."""
        return self.rank >= _RANK[str(need)]


_RANK = {"mitglied": 1, "mitwirkend": 2, "leitung": 3}
PERMS: dict[str, tuple[str, ...]] = {
    "mitglied": (VIEW,),
    "mitwirkend": (VIEW, CONTRIBUTE),
    "leitung": (VIEW, CONTRIBUTE, LEAD),
}
ALL_CODENAMES = PERMS["leitung"]

ARCHIVED_MESSAGE = "Dieser Bereich ist archiviert. Inhalte können nur noch gelesen, aber nicht mehr geändert werden."


def role_from_codenames(codenames: Iterable[str]) -> Role | None:
    """The role a set of perms amounts to; without view there is no access at all."""
    held = set(codenames)
    if VIEW not in held:
        return None
    if LEAD in held and CONTRIBUTE in held:
        return Role.LEITUNG
    if CONTRIBUTE in held:
        return Role.MITWIRKEND
    return Role.MITGLIED


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
    rows = direct.values_list("content_object_id", "permission__codename").union(
        via_group.values_list("content_object_id", "permission__codename")
    )
    held: dict[int, set[str]] = defaultdict(set)
    for area_id, codename in rows:
        held[area_id].add(codename)
    roles = {area_id: role_from_codenames(codenames) for area_id, codenames in held.items()}
    return {area_id: role for area_id, role in roles.items() if role is not None}


def role_of(user, area: Arbeitsbereich) -> Role | None:
    return roles_for(user, [area]).get(area.pk)


def can(user, area: Arbeitsbereich, need: Role | str = Role.MITGLIED) -> bool:
    role = role_of(user, area)
    return role is not None and role.covers(need)


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
        raise PermissionDenied(f"Dafür benötigen Sie in diesem Bereich die Rolle „{Role(str(need)).label}“.")
    if write and area.is_archived:
        raise PermissionDenied(ARCHIVED_MESSAGE)
    area.user_role = role
    return area


def _admitted_users():
    from partner.models import User

    return User.objects.admitted()


def member_roles(area: Arbeitsbereich) -> dict[int, Role]:
    """user id → role for every admitted user with access to the area (two queries)."""
    held: dict[int, set[str]] = defaultdict(set)
    admitted = _admitted_users().values("pk")
    direct = ArbeitsbereichUserObjectPermission.objects.filter(content_object=area, user__in=admitted).values_list(
        "user_id", "permission__codename"
    )
    via_group = (
        ArbeitsbereichGroupObjectPermission.objects.filter(content_object=area, group__user__in=admitted)
        .values_list("group__user__id", "permission__codename")
        .distinct()
    )
    for user_id, codename in direct.union(via_group):
        held[user_id].add(codename)
    roles = {user_id: role_from_codenames(codenames) for user_id, codenames in held.items()}
    return {user_id: role for user_id, role in roles.items() if role is not None}


def member_ids(area: Arbeitsbereich, need: Role | str = Role.MITGLIED) -> set[int]:
    """Ids of admitted users with at least `need` in the area, directly or through a group."""
    return {user_id for user_id, role in member_roles(area).items() if role.covers(need)}


def lead_ids(area: Arbeitsbereich) -> set[int]:
    return member_ids(area, Role.LEITUNG)


def leads_by_area(areas: Iterable[Arbeitsbereich]) -> dict[int, list]:
    """area id → admitted users with a direct or group lead grant, for list pages (two queries)."""
    from partner.models import User

    ids = [area.pk for area in areas]
    if not ids:
        return {}
    admitted = _admitted_users().values("pk")
    direct = ArbeitsbereichUserObjectPermission.objects.filter(
        content_object_id__in=ids, permission__codename=LEAD, user__in=admitted
    ).values_list("content_object_id", "user_id")
    via_group = ArbeitsbereichGroupObjectPermission.objects.filter(
        content_object_id__in=ids, permission__codename=LEAD, group__user__in=admitted
    ).values_list("content_object_id", "group__user__id")
    pairs = set(direct.union(via_group))
    users = User.objects.in_bulk({user_id for _, user_id in pairs})
    leads: dict[int, list] = defaultdict(list)
    for area_id, user_id in pairs:
        leads[area_id].append(users[user_id])
    for people in leads.values():
        people.sort(key=lambda u: (u.last_name, u.first_name, u.email))
    return dict(leads)


@dataclass(frozen=True)
class Grant:
    """One current grant on an area: a user directly or a group, with the role it amounts to."""

    user_id: int | None
    group_id: int | None
    role: Role


def grants_of(area: Arbeitsbereich) -> list[Grant]:
    """Every direct and group grant on the area, whatever the account state (two queries)."""
    held: dict[tuple[str, int], set[str]] = defaultdict(set)
    for user_id, codename in ArbeitsbereichUserObjectPermission.objects.filter(content_object=area).values_list(
        "user_id", "permission__codename"
    ):
        held[("user", user_id)].add(codename)
    for group_id, codename in ArbeitsbereichGroupObjectPermission.objects.filter(content_object=area).values_list(
        "group_id", "permission__codename"
    ):
        held[("group", group_id)].add(codename)
    grants = []
    for (kind, pk), codenames in held.items():
        role = role_from_codenames(codenames)
        if role is not None:
            grants.append(
                Grant(user_id=pk if kind == "user" else None, group_id=pk if kind == "group" else None, role=role)
            )
    return grants
