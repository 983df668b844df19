"""Routes of the Lagebilder for the route-by-role sweep (tests/sikoportal/test_route_access.py).

The world's Lagebild goes to all admitted members, so member, outsider, office and superuser read
it; who is outside an audience gets 404 (the full matrix: test_visibility.py)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from devtools.generate import pdf_bytes
from dokumente.services import files_atomic
from lagebilder import services
from lagebilder.models import Lagebild
from tests.sikoportal.route_types import Access, Route, kw
from zielgruppen.models import Audience, Scope

_ITEM = kw(pk="{lagebild_pk}")

ROUTES: dict[str, Route] = {
    "lagebilder:list": Route(Access.MEMBER, answers=(200, 405)),
    "lagebilder:detail": Route(Access.MEMBER, _ITEM, answers=(200, 405)),
    "lagebilder:acknowledge": Route(Access.MEMBER, _ITEM, answers=(405, 302)),
    "lagebilder:attachment_download": Route(
        Access.MEMBER, kw(pk="{lagebild_pk}", attachment_pk="{lagebild_attachment_pk}"), answers=(200, 405)
    ),
    "lagebilder:manage_list": Route(Access.OFFICE, answers=(200, 405)),
    "lagebilder:create": Route(Access.OFFICE),
    "lagebilder:status": Route(Access.OFFICE, _ITEM, answers=(200, 405)),
    "lagebilder:remind": Route(Access.OFFICE, _ITEM, answers=(405, 302)),
    "lagebilder:export": Route(Access.OFFICE, _ITEM, answers=(200, 405)),
    "lagebilder:attachment_add": Route(Access.OFFICE, _ITEM, answers=(405, 200)),
    # An empty POST is an invalid form (no reason, no title): the page again, nothing changed.
    "lagebilder:edit": Route(Access.OFFICE, _ITEM),
    "lagebilder:withdraw": Route(Access.OFFICE, _ITEM),
}


def build_world(request) -> dict[str, str]:
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(request.getfixturevalue("tmp_path"))
    office = request.getfixturevalue("office")
    item = Lagebild.objects.filter(title="Welt-Lagebild").first()
    if item is None:
        item = Lagebild.objects.create(
            title="Welt-Lagebild", summary="Text.", audience=Audience.objects.create(scope=Scope.ALLE)
        )
        upload = SimpleUploadedFile("welt.pdf", pdf_bytes("Welt", ["Ein Absatz."]))
        with files_atomic() as files:
            services.attachment_add(lagebild=item, upload=upload, user=office, files=files)
    return {"lagebild_pk": str(item.pk), "lagebild_attachment_pk": str(item.attachments.get().pk)}
