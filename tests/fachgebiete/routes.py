"""Route classification of the Fachgebiete core (content, review, Redaktion, rubrics)."""

from __future__ import annotations

from tests.sikoportal.route_types import Access, Route, kw

_FACHGEBIET = kw(slug="{fg_slug}")
_RUBRIK = kw(slug="lagebilder")


def _fachgebiet_routes(names: str, slug: str, *, rechtstatsachen: bool) -> dict[str, Route]:
    fachgebiet = kw(slug=slug)
    routes = {
        "overview": Route(Access.MEMBER, fachgebiet),
        "article_list": Route(Access.MEMBER, fachgebiet),
        "article_detail": Route(Access.MEMBER, kw(slug=slug, pk=f"{{{names}article_pk}}")),
        "attachment_download": Route(
            Access.MEMBER, kw(slug=slug, pk=f"{{{names}article_pk}}", attachment_pk=f"{{{names}attachment_pk}}")
        ),
        "attachment_add": Route(Access.EDITOR, kw(slug=slug, pk=f"{{{names}article_pk}}")),
        "attachment_delete": Route(
            Access.EDITOR,
            kw(slug=slug, pk=f"{{{names}article_pk}}", attachment_pk=f"{{{names}attachment_pk}}"),
            answers=(200, 302),
        ),
        "document_list": Route(Access.MEMBER, fachgebiet),
        "document_detail": Route(Access.MEMBER, kw(slug=slug, pk=f"{{{names}document_pk}}")),
        "document_download": Route(Access.MEMBER, kw(slug=slug, pk=f"{{{names}document_pk}}")),
        "document_version_download": Route(Access.MEMBER, kw(slug=slug, pk=f"{{{names}document_pk}}", number="1")),
        "document_version_add": Route(Access.EDITOR, kw(slug=slug, pk=f"{{{names}document_pk}}")),
        "document_supersede": Route(Access.EDITOR, kw(slug=slug, pk=f"{{{names}document_pk}}")),
        "review_queue": Route(Access.EDITOR, fachgebiet),
        "review": Route(Access.EDITOR, kw(slug=slug, section="informationen", pk=f"{{{names}article_pk}}")),
        "submit": Route(Access.MEMBER, kw(slug=slug, section="informationen")),
        "article_edit": Route(Access.EDITOR, kw(slug=slug, pk=f"{{{names}article_pk}}")),
        "document_edit": Route(Access.EDITOR, kw(slug=slug, pk=f"{{{names}document_pk}}")),
    }
    if rechtstatsachen:
        routes |= {
            "rechtstatsache_list": Route(Access.MEMBER, fachgebiet),
            "rechtstatsache_detail": Route(Access.MEMBER, kw(slug=slug, pk="{fg_recht_pk}")),
            "rechtstatsache_download": Route(Access.MEMBER, kw(slug=slug, pk="{fg_recht_pk}")),
            "rechtstatsache_edit": Route(Access.EDITOR, kw(slug=slug, pk="{fg_recht_pk}")),
        }
    prefix = "fachgebiete:rubrik_" if names == "fg_rubrik_" else "fachgebiete:"
    return {prefix + name: route for name, route in routes.items()}


ROUTES: dict[str, Route] = {
    "fachgebiete:index": Route(Access.MEMBER),
    "fachgebiete:my_contributions": Route(Access.MEMBER),
    "fachgebiete:review_overview": Route(Access.EDITOR),
    "fachgebiete:office_editor_list": Route(Access.OFFICE),
    "fachgebiete:office_editors": Route(Access.OFFICE, _FACHGEBIET),
    "fachgebiete:office_editor_revoke": Route(
        Access.OFFICE, kw(slug="{fg_slug}", user_pk="{fg_editor_pk}"), answers=(200, 302)
    ),
    **_fachgebiet_routes("fg_", "{fg_slug}", rechtstatsachen=True),
    **_fachgebiet_routes("fg_rubrik_", "lagebilder", rechtstatsachen=False),
}


def build_world(request) -> dict[str, str]:
    """A published article (with attachment), document and Rechtstatsache in a Fachgebiet and in a rubric,
    written by someone who is none of the test roles, so that nobody is its author."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from guardian.shortcuts import assign_perm

    from devtools.generate import pdf_bytes
    from dokumente.services import FileStore
    from fachgebiete.models import Article, ArticleAttachment, Document, Fachgebiet, Rechtstatsache, Status

    # Files into this test's own directory, never into the project's media folder; the same
    # directory as tests/facharbeitskreise/routes_inhalt.py, whose world is built after this one.
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(request.getfixturevalue("tmp_path"))
    make_user = request.getfixturevalue("make_user")
    author = make_user("fg.autorin@essen.de")
    editor = make_user("fg.redaktion@essen.de", second_factor=True)
    fachgebiet = Fachgebiet.objects.create(name="Routen-Fachgebiet", slug="routen-fachgebiet", position=50)
    assign_perm("fachgebiete.edit_fachgebiet", editor, fachgebiet)
    rubrik = Fachgebiet.objects.get(slug="lagebilder")
    now = timezone.now()
    state = {"status": Status.PUBLISHED, "author": author, "submitted_at": now, "published_at": now}

    def upload(name: str):
        return FileStore().store(SimpleUploadedFile(name, pdf_bytes("Routen", ["Inhalt"])), user=author)

    world = {"fg_slug": fachgebiet.slug, "fg_editor_pk": str(editor.pk)}
    for names, place in (("fg_", fachgebiet), ("fg_rubrik_", rubrik)):
        article = Article.objects.create(
            fachgebiet=place, kind=Article.Kind.PROZESSABLAUF, title="Ablauf", summary="Kurz", body="Text", **state
        )
        attachment = ArticleAttachment.objects.create(article=article, file=upload("Anhang.pdf"))
        document = Document.objects.create(
            fachgebiet=place, kind=Document.Kind.VORLAGE, title="Vorlage", description="Text", **state
        )
        document.versions.create(number=1, file=upload("Vorlage.pdf"))
        world |= {
            f"{names}article_pk": str(article.pk),
            f"{names}attachment_pk": str(attachment.pk),
            f"{names}document_pk": str(document.pk),
        }
    record = Rechtstatsache.objects.create(
        fachgebiet=fachgebiet,
        court="VG Beispiel",
        decision_date=now.date(),
        aktenzeichen="1 K 1/24",
        headnote="Leitsatz",
        file=upload("Urteil.pdf"),
        **state,
    )
    world["fg_recht_pk"] = str(record.pk)
    return world
