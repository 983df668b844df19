"""Every admin registration of every app, checked at once: what a staff account that is not a
superuser may write there. A new registration that the office could write to fails here until
someone decides it is harmless and lists it."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from guardian.models.models import BaseObjectPermission

from partner.admin import OPERATOR_ONLY_USER_FIELDS
from partner.models import AuditEvent, User

pytestmark = pytest.mark.django_db

# The office keeps the partner directory (with its e-mail domains) and corrects profile data.
WRITABLE_FOR_OFFICE = {
    ("partner.partner", "add"),
    ("partner.partner", "change"),
    ("partner.partnerdomain", "add"),
    ("partner.partnerdomain", "change"),
    ("partner.partnerdomain", "delete"),
    ("partner.user", "change"),
}
# Records that hand over an account (or the rights to all of them) to whoever edits them.
OPERATOR_ONLY = [EmailAddress, Authenticator, UserSession, Group, SocialAccount]


def _request(user: User):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def writable(user: User) -> set[tuple[str, str]]:
    request = _request(user)
    found = set()
    for model, model_admin in admin.site._registry.items():
        checks = {
            "add": model_admin.has_add_permission(request),
            "change": model_admin.has_change_permission(request),
            "delete": model_admin.has_delete_permission(request),
        }
        found |= {(model._meta.label_lower, action) for action, allowed in checks.items() if allowed}
        for inline in model_admin.get_inline_instances(request):
            checks = {
                "add": inline.has_add_permission(request, None),
                "change": inline.has_change_permission(request),
                "delete": inline.has_delete_permission(request),
            }
            found |= {(inline.model._meta.label_lower, action) for action, allowed in checks.items() if allowed}
    return found


@pytest.fixture
def staff_with_every_permission(make_user) -> User:
    """A careless operator gave a staff account every single permission (still no superuser)."""
    user = make_user("paul.alles@essen.de", is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    return User.objects.get(pk=user.pk)


def test_the_office_writes_only_the_directory_and_profile_data(office_staff):
    assert writable(office_staff) == WRITABLE_FOR_OFFICE


@pytest.mark.parametrize("model", OPERATOR_ONLY, ids=lambda m: m._meta.label)
def test_account_records_stay_closed_whatever_permissions_a_staff_account_holds(staff_with_every_permission, model):
    model_admin = admin.site._registry[model]
    request = _request(staff_with_every_permission)
    assert not model_admin.has_module_permission(request)
    assert not model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_rights_address_and_password_stay_read_only_whatever_permissions(staff_with_every_permission, member):
    user_admin = admin.site._registry[User]
    request = _request(staff_with_every_permission)
    assert set(OPERATOR_ONLY_USER_FIELDS) <= set(user_admin.get_readonly_fields(request, member))
    shown = {name for _, options in user_admin.get_fieldsets(request, member) for name in options["fields"]}
    assert "password" not in shown


def test_the_audit_log_is_read_only_even_for_operators(superuser):
    model_admin = admin.site._registry[AuditEvent]
    request = _request(superuser)
    assert model_admin.has_view_permission(request)
    assert not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request))
    assert not model_admin.has_delete_permission(request)


def test_object_permissions_are_not_editable_in_the_admin():
    """Redaktion and area grants change only through their services, which record them."""
    registered = [model for model in admin.site._registry if issubclass(model, BaseObjectPermission)]
    assert registered == []
