"""Routes of the work inside an area: documents, meetings, threads, calendar.

`NEEDS` names the role each area route needs; `test_role_matrix.py` runs all eight roles
against it (GET and an empty POST). `post_edit`, `post_delete` and `document_edit` need
authorship (or Leitung): the world's post and document belong to the area's lead, so members
and contributors get 403 there and the lead gets through.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from devtools.generate import pdf_bytes
from facharbeitskreise import content_services
from facharbeitskreise.access import Role
from facharbeitskreise.models import ArbeitskreisDocument, Meeting, PostAttachment, Thread
from partner.models import User
from tests.sikoportal.route_types import Access, Route, kw

from .world import world_arbeitskreis

_ARBEITSKREIS = kw(slug="{ak_slug}")
_DOC = kw(slug="{ak_slug}", pk="{aki_document_pk}")
_MEETING = kw(slug="{ak_slug}", pk="{aki_meeting_pk}")
_THREAD = kw(slug="{ak_slug}", pk="{aki_thread_pk}")

NEEDS: dict[str, str] = {
    "facharbeitskreise:document_list": Role.MITGLIED,
    "facharbeitskreise:result_list": Role.MITGLIED,
    "facharbeitskreise:document_detail": Role.MITGLIED,
    "facharbeitskreise:document_download": Role.MITGLIED,
    "facharbeitskreise:document_create": Role.MITWIRKEND,
    "facharbeitskreise:document_version_add": Role.MITWIRKEND,
    "facharbeitskreise:document_edit": Role.LEITUNG,  # uploader or lead, see above
    "facharbeitskreise:document_delete": Role.LEITUNG,
    "facharbeitskreise:notification_settings": Role.MITGLIED,
    "facharbeitskreise:meeting_list": Role.MITGLIED,
    "facharbeitskreise:meeting_detail": Role.MITGLIED,
    "facharbeitskreise:meeting_ics": Role.MITGLIED,
    "facharbeitskreise:meeting_create": Role.LEITUNG,
    "facharbeitskreise:meeting_edit": Role.LEITUNG,
    "facharbeitskreise:meeting_attendance": Role.LEITUNG,
    "facharbeitskreise:meeting_cancel": Role.LEITUNG,
    "facharbeitskreise:thread_list": Role.MITGLIED,
    "facharbeitskreise:thread_create": Role.MITGLIED,
    "facharbeitskreise:thread_detail": Role.MITGLIED,
    "facharbeitskreise:thread_reply": Role.MITGLIED,
    "facharbeitskreise:thread_delete": Role.LEITUNG,
    "facharbeitskreise:post_edit": Role.LEITUNG,  # authorship, see above
    "facharbeitskreise:post_delete": Role.LEITUNG,  # author or lead, see above
    "facharbeitskreise:attachment_download": Role.MITGLIED,
}

_KWARGS = {
    "facharbeitskreise:document_detail": _DOC,
    "facharbeitskreise:document_version_add": _DOC,
    "facharbeitskreise:document_edit": _DOC,
    "facharbeitskreise:document_delete": _DOC,
    "facharbeitskreise:document_download": kw(slug="{ak_slug}", pk="{aki_document_pk}", number="1"),
    "facharbeitskreise:meeting_detail": _MEETING,
    "facharbeitskreise:meeting_edit": _MEETING,
    "facharbeitskreise:meeting_attendance": _MEETING,
    "facharbeitskreise:meeting_cancel": _MEETING,
    "facharbeitskreise:meeting_ics": _MEETING,
    "facharbeitskreise:thread_detail": _THREAD,
    "facharbeitskreise:thread_reply": _THREAD,
    "facharbeitskreise:thread_delete": _THREAD,
    "facharbeitskreise:post_delete": kw(slug="{ak_slug}", pk="{aki_post_pk}"),
    "facharbeitskreise:post_edit": kw(slug="{ak_slug}", pk="{aki_post_pk}"),
    "facharbeitskreise:attachment_download": kw(slug="{ak_slug}", pk="{aki_attachment_pk}"),
}

# GET and empty POST of a role that may use the route, where that is not (200, 200) (Route.answers).
_READ_ONLY = (200, 405)
_ANSWERS = {
    **dict.fromkeys(
        [
            "facharbeitskreise:attachment_download",
            "facharbeitskreise:document_detail",
            "facharbeitskreise:document_download",
            "facharbeitskreise:document_list",
            "facharbeitskreise:meeting_detail",
            "facharbeitskreise:meeting_ics",
            "facharbeitskreise:meeting_list",
            "facharbeitskreise:result_list",
            "facharbeitskreise:thread_detail",
            "facharbeitskreise:thread_list",
        ],
        _READ_ONLY,
    ),
    **dict.fromkeys(
        [
            "facharbeitskreise:document_delete",
            "facharbeitskreise:meeting_cancel",
            "facharbeitskreise:post_delete",
            "facharbeitskreise:thread_delete",
        ],
        (200, 302),
    ),
    "facharbeitskreise:thread_reply": (405, 200),
}

ROUTES: dict[str, Route] = {
    # Any admitted user manages their own calendar address.
    "facharbeitskreise:calendar": Route(Access.MEMBER),
    # The feed needs no session (the secret identifies the user): a wrong secret is 404 for everyone.
    "facharbeitskreise:calendar_feed": Route(
        Access.PUBLIC, kw(token="falsch"), anonymous_status=404, answers=(404, 405)
    ),
    **{
        name: Route(Access.OBJECT, _KWARGS.get(name, _ARBEITSKREIS), answers=_ANSWERS.get(name, (200, 200)))
        for name in NEEDS
    },
}


def _author(request):
    """The area's lead in this app's tests; elsewhere (global route test) a world member of its own."""
    try:
        return request.getfixturevalue("ak_lead")
    except pytest.FixtureLookupError:
        user, _ = User.objects.get_or_create(
            email="wilma.welt@essen.de",
            defaults={"first_name": "Wilma", "last_name": "Welt", "status": User.Status.ADMITTED},
        )
        return user


def build_world(request) -> dict[str, str]:
    request.getfixturevalue("essen")
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(request.getfixturevalue("tmp_path"))
    arbeitskreis = world_arbeitskreis(request)
    author = _author(request)
    document = ArbeitskreisDocument.objects.filter(arbeitskreis=arbeitskreis, title="Welt-Dokument").first()
    if document is None:
        upload = SimpleUploadedFile("welt.pdf", pdf_bytes("Welt", ["Ein Absatz."]))
        document = content_services.document_create(
            arbeitskreis=arbeitskreis, user=author, title="Welt-Dokument", description="", is_result=True, upload=upload
        )
    start = timezone.now() + timedelta(days=5)
    meeting, _ = Meeting.objects.get_or_create(
        arbeitskreis=arbeitskreis,
        title="Welt-Sitzung",
        defaults={"starts_at": start, "ends_at": start + timedelta(hours=2), "location": "Essen"},
    )
    thread = Thread.objects.filter(arbeitskreis=arbeitskreis, title="Welt-Diskussion").first()
    if thread is None:
        upload = SimpleUploadedFile("anhang.pdf", pdf_bytes("Anhang", ["Ein Absatz."]))
        thread = content_services.thread_create(
            arbeitskreis=arbeitskreis, user=author, title="Welt-Diskussion", body="Erster Beitrag", upload=upload
        )
    post = thread.posts.order_by("pk").first()
    attachment = PostAttachment.objects.filter(post=post).first()
    return {
        "ak_slug": arbeitskreis.slug,
        "aki_document_pk": str(document.pk),
        "aki_meeting_pk": str(meeting.pk),
        "aki_thread_pk": str(thread.pk),
        "aki_post_pk": str(post.pk),
        "aki_attachment_pk": str(attachment.pk),
    }
