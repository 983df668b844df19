"""Who may enter an area, in which role, and what that role may do there — the one place that answers it.

django-guardian's direct permission tables are the single source of truth:
`view_arbeitskreis` ⊂ `contribute_arbeitskreis` ⊂ `lead_arbeitskreis`, granted to a
user directly or to a group. Roles (`models.base.Role`) are names for those perm sets. Lists ask the two tables
with one UNION query instead of guardian's `get_objects_for_user` (which scanned the whole
area table once groups were included); the table queries themselves are the grant querysets of
`models.base`. Only admitted users count: a deactivated account has no area, whatever rows are left.

What a role may do: `may_change` (an archived area is read-only for everyone), `may_edit_document`
and the post rules. Every view of an area is an `@arbeitskreis_view` (outsiders 404, too low a role 403, then
the method check, then "archived is read-only"). Views, listings, search, feeds, downloads and mails all
go through this module; it imports the models, never the reverse.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from partner.models import User, is_admitted_account

from .models import Arbeitskreis, ArbeitskreisGroupObjectPermission, ArbeitskreisUserObjectPermission
from .models.base import LEAD, VIEW, Role, granted_arbeitskreis_ids

__all__ = ["Role", "granted_arbeitskreis_ids"]  # re-exported: the views and tests name them through this module

K = TypeVar("K")

# The Geschäftsstelle's global permission (declared in apps.py): create, archive and grant areas.
MANAGE_PERMISSION = "facharbeitskreise.manage_arbeitskreise"

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


def roles_for(user, arbeitskreise: Iterable[Arbeitskreis] | None = None) -> dict[int, Role]:
    """The user's role in each of `arbeitskreise` (all areas if None) with one query; areas without a role are
    absent."""
    if not is_admitted_account(user):
        return {}
    direct = ArbeitskreisUserObjectPermission.objects.held_by(user)
    via_group = ArbeitskreisGroupObjectPermission.objects.held_by(user)
    if arbeitskreise is not None:
        ids = [arbeitskreis.pk for arbeitskreis in arbeitskreise]
        if not ids:
            return {}
        direct, via_group = direct.on(ids), via_group.on(ids)
    return _fold(direct.arbeitskreis_codenames().union(via_group.arbeitskreis_codenames()))


def role_of(user, arbeitskreis: Arbeitskreis) -> Role | None:
    return roles_for(user, [arbeitskreis]).get(arbeitskreis.pk)


def arbeitskreis_for(
    request, slug: str, need: Role | str = Role.MITGLIED, *, write: bool = False, members: bool = False
) -> Arbeitskreis:
    """The area for a view, or 404 for outsiders (its existence stays hidden), 403 for too low a role.

    `write=True` also refuses changes to an archived area (403 with a German message). The
    user's role is attached as `arbeitskreis.user_role`, so views and templates need not ask again.
    `members=True`: for a page that shows the members anyway, the role comes from the same one query
    (`member_roles`, attached as `arbeitskreis.member_roles`) – fresh on every request all the same.
    """
    arbeitskreis = get_object_or_404(Arbeitskreis, slug=slug)
    if members:
        arbeitskreis.member_roles = member_roles(arbeitskreis)
        role = arbeitskreis.member_roles.get(request.user.pk) if is_admitted_account(request.user) else None
    else:
        role = role_of(request.user, arbeitskreis)
    if role is None:
        raise Http404("Dieser Bereich existiert nicht oder Sie haben keinen Zugang.")
    if not role.covers(need):
        raise PermissionDenied(f"Dafür benötigen Sie in diesem Bereich die Rolle „{Role(need).label}“.")
    if write and not may_change(arbeitskreis):
        raise PermissionDenied(ARCHIVED_MESSAGE)
    arbeitskreis.user_role = role
    return arbeitskreis


# --- What a role may do in an area ------------------------------------------------------------


def may_change(arbeitskreis: Arbeitskreis, need: Role | str | None = None) -> bool:
    """Archived areas are read-only, for every role: the one rule, for views (`@arbeitskreis_view`) and
    pages alike. With `need`, also whether the user's role (`arbeitskreis.user_role`) covers it."""
    if arbeitskreis.is_archived:
        return False
    return need is None or arbeitskreis.user_role.covers(need)


