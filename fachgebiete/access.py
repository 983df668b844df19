"""Who may edit a Fachgebiet: its Redaktion (object permission) and the Geschäftsstelle.

The one place for this rule; views, querysets, templates and mails ask here. The grant tables
themselves are asked through the querysets of `models.base` (which the querysets of the content
use too); this module imports the models, never the reverse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from common.rights import kept_in_session
from partner.models import User

from .models import Fachgebiet, FachgebietGroupObjectPermission, FachgebietUserObjectPermission
from .models.base import PERMISSION, redaktion_ids, sees_everything

__all__ = ["PERMISSION", "sees_everything"]  # re-exported: views and services name them through this module


def editable_fachgebiet_ids(user) -> QuerySet | list:
    """Ids of the Fachgebiete whose Redaktion the user belongs to, directly or through a group, as a
    subquery (one flat UNION, cheap to build and to nest); [] for a user without any."""
    return redaktion_ids(user)


def editable_fachgebiete(user) -> QuerySet[Fachgebiet]:
    """The Fachgebiete whose Redaktion the user belongs to (all for the Geschäftsstelle); one query."""
    if not user.is_authenticated or not user.is_active:
        return Fachgebiet.objects.none()
    if sees_everything(user):
        return Fachgebiet.objects.all()
    return Fachgebiet.objects.edited_by(user)


def can_edit(user, fachgebiet: Fachgebiet) -> bool:
    if sees_everything(user):
        return True
    return editable_fachgebiete(user).filter(pk=fachgebiet.pk).exists()


def editor_somewhere(request) -> bool:
    """Whether the person of this request belongs to any Redaktion or sees everything – kept in her
    own session for the current rights generation (common.rights), so a member's page asks no
    rights query for it. Only ever used to answer *no* early: a kept "yes" is asked again per
    Fachgebiet, and a kept "no" could at worst refuse, never grant (a grant moves the generation on
    anyway, so the next page asks anew)."""
    return kept_in_session(request, "fachgebiete-editor", lambda user: user is not None and is_editor_anywhere(user))


def can_edit_here(request, fachgebiet: Fachgebiet) -> bool:
    """can_edit() for the person of this request, asked once per request and Fachgebiet: a page
    asks it in the view and again for the area's navigation, and each answer costs up to three
    queries (the user's and her groups' permissions, the Redaktion grant). Kept on the request
    only, so every new request – and every change of rights – is asked anew; a person in no
    Redaktion at all gets her "no" from `editor_somewhere` without a query."""
    answers = request.__dict__.setdefault("_siko_can_edit", {})
    key = (request.user.pk, fachgebiet.pk)
    if key not in answers:
        answers[key] = editor_somewhere(request) and can_edit(request.user, fachgebiet)
    return answers[key]


def may_change_contribution(request, item) -> bool:
    """Whether this person may change this contribution: the Redaktion of its Fachgebiet (and the
    Geschäftsstelle) any item, its author a returned one, to send it in again. The one answer for
    the edit view and the pages that offer the edit."""
    return can_edit_here(request, item.fachgebiet) or item.is_revisable_by(request.user)


def is_editor_anywhere(user) -> bool:
    return sees_everything(user) or editable_fachgebiete(user).exists()


def editors_of(fachgebiet: Fachgebiet) -> QuerySet:
    """Admitted users with a direct or group grant (not the Geschäftsstelle as such)."""
    return User.objects.filter(
        Q(pk__in=FachgebietUserObjectPermission.objects.holders(fachgebiet))
        | Q(pk__in=FachgebietGroupObjectPermission.objects.holders(fachgebiet))
    )


@dataclass
class Redaktion:
    """The grants of one Fachgebiet's Redaktion as they stand, whatever the accounts' state: the
    people granted directly (those the Geschäftsstelle gives and takes here) and the groups."""

    people: list = field(default_factory=list)
    groups: list = field(default_factory=list)


def redaktionen() -> dict[int, Redaktion]:
    """Fachgebiet id → its Redaktion's grants, people by name (two queries for all Fachgebiete)."""
    found: dict[int, Redaktion] = defaultdict(Redaktion)
    for grant in FachgebietUserObjectPermission.objects.redaktion().select_related("user"):
        found[grant.content_object_id].people.append(grant.user)
    for grant in FachgebietGroupObjectPermission.objects.redaktion().select_related("group"):
        found[grant.content_object_id].groups.append(grant.group)
    for redaktion in found.values():
        redaktion.people.sort(key=lambda user: (user.last_name, user.first_name))
    return found


def direct_editors(fachgebiet: Fachgebiet) -> QuerySet:
    """The people granted the Redaktion of this Fachgebiet directly, whatever their account state."""
    granted = FachgebietUserObjectPermission.objects.redaktion().filter(content_object=fachgebiet)
    return (
        User.objects.filter(pk__in=granted.values("user_id"))
        .select_related("partner")
        .order_by("last_name", "first_name")
    )


def requires_mfa(user) -> bool:
    """The Redaktion of any Fachgebiet needs a second factor (settings.SIKO_MFA_REQUIRED_RULES); one query."""
    return Fachgebiet.objects.edited_by(user).exists()
