from django.contrib import admin

from common.admin_base import ReadOnlyAdmin

from .models import Delivery, Issue, Subscriber


@admin.register(Issue)
class IssueAdmin(ReadOnlyAdmin):
    """Read-only: issues are written and sent on the Geschäftsstelle's pages, where the rules apply."""

    list_display = ["number", "title", "issue_date", "status", "recipient_count", "dispatch_finished_at"]
    list_filter = ["status"]
    search_fields = ["title", "body"]


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
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

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting a consent record on request of the person (Art. 17 DSGVO) stays possible.
        return admin.ModelAdmin.has_delete_permission(self, request, obj)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["issue", "email", "status", "attempts", "sent_at", "error"]
    list_filter = ["status", "issue"]
    search_fields = ["email"]
    list_select_related = ["issue"]