def may_edit_document(user, arbeitskreis: Arbeitskreis, document) -> bool:
    """Leads edit every document; contributors the ones they uploaded themselves. Whose, not
    when: an archived area is `may_change`'s (pages ask `view_helpers.can_edit_document`)."""
    role = arbeitskreis.user_role
    return role.covers(Role.LEITUNG) or (role.covers(Role.MITWIRKEND) and document.created_by_id == user.pk)


def may_edit_post(user, post) -> bool:
    """Authors edit their own posts only; nobody edits someone else's words."""
    return post.author_id == user.pk


def may_delete_post(user, arbeitskreis: Arbeitskreis, post) -> bool:
    """Authors delete their own posts, the Leitung moderates (any post). Whether the first post
    may go with its thread is `first_post_refusal`."""
    return post.author_id == user.pk or arbeitskreis.user_role.covers(Role.LEITUNG)


FIRST_POST_REFUSAL = (
    "Dieser Beitrag eröffnet die Diskussion, und andere Mitglieder haben bereits geantwortet. Mit ihm würde "
    "die ganze Diskussion samt diesen Antworten gelöscht; darüber entscheidet die Leitung des Bereichs. "
    "Sie können Ihren Beitrag aber bearbeiten."
)


def first_post_refusal(user, arbeitskreis: Arbeitskreis, post, *, first: bool) -> str | None:
    """The first post opens the thread and takes it along; its author may delete it only while
    nobody else has replied — otherwise others' words would go too, which is for the Leitung."""
    if first and not arbeitskreis.user_role.covers(Role.LEITUNG) and post.thread.posts.exclude(author=user).exists():
        return FIRST_POST_REFUSAL
    return None


# --- The one decorator of every area view -----------------------------------------------------


class _ChangedWhileArchived(Exception):
    """A refused POST answered with something other than 403: what it did is rolled back."""


def arbeitskreis_view(
    *,
    need: Role | str = Role.MITGLIED,
    methods: Iterable[str] = ("GET",),
    write: bool | str = False,
    members: bool = False,
):
    """The view of an area: `view(request, arbeitskreis, **kwargs)` for a URL with `<slug:slug>`.

    In this order: the area (404 for outsiders, 403 below `need`; `arbeitskreis.user_role` is set), the
    method (405 unless in `methods`; GET admits HEAD), then "archived areas are read-only":

    - `write=False`: the view only reads, and reads an archived area like any other;
    - `write=True`: the view is itself a change (a confirmation, a Leitung's form): on an archived
      area it is refused with 403 and `ARCHIVED_MESSAGE` before it runs, whatever the method;
    - `write="POST"`: a GET only shows (a form, a list), a POST changes the area. On an archived
      area the POST runs with `arbeitskreis.refusal` set, so that a form can say so and keep what was typed
      (`view_helpers.form_status`), inside a transaction: any answer but 403 is rolled back and
      refused, so a POST never changes an archived area, whatever the view does.

    `members=True`: the page shows the members; see `arbeitskreis_for`.
    """
    allowed = list(methods)
    accepted = set(allowed) | ({"HEAD"} if "GET" in allowed else set())

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, slug: str, **kwargs):
            arbeitskreis = arbeitskreis_for(request, slug, need, members=members)
            if request.method not in accepted:
                return HttpResponseNotAllowed(allowed)
            arbeitskreis.refusal = None
            if not write or may_change(arbeitskreis):
                return view(request, arbeitskreis, **kwargs)
            if write is True:
                raise PermissionDenied(ARCHIVED_MESSAGE)
            if request.method != write:
                return view(request, arbeitskreis, **kwargs)
            arbeitskreis.refusal = ARCHIVED_MESSAGE
            try:
                with transaction.atomic():
                    response = view(request, arbeitskreis, **kwargs)
                    if response.status_code != 403:
                        raise _ChangedWhileArchived
            except _ChangedWhileArchived:
                raise PermissionDenied(ARCHIVED_MESSAGE) from None
            return response

        return wrapper

    return decorate


