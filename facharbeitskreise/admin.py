from django.contrib import admin

from .models import Arbeitskreis


@admin.register(Arbeitskreis)
class ArbeitskreisAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_confidential"]
    list_filter = ["kind", "is_confidential"]
    prepopulated_fields = {"slug": ["name"]}
