"""Who may edit a Fachgebiet: its Redaktion (object permission) and the Geschäftsstelle.

The one place for this rule; views, querysets, templates and mails ask here.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Fachgebiet, FachgebietGroupObjectPermission, FachgebietUserObjectPermission

PERMISSION = "edit_fachgebiet"


def sees_everything(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.is_geschaeftsstelle)


def editable_fachgebiet_ids(user) -> QuerySet | list:
    """Ids of the Fachgebiete whose Redaktion the user belongs to, directly or through a group, as a
    subquery (one flat UNION, cheap to build and to nest); [] for a user without any."""
    if not user.is_authenticated or not user.is_active:
        return []
    direct = FachgebietUserObjectPermission.objects.filter(user=user, permission__codename=PERMISSION)
    via_group = FachgebietGroupObjectPermission.objects.filter(group__user=user, permission__codename=PERMISSION)
    return direct.values("content_object_id").union(via_group.values("content_object_id"))


def editable_fachgebiete(user) -> QuerySet[Fachgebiet]:
    """The Fachgebiete whose Redaktion the user belongs to (all for the Geschäftsstelle); one query."""
    if not user.is_authenticated or not user.is_active:
        return Fachgebiet.objects.none()
    if sees_everything(user):
        return Fachgebiet.objects.all()
    return Fachgebiet.objects.filter(pk__in=editable_fachgebiet_ids(user))


def can_edit(user, fachgebiet: Fachgebiet) -> bool:
    if sees_everything(user):
        return True
    return editable_fachgebiete(user).filter(pk=fachgebiet.pk).exists()


def can_edit_here(request, fachgebiet: Fachgebiet) -> bool:
    """can_edit() for the person of this request, asked once per request and Fachgebiet: a page
    asks it in the view and again for the area's navigation, and each answer costs up to three
    queries (the user's and her groups' permissions, the Redaktion grant). Kept on the request
    only, so every new request – and every change of rights – is asked anew."""
    answers = request.__dict__.setdefault("_siko_can_edit", {})
    key = (request.user.pk, fachgebiet.pk)
    if key not in answers:
        answers[key] = can_edit(request.user, fachgebiet)
    return answers[key]


def is_editor_anywhere(user) -> bool:
    return sees_everything(user) or editable_fachgebiete(user).exists()


def editors_of(fachgebiet: Fachgebiet):
    """Admitted users with a direct or group grant (not the Geschäftsstelle as such)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    direct = FachgebietUserObjectPermission.objects.filter(content_object=fachgebiet, permission__codename=PERMISSION)
    via_group = FachgebietGroupObjectPermission.objects.filter(
        content_object=fachgebiet, permission__codename=PERMISSION
    )
    return (
        User.objects.filter(status=User.Status.ADMITTED)
        .filter(Q(pk__in=direct.values("user_id")) | Q(groups__in=via_group.values("group_id")))
        .distinct()
    )


def requires_mfa(user) -> bool:
    """The Redaktion of any Fachgebiet needs a second factor (settings.SIKO_MFA_REQUIRED_RULES); one query."""
    return Fachgebiet.objects.filter(pk__in=editable_fachgebiet_ids(user)).exists()