def _member_grants(arbeitskreis_ids: list[int], codename: str | None = None):
    """(area id, user id, codename) of every admitted user's grant on the areas, direct or
    through a group, as one UNION query; `codename` narrows it to one perm."""
    # A join on the grants' users, not `user IN (admitted users)`: PostgreSQL then looks up the few
    # grant rows' users by key instead of hashing every account, whatever their number.
    direct = ArbeitskreisUserObjectPermission.objects.on(arbeitskreis_ids).of_admitted().perm(codename)
    via_group = ArbeitskreisGroupObjectPermission.objects.on(arbeitskreis_ids).of_admitted().perm(codename)
    return direct.holder_codenames().union(via_group.holder_codenames())


def member_roles(arbeitskreis: Arbeitskreis) -> dict[int, Role]:
    """user id → role for every admitted user with access to the area (one query)."""
    return _fold((user_id, codename) for _, user_id, codename in _member_grants([arbeitskreis.pk]))


def member_ids(arbeitskreis: Arbeitskreis, need: Role | str = Role.MITGLIED) -> set[int]:
    """Ids of admitted users with at least `need` in the area, directly or through a group."""
    return {user_id for user_id, role in member_roles(arbeitskreis).items() if role.covers(need)}


def member_counts(arbeitskreis_ids: list[int]) -> dict[int, int]:
    """area id → number of admitted members (any role, direct or through a group), one query
    for all areas; areas without members are absent."""
    if not arbeitskreis_ids:
        return {}
    members: dict[int, set[int]] = defaultdict(set)
    for arbeitskreis_id, user_id, _ in _member_grants(arbeitskreis_ids, VIEW):
        members[arbeitskreis_id].add(user_id)
    return {arbeitskreis_id: len(users) for arbeitskreis_id, users in members.items()}


def arbeitskreis_member_ids(arbeitskreis_ids: list[int]) -> set[int]:
    """Ids of the admitted users with access to at least one of the areas (one query)."""
    if not arbeitskreis_ids:
        return set()
    return {user_id for _, user_id, _ in _member_grants(arbeitskreis_ids, VIEW)}


def lead_ids(arbeitskreis: Arbeitskreis) -> set[int]:
    return member_ids(arbeitskreis, Role.LEITUNG)


def leads_by_arbeitskreis(arbeitskreise: Iterable[Arbeitskreis]) -> dict[int, list]:
    """area id → its admitted leads (direct or group grant), for list pages (two queries).

    The lead perm alone suffices here: it is only ever granted together with the others."""
    ids = [arbeitskreis.pk for arbeitskreis in arbeitskreise]
    if not ids:
        return {}
    pairs = {(arbeitskreis_id, user_id) for arbeitskreis_id, user_id, _ in _member_grants(ids, LEAD)}
    # With the authority: the pages name each lead with it (`authority_name`).
    users = User.objects.select_related("partner").in_bulk({user_id for _, user_id in pairs})
    leads: dict[int, list] = defaultdict(list)
    for arbeitskreis_id, user_id in pairs:
        leads[arbeitskreis_id].append(users[user_id])
    for people in leads.values():
        people.sort(key=_by_name)
    return dict(leads)


def leads_among(roles: dict[int, Role]) -> list:
    """The leads among one area's `member_roles` with their authority, sorted by name (one query):
    the area page needs both and so asks for the grants once."""
    ids = [user_id for user_id, role in roles.items() if role.covers(Role.LEITUNG)]
    if not ids:
        return []
    # Only what names a lead (name, e-mail, authority): not the account's other columns.
    named = User.objects.filter(pk__in=ids).select_related("partner").only(*LEAD_NAME_FIELDS)
    return sorted(named, key=_by_name)


LEAD_NAME_FIELDS = ("first_name", "last_name", "email", "other_authority", "partner__name")


def _by_name(user) -> tuple[str, str, str]:
    return (user.last_name, user.first_name, user.email)


@dataclass(frozen=True)
class Grant:
    """One current grant on an area: a user directly or a group, with the role it amounts to."""

    user_id: int | None
    group_id: int | None
    role: Role


def grants_of(arbeitskreis: Arbeitskreis) -> list[Grant]:
    """Every direct and group grant on the area, whatever the account state (two queries)."""
    users = ArbeitskreisUserObjectPermission.objects.on([arbeitskreis.pk])
    groups = ArbeitskreisGroupObjectPermission.objects.on([arbeitskreis.pk])
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
