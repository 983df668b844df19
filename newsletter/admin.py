from django.contrib import admin

from .models import Delivery, Issue, Subscriber


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    """Read-only: issues are written and sent on the Geschäftsstelle's pages, where the rules apply."""

    list_display = ["number", "title", "issue_date", "status", "recipient_count", "dispatch_finished_at"]
    list_filter = ["status"]
    search_fields = ["title", "body"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Consent records: viewable as proof, changed only through the subscription services."""

    list_display = ["email", "user", "status", "source", "requested_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status", "source"]
    search_fields = ["email", "name", "user__email"]
    readonly_fields = [
        "email",
        "name",
        "user",
        "status",
        "source",
        "requested_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "unsubscribed_via",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["issue", "email", "status", "attempts", "sent_at", "error"]
    list_filter = ["status", "issue"]
    search_fields = ["email"]
    list_select_related = ["issue"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
