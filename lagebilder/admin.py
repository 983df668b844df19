from django.contrib import admin

from common.admin_base import ReadOnlyAdmin

from .models import Acknowledgement, Lagebild


@admin.register(Lagebild)
class LagebildAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "handling_note", "published_at", "reminded_at"]
    list_filter = ["kind", "handling_note"]
    search_fields = ["title"]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["lagebild", "user", "at"]
    list_select_related = ["lagebild", "user"]
