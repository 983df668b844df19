from django.contrib import admin

from common.admin_base import ReadOnlyAdmin

from .models import Fachgebiet, FachgebietVisit, Follow, FollowNotice, GlossaryTerm


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


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    """Members follow and unfollow on their own pages (and deactivation ends every follow)."""

    list_display = ["user", "fachgebiet", "frequency", "created_at", "last_digest_at"]
    list_filter = ["frequency", "fachgebiet"]
    search_fields = ["user__email", "user__last_name"]
    list_select_related = ["user", "fachgebiet"]


@admin.register(FollowNotice)
class FollowNoticeAdmin(ReadOnlyAdmin):
    """Delivery bookkeeping of the follow mails: whether and when each notice went out."""

    list_display = ["title", "follow", "section_label", "published_at", "sent_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "follow__user__email"]
    list_select_related = ["follow__user", "follow__fachgebiet"]


@admin.register(FachgebietVisit)
class FachgebietVisitAdmin(ReadOnlyAdmin):
    list_display = ["user", "fachgebiet", "seen_at"]
    list_filter = ["fachgebiet"]
    search_fields = ["user__email"]
    list_select_related = ["user", "fachgebiet"]
