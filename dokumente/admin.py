from django.contrib import admin

from common.admin_base import ReadOnlyAdmin

from .models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(ReadOnlyAdmin):
    """Metadata only: files are served solely through the permission-checked views of the
    areas they belong to, so the admin neither links nor shows the stored file – nor the text
    read from it (that is the file's content too); only whether reading it worked."""

    list_display = ["original_name", "kind", "size_display", "text_status", "uploaded_by", "uploaded_at"]
    list_filter = ["text_status"]
    search_fields = ["original_name", "sha256"]
    list_select_related = ["uploaded_by"]
    date_hierarchy = "uploaded_at"
    fields = [
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
        "text_status",
        "text_error",
        "text_length",
        "text_extracted_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        # The list never needs the (possibly long) text itself.
        return super().get_queryset(request).defer("text")

    @admin.display(description="Art")
    def kind(self, obj: StoredFile) -> str:
        return obj.kind_label

    @admin.display(description="Größe", ordering="size")
    def size_display(self, obj: StoredFile) -> str:
        return obj.size_label

    @admin.display(description="Umfang des Textes")
    def text_length(self, obj: StoredFile) -> str:
        return f"{len(obj.text):,} Zeichen".replace(",", ".")
