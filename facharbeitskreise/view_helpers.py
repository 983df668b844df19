"""What every page inside an area shares: its context, a form's refusal, the logged download.

The rules themselves (who may do what, archived areas are read-only) are `access`'s; this module
only puts their answers where the templates look for them.
"""

from __future__ import annotations

from dokumente.downloads import file_response

from .access import Role, may_change, may_delete_post, may_edit_document, may_edit_post
from .content_forms import ARCHIVED_FORM_MESSAGE


def arbeitskreis_context(arbeitskreis, **extra) -> dict:
    """The context of a page inside an area: its role and what that role may change right now."""
    return {
        "arbeitskreis": arbeitskreis,
        "role": arbeitskreis.user_role,
        "can_write": may_change(arbeitskreis),
        "can_contribute": may_change(arbeitskreis, Role.MITWIRKEND),
        "can_lead": may_change(arbeitskreis, Role.LEITUNG),
        **extra,
    }


def form_status(arbeitskreis, form) -> int:
    """200, or 403 for a POST that `@arbeitskreis_view(write="POST")` refused (`arbeitskreis.refusal`, an archived
    area): the form then says so and keeps what was typed; it is not valid, so nothing is saved."""
    if arbeitskreis.refusal and form.is_bound:
        form.add_error(None, ARCHIVED_FORM_MESSAGE)
        return 403
    return 200


def can_edit_document(user, arbeitskreis, document) -> bool:
    """Whether the page offers to edit the document: `access.may_edit_document`, now."""
    return may_change(arbeitskreis) and may_edit_document(user, arbeitskreis, document)


def mark_posts(user, arbeitskreis, posts) -> None:
    """`post.can_edit` / `post.can_delete` for a page of posts: the post rules of `access`, now."""
    writable = may_change(arbeitskreis)
    for post in posts:
        post.can_edit = writable and may_edit_post(user, post)
        post.can_delete = writable and may_delete_post(user, arbeitskreis, post)


def logged_file_response(request, arbeitskreis, stored, target: str, version: int | None = None):
    """Serve a file of the area; every download view of the area ends here (the audit log
    records the fetch in `file_response`)."""
    return file_response(request, stored, bereich=arbeitskreis.audit_bereich, target=target, version=version)
