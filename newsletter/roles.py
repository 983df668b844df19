"""The Geschäftsstelle sends newsletters: its group gets the permission after every migrate."""

from __future__ import annotations


def grant_office_permissions(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    from partner.roles import OFFICE_GROUP

    group, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="newsletter", codename="manage_newsletter"))
