"""The Geschäftsstelle cannot escalate in /admin/: rights, passwords and login addresses are
the operators' (superusers'), and every change to an account there is recorded.

- member is the account the office would like to take over;
- office_staff is the Geschäftsstelle as it really is: staff, not superuser, TOTP set up;
- superuser is an operator.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from common.roles import OFFICE_GROUP
from partner.models import AuditEvent, User

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Uebernommen-vom-Buero-2026"


def change_url(user: User) -> str:
    return reverse("admin:partner_user_change", args=[user.pk])


def password_url(user: User) -> str:
    return reverse("admin:auth_user_password_change", args=[user.pk])


def form_data(response) -> dict:
    """What the browser would send back for the admin page as shown (the inlines included)."""
    data: dict = {"_save": "Sichern"}

    def add(form) -> None:
        for bound in form:
            if bound.field.disabled:
                continue
            value = bound.value()
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(getattr(item, "pk", item)) for item in value]
            else:
                data[bound.html_name] = "" if value is None else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def escalation(data: dict) -> dict:
    """The office's forged POST: rights for the member, a new login address and password."""
    office_group = Group.objects.get(name=OFFICE_GROUP)
    return {
        **data,
        "email": "uebernommen@essen.de",
        "is_staff": "on",
        "is_superuser": "on",
        "groups": [str(office_group.pk)],
        "user_permissions": [str(Permission.objects.get(codename="change_group").pk)],
        "password": "md5$falsch$falsch",
    }


@pytest.fixture
def office_admin(client, office_staff):
    client.force_login(office_staff)
    return client


@pytest.fixture
def operator_admin(client, superuser):
    client.force_login(superuser)
    return client


# --- the office in the user form ------------------------------------------------------------


def test_office_sees_no_rights_password_or_address_fields(office_admin, member):
    response = office_admin.get(change_url(member))
    assert response.status_code == 200
    form = response.context["adminform"].form
    editable = {name for name, field in form.fields.items() if not field.disabled}
    assert editable.isdisjoint({"email", "password", "is_staff", "is_superuser", "groups", "user_permissions"})
    assert "unit" in editable
    page = response.content.decode()
    assert "/password/" not in page and member.password not in page


