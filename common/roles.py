"""The Geschäftsstelle as one permission group, kept in step after every migrate.

Each app declares what the office may do in it as `office_permissions` on its AppConfig
(pairs of model name and codename, in the app's own label); one receiver of post_migrate
grants them. Django creates an app's permissions in its own post_migrate receiver, which is
connected before this one (django.contrib.auth comes first in INSTALLED_APPS).
"""

from __future__ import annotations

from django.apps import AppConfig, apps

OFFICE_GROUP = "Geschäftsstelle"


def grant_office_permissions(sender: AppConfig, **kwargs) -> None:
    """post_migrate: the office group gets the permissions the migrated app declares."""
    from django.contrib.auth.models import Group, Permission

    declared = getattr(sender, "office_permissions", ())
    if not declared:
        return
    group, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=sender.label, content_type__model=model, codename=codename)
            for model, codename in declared
        ]
    )


def ensure_office_group() -> None:
    """The office group with every app's declared permissions, outside migrate (commands that
    create office accounts)."""
    for config in apps.get_app_configs():
        grant_office_permissions(sender=config)
