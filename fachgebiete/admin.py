from django.contrib import admin

from .models import Fachgebiet


@admin.register(Fachgebiet)
class FachgebietAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    prepopulated_fields = {"slug": ["name"]}
