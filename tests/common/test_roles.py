"""The office group gets, after every migrate, exactly what the apps declare for it (common.roles)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from common.roles import OFFICE_GROUP, ensure_office_group

pytestmark = pytest.mark.django_db


def held() -> set[str]:
    group = Group.objects.get(name=OFFICE_GROUP)
    rows = group.permissions.values_list("content_type__app_label", "codename")
    return {f"{app}.{codename}" for app, codename in rows}


def declared() -> set[str]:
    return {
        f"{config.label}.{codename}"
        for config in apps.get_app_configs()
        for _model, codename in getattr(config, "office_permissions", ())
    }


def test_the_office_group_holds_what_the_apps_declare_and_nothing_else():
    assert held() == declared()
    assert {
        "partner.review_application",
        "partner.change_partner",
        "facharbeitskreise.manage_arbeitskreise",
        "newsletter.manage_newsletter",
    } <= held()


def test_ensure_office_group_restores_lost_permissions():
    Group.objects.get(name=OFFICE_GROUP).permissions.clear()
    ensure_office_group()
    assert held() == declared()
