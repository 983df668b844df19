from django.contrib import admin

from .models import Zustaendigkeit


@admin.register(Zustaendigkeit)
class ZustaendigkeitAdmin(admin.ModelAdmin):
    list_display = ["person", "fachgebiet", "region", "partner", "confirmed_at"]
    list_filter = ["fachgebiet", "region", "partner__type"]
    search_fields = ["person__last_name", "person__first_name", "partner__name"]
    raw_id_fields = ["person", "partner", "deputies", "confirmed_by"]
    list_select_related = ["person", "fachgebiet", "partner"]
