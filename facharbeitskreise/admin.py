from django.contrib import admin

from .models import Arbeitsbereich


@admin.register(Arbeitsbereich)
class ArbeitsbereichAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_confidential"]
    list_filter = ["kind", "is_confidential"]
    prepopulated_fields = {"slug": ["name"]}
