"""The Geschäftsstelle administers all areas: its group gets the global permission after every migrate.

The permission lets it create, archive and grant; it is no grant on any area, so the office
reads no area content without its own object permission (data protection).
"""

from __future__ import annotations

MANAGE_PERMISSION = "facharbeitskreise.manage_arbeitsbereiche"


def grant_office_permissions(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    from partner.roles import OFFICE_GROUP

    group, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="facharbeitskreise", codename="manage_arbeitsbereiche")
    )
