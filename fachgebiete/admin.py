from django.contrib import admin

from .models import Fachgebiet


@admin.register(Fachgebiet)
class FachgebietAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "position"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}
