from django.contrib import admin

from partner.admin_base import ReadOnlyAdmin

from .models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(ReadOnlyAdmin):
    """Metadata only: files are served solely through the permission-checked views of the
    areas they belong to, so the admin neither links nor shows the stored file."""

    list_display = ["original_name", "kind", "size_display", "uploaded_by", "uploaded_at"]
    search_fields = ["original_name", "sha256"]
    list_select_related = ["uploaded_by"]
    date_hierarchy = "uploaded_at"
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description="Art")
    def kind(self, obj: StoredFile) -> str:
        return obj.kind_label

    @admin.display(description="Größe", ordering="size")
    def size_display(self, obj: StoredFile) -> str:
        return obj.size_label
