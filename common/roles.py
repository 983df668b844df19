"""The Geschäftsstelle as a permission group, kept in step after every migrate."""

from __future__ import annotations

OFFICE_GROUP = "Geschäftsstelle"

# The office decides on admission, manages accounts and keeps the partner directory.
OFFICE_PERMISSIONS = [
    ("partner", "user", "review_application"),
    ("partner", "user", "manage_accounts"),
    ("partner", "user", "view_user"),
    ("partner", "user", "change_user"),
    ("partner", "partner", "view_partner"),
    ("partner", "partner", "add_partner"),
    ("partner", "partner", "change_partner"),
    ("partner", "partnerdomain", "view_partnerdomain"),
    ("partner", "partnerdomain", "add_partnerdomain"),
    ("partner", "partnerdomain", "change_partnerdomain"),
    ("partner", "partnerdomain", "delete_partnerdomain"),
    ("partner", "decision", "view_decision"),
]


def ensure_office_group(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    wanted = [
        Permission.objects.get(content_type__app_label=app, content_type__model=model, codename=codename)
        for app, model, codename in OFFICE_PERMISSIONS
    ]
    group.permissions.add(*wanted)
