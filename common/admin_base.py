from __future__ import annotations

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that change only through their services (decisions, consent, deliveries): view only."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class OperatorOnlyMixin:
    """Records that open an account to whoever edits them (login addresses, second factors,
    sessions, groups): only superusers (the operators) see or touch them in the admin,
    whatever permissions a staff account has been given."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args) -> bool:
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class AuditedAdminMixin:
    """Every addition, change and deletion in the admin also lands in the portal's audit log.

    The admin's change message names the changed fields only (never their values), so the
    entry carries no password or secret.
    """

    def audit_subject(self, obj):
        """The account an object belongs to (None if it belongs to none)."""
        return getattr(obj, "user", None)

    def _audit(self, request, obj, action: str, message) -> None:
        from .audit import audit_record
        from .models import AuditEvent

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
