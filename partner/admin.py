"""The Django admin of the base app — and the limits every staff account meets there.

Staff who are not superusers (the Geschäftsstelle) may correct profile data and keep the
partner directory; rights, passwords and login addresses change only by superusers (the
operators). Records that open an account to whoever edits them (login addresses, second
factors, sessions, groups) are for superusers only. Every change to an account in the admin
is also written to the audit log (`AuditEvent`).
"""

from __future__ import annotations

from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from allauth.socialaccount.admin import SocialAccountAdmin
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from allauth.usersessions.admin import UserSessionAdmin
from allauth.usersessions.models import UserSession
from django.contrib import admin, messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from common.admin_base import OperatorOnlyMixin, ReadOnlyAdmin

from .audit import audit_record
from .models import AuditEvent, Decision, Partner, PartnerDomain, User
from .recertification import partner_staff_suspend, staff_of_partner

# Fields of the user form that only superusers may change: rights and the login address
# (the password has its own view, also for superusers only).
OPERATOR_ONLY_USER_FIELDS = ["email", "is_staff", "is_superuser", "groups", "user_permissions"]


class AuditedAdminMixin:
    """Every addition, change and deletion in the admin also lands in the portal's audit log.

    The admin's change message names the changed fields only (never their values), so the
    entry carries no password or secret.
    """

    def audit_subject(self, obj):
        """The account an object belongs to (None if it belongs to none)."""
        return getattr(obj, "user", None)

    def _audit(self, request, obj, action: str, message) -> None:
        audit_record(
            kind=AuditEvent.Kind.ADMIN_CHANGE,
            actor=request.user,
            subject=self.audit_subject(obj),
            detail={
                "model": obj._meta.label_lower,
                "object_id": str(obj.pk),
                "object": str(obj)[:200],
                "action": action,
                "message": message,
            },
        )

    def log_addition(self, request, obj, message):
        self._audit(request, obj, "add", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._audit(request, obj, "change", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, "delete", [])
        return super().log_deletions(request, queryset)


class PartnerDomainInline(admin.StackedInline):
    # Stacked, not tabular: a tabular inline's inputs have only a column header, no label (WCAG 1.3.1).
    model = PartnerDomain
    extra = 1


@admin.register(Partner)
class PartnerAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "type", "city", "joined_on", "is_active"]
    list_filter = ["kind", "type", "is_active"]
    search_fields = ["name", "short_name", "city", "domains__domain"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerDomainInline]

    def save_model(self, request, obj: Partner, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change or "is_active" not in form.changed_data:
            return
        if obj.is_active:
            messages.warning(
                request,
                f"„{obj}“ gehört wieder zur Kooperation. Ruhende Konten der Behörde bleiben ruhend; die "
                "Geschäftsstelle reaktiviert sie einzeln in der Nutzerverwaltung.",
            )
            return

        # After the commit: a rolled-back change suspends nobody and mails nobody.
        staff = staff_of_partner(obj).count()
        transaction.on_commit(lambda: partner_staff_suspend(partner_ids=[obj.pk], by=request.user))
        messages.warning(
            request,
            f"„{obj}“ ist aus der Kooperation ausgeschieden: {staff} Konto/Konten der Behörde werden ruhend "
            "gestellt und per E-Mail benachrichtigt. Nimmt die Behörde wieder teil, werden diese Konten "
            "nicht automatisch reaktiviert.",
        )


class DecisionInline(admin.TabularInline):
    model = Decision
    fk_name = "user"
    extra = 0
    can_delete = False
    fields = ["action", "reason", "decided_by_name", "decided_at", "notified_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    """Profile data may be corrected here; admission decisions go through the office pages.

    Accounts are not added here: people register and are admitted, and the first
    Geschäftsstelle account comes from `manage.py create_geschaeftsstelle`. The office changes
    a login address on its own page (with verification, notice and record); rights and
    passwords are the operators' (superusers') alone.
    """

    form = UserChangeForm

    ordering = ["last_name", "first_name", "email"]
    list_display = ["email", "first_name", "last_name", "partner", "status", "is_staff"]
    list_filter = ["status", "is_staff", "groups", "partner__type"]
    search_fields = ["email", "first_name", "last_name", "partner__name", "other_authority"]
    STATUS_FIELDS = ["status", "status_changed_at", "is_active", "last_login", "date_joined", "certified_at"]
    readonly_fields = STATUS_FIELDS
    autocomplete_fields = ["partner"]
    inlines = [DecisionInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Person"),
            {
                "fields": [
                    "first_name",
                    "last_name",
                    "partner",
                    "other_authority",
                    "unit",
                    "function",
                    "phone",
                    "is_contact_person",
                    "access_reason",
                ]
            },
        ),
        (_("Status"), {"fields": STATUS_FIELDS}),
        (_("Rechte"), {"fields": ["is_staff", "is_superuser", "groups", "user_permissions"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # An operator's account is the operators' business: others may look, not edit.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Read-only fields are left out of the form: a forged POST cannot set them either.
            fields += [name for name in OPERATOR_ONLY_USER_FIELDS if name not in fields]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # Without the field there is neither the hash summary nor the link to set a password.
        return [
            (title, {**options, "fields": [name for name in options["fields"] if name != "password"]})
            for title, options in fieldsets
        ]

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def audit_subject(self, obj: User) -> User:
        return obj


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["user", "action", "decided_by_name", "decided_at", "notified_at"]
    list_filter = ["action"]
    search_fields = ["user__email", "user__last_name", "decided_by_name"]
    readonly_fields = ["user", "action", "reason", "decided_by", "decided_by_name", "decided_at", "notified_at"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit log is append-only: viewable, never added, changed or deleted here."""

    list_display = ["at", "kind", "actor_name", "subject_name"]
    list_filter = ["kind"]
    search_fields = ["actor_name", "subject_name"]
    date_hierarchy = "at"
    readonly_fields = ["at", "kind", "actor", "actor_name", "subject", "subject_name", "detail"]


# --- Account records of other apps: superusers only, every change recorded -----------------


class OperatorEmailAddressAdmin(OperatorOnlyMixin, AuditedAdminMixin, EmailAddressAdmin):
    """A login address decides who receives password resets: operators only."""


class OperatorAuthenticatorAdmin(OperatorOnlyMixin, AuditedAdminMixin, AuthenticatorAdmin):
    """An operator may remove a lost second factor; secrets are never shown, nothing is added."""

    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class OperatorUserSessionAdmin(OperatorOnlyMixin, AuditedAdminMixin, UserSessionAdmin):
    """Who is signed in where; the session key (a login) is never shown. Deleting signs out."""

    fields = ["user", "ip", "user_agent", "created_at", "last_seen_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj: UserSession) -> None:
        # Deleting only the row would leave the session itself valid.
        obj.end()

    def delete_queryset(self, request, queryset) -> None:
        for user_session in queryset:
            user_session.end()


class OperatorGroupAdmin(OperatorOnlyMixin, AuditedAdminMixin, GroupAdmin):
    """A group carries permissions (the Geschäftsstelle's among them): operators only."""


class OperatorSocialAccountAdmin(OperatorOnlyMixin, AuditedAdminMixin, SocialAccountAdmin):
    """The link of an account to an identity at an authority's provider (partner.sso) hands the
    account over to that identity: operators only."""

    def has_add_permission(self, request) -> bool:
        return False


# The providers are partner.IdentityProvider rows, kept on the office's own pages: allauth's
# SocialApp stays empty and its admin would be a second way to configure them; no tokens are stored.
for _model in (SocialApp, SocialToken):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)

for _model, _model_admin in [
    (EmailAddress, OperatorEmailAddressAdmin),
    (SocialAccount, OperatorSocialAccountAdmin),
    (Authenticator, OperatorAuthenticatorAdmin),
    (UserSession, OperatorUserSessionAdmin),
    (Group, OperatorGroupAdmin),
]:
    # The apps that own these models registered them before ours (INSTALLED_APPS order).
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _model_admin)
