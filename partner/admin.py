from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_base import ReadOnlyAdmin
from .models import Decision, Partner, PartnerDomain, User


class PartnerDomainInline(admin.TabularInline):
    model = PartnerDomain
    extra = 1


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "type", "city", "joined_on", "is_active"]
    list_filter = ["kind", "type", "is_active"]
    search_fields = ["name", "short_name", "city", "domains__domain"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerDomainInline]


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
class UserAdmin(DjangoUserAdmin):
    """Profile data may be corrected here; admission decisions go through the office pages.

    Accounts are not added here: people register and are admitted, and the first
    Geschäftsstelle account comes from `manage.py create_geschaeftsstelle`.
    """

    form = UserChangeForm

    ordering = ["last_name", "first_name", "email"]
    list_display = ["email", "first_name", "last_name", "partner", "status", "is_staff"]
    list_filter = ["status", "is_staff", "groups", "partner__type"]
    search_fields = ["email", "first_name", "last_name", "partner__name", "other_authority"]
    readonly_fields = ["status", "status_changed_at", "is_active", "last_login", "date_joined"]
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
        (_("Status"), {"fields": ["status", "status_changed_at", "is_active", "last_login", "date_joined"]}),
        (_("Rechte"), {"fields": ["is_staff", "is_superuser", "groups", "user_permissions"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["user", "action", "decided_by_name", "decided_at", "notified_at"]
    list_filter = ["action"]
    search_fields = ["user__email", "user__last_name", "decided_by_name"]
    readonly_fields = ["user", "action", "reason", "decided_by", "decided_by_name", "decided_at", "notified_at"]