def test_forged_post_changes_no_rights_address_or_password(office_admin, member):
    data = escalation(form_data(office_admin.get(change_url(member))))
    data["unit"] = "Ordnungsamt, Team Gewerbe"
    response = office_admin.post(change_url(member), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    member.refresh_from_db()
    assert member.unit == "Ordnungsamt, Team Gewerbe"  # profile data: yes
    assert member.email == "max.nutzer@essen.de"
    assert not member.is_staff and not member.is_superuser
    assert not member.groups.exists() and not member.user_permissions.exists()
    assert member.check_password(PASSWORD)


def test_office_cannot_raise_its_own_rights(office_admin, office_staff):
    data = escalation(form_data(office_admin.get(change_url(office_staff))))
    office_admin.post(change_url(office_staff), data)
    office_staff.refresh_from_db()
    assert not office_staff.is_superuser
    assert list(office_staff.groups.values_list("name", flat=True)) == [OFFICE_GROUP]
    assert not office_staff.user_permissions.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_password_view_is_forbidden_to_the_office(office_admin, member, method):
    payload = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    response = getattr(office_admin, method)(password_url(member), payload if method == "post" else None)
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_office_cannot_edit_an_operator_account(office_admin, superuser):
    response = office_admin.get(change_url(superuser))
    assert response.status_code == 200  # may look
    data = form_data(response)
    data["first_name"] = "Gekapert"
    assert office_admin.post(change_url(superuser), data).status_code == 403
    superuser.refresh_from_db()
    assert superuser.first_name != "Gekapert"


def test_office_profile_correction_is_recorded_without_values(office_admin, office_staff, member):
    data = form_data(office_admin.get(change_url(member)))
    data["phone"] = "0201 88-99999"
    office_admin.post(change_url(member), data)
    event = AuditEvent.objects.exclude(kind="login").get()
    assert event.kind == AuditEvent.Kind.ADMIN_CHANGE
    assert (event.actor, event.subject) == (office_staff, member)
    assert event.actor_name == "Gina Muster (gina.geschaeftsstelle@essen.de)"
    assert event.detail["model"] == "partner.user" and event.detail["action"] == "change"
    assert event.detail["message"] == [{"changed": {"fields": ["Telefon"]}}]
    assert "0201 88-99999" not in str(event.detail)
    page = office_admin.get(reverse("partner:account_detail", args=[member.pk])).content.decode()
    assert "Max Muster (partner.user) geändert: Telefon" in page


# --- the operator ---------------------------------------------------------------------------


def test_operator_changes_rights_and_address(operator_admin, superuser, member):
    data = form_data(operator_admin.get(change_url(member)))
    data.update(email="max.neu@essen.de", is_staff="on", groups=[str(Group.objects.get(name=OFFICE_GROUP).pk)])
    assert operator_admin.post(change_url(member), data).status_code == 302
    member.refresh_from_db()
    assert member.email == "max.neu@essen.de" and member.is_staff
    assert member.groups.filter(name=OFFICE_GROUP).exists()
    event = AuditEvent.objects.exclude(kind="login").get()
    assert (event.actor, event.subject) == (superuser, member)
    assert event.detail["message"] == [{"changed": {"fields": ["E-Mail-Adresse", "Staff status", "Groups"]}}]


def test_operator_sets_a_password_and_the_record_holds_no_secret(operator_admin, superuser, member):
    payload = {
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "usable_password": "true",
        "set_usable_password": "true",
    }
    response = operator_admin.post(password_url(member), payload)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.exclude(kind="login").get()
    assert event.subject == member and event.actor == superuser
    assert NEW_PASSWORD not in str(event.detail) and member.password not in str(event.detail)


# --- account records of other apps ------------------------------------------------------------


@pytest.fixture
def totp_of_member(member) -> Authenticator:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(member, generate_totp_secret()).instance


def test_office_cannot_touch_login_addresses(office_admin, member):
    address = EmailAddress.objects.get(user=member)
    url = reverse("admin:account_emailaddress_change", args=[address.pk])
    assert office_admin.get(url).status_code == 403
    response = office_admin.post(
        url, {"user": member.pk, "email": "uebernommen@essen.de", "verified": "on", "primary": "on"}
    )
    assert response.status_code == 403
    changelist = reverse("admin:account_emailaddress_changelist")
    assert (
        office_admin.post(changelist, {"action": "make_verified", "_selected_action": [address.pk]}).status_code == 403
    )
    address.refresh_from_db()
    assert address.email == "max.nutzer@essen.de"


def test_office_cannot_delete_a_second_factor(office_admin, totp_of_member):
    url = reverse("admin:mfa_authenticator_delete", args=[totp_of_member.pk])
    assert office_admin.post(url, {"post": "yes"}).status_code == 403
    assert Authenticator.objects.filter(pk=totp_of_member.pk).exists()


def test_office_cannot_edit_groups(office_admin):
    group = Group.objects.get(name=OFFICE_GROUP)
    url = reverse("admin:auth_group_change", args=[group.pk])
    everything = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    assert office_admin.post(url, {"name": OFFICE_GROUP, "permissions": everything}).status_code == 403
    assert not group.permissions.filter(codename="change_group").exists()


def test_operator_removes_a_lost_second_factor_and_it_is_recorded(operator_admin, superuser, member, totp_of_member):
    url = reverse("admin:mfa_authenticator_delete", args=[totp_of_member.pk])
    page = operator_admin.get(reverse("admin:mfa_authenticator_change", args=[totp_of_member.pk]))
    assert page.status_code == 200
    assert totp_of_member.data["secret"] not in page.content.decode()  # the secret is never shown
    assert operator_admin.post(url, {"post": "yes"}).status_code == 302
    assert not Authenticator.objects.filter(pk=totp_of_member.pk).exists()
    event = AuditEvent.objects.exclude(kind="login").get()
    assert (event.subject, event.detail["model"], event.detail["action"]) == (member, "mfa.authenticator", "delete")


# --- the audit log itself ---------------------------------------------------------------------


def test_audit_events_are_only_ever_added(office, member):
    from partner.audit import audit_record

    event = audit_record(kind=AuditEvent.Kind.ADMIN_CHANGE, actor=office, subject=member, detail={"action": "change"})
    event.detail = {"action": "nichts"}
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.update(detail={})
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.exclude(kind="login").get().detail == {"action": "change"}


def test_an_entry_stays_readable_after_both_accounts_are_gone(office, member):
    from partner.audit import audit_record

    audit_record(kind=AuditEvent.Kind.ADMIN_CHANGE, actor=office, subject=member)
    User.objects.filter(pk__in=[office.pk, member.pk]).delete()
    event = AuditEvent.objects.exclude(kind="login").get()
    assert event.actor is None and event.subject is None
    assert event.actor_name == "Gina Muster (gina.geschaeftsstelle@essen.de)"
    assert event.subject_name == "Max Muster (max.nutzer@essen.de)"
