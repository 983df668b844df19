from django.contrib import admin

from common.admin_base import ReadOnlyAdmin

from .models import Notice, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    """Members subscribe on their own pages (follow a Fachgebiet, an area's notification setting);
    deactivation ends every subscription."""

    list_display = ["user", "content_type", "object_id", "frequency", "created_at", "digest_from"]
    list_filter = ["frequency", "content_type"]
    search_fields = ["user__email", "user__last_name"]
    list_select_related = ["user", "content_type"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    """Delivery bookkeeping of the notification mails: whether and when each notice went out."""

    list_display = ["title", "user", "kind", "occurred_at", "sent_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "topic_type"]
    search_fields = ["title", "user__email"]
    list_select_related = ["user"]
