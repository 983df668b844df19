from django.contrib import admin

from common.admin_base import ReadOnlyAdmin

from .models import Fachgebiet, FachgebietVisit, GlossaryTerm


@admin.register(Fachgebiet)
class FachgebietAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "position"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(ReadOnlyAdmin):
    """Read-only: the Redaktion maintains the glossary on its own pages, where the checks
    against duplicate terms and spellings apply."""

    list_display = ["term", "letter", "updated_at"]
    list_filter = ["letter", "fachgebiete"]
    search_fields = ["term", "synonyms", "definition"]


@admin.register(FachgebietVisit)
class FachgebietVisitAdmin(ReadOnlyAdmin):
    list_display = ["user", "fachgebiet", "seen_at"]
    list_filter = ["fachgebiet"]
    search_fields = ["user__email"]
    list_select_related = ["user", "fachgebiet"]
