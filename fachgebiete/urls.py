from django.urls import path, register_converter

from . import contribute_views, editor_views, follow_views, glossary_views, office_views, views
from .models import RUBRIK_SLUGS

app_name = "fachgebiete"


class RubrikConverter:
    """The open rubrics live at their own address (/lagebilder/ …) on the Fachgebiete's machinery."""

    regex = "|".join(RUBRIK_SLUGS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RubrikConverter, "rubrik")


def _fachgebiet_routes(prefix: str, names: str, kind: str, *, rechtstatsachen: bool) -> list:
    """The pages of one area; Fachgebiete at fachgebiete/<slug>/, rubrics at <rubrik>/ (names prefixed rubrik_)."""
    k = {"kind": kind}
    sections = ["informationen", "muster"] + (["rechtstatsachen"] if rechtstatsachen else [])
    routes = [
        path(f"{prefix}", views.overview, k, name=f"{names}overview"),
        path(f"{prefix}informationen/", views.article_list, k, name=f"{names}article_list"),
        path(f"{prefix}informationen/<int:pk>/", views.article_detail, k, name=f"{names}article_detail"),
        path(
            f"{prefix}informationen/<int:pk>/anhang/<int:attachment_pk>/herunterladen/",
            views.attachment_download,
            k,
            name=f"{names}attachment_download",
        ),
        path(
            f"{prefix}informationen/<int:pk>/anhang/neu/",
            editor_views.attachment_add,
            k,
            name=f"{names}attachment_add",
        ),
        path(
            f"{prefix}informationen/<int:pk>/anhang/<int:attachment_pk>/entfernen/",
            editor_views.attachment_delete,
            k,
            name=f"{names}attachment_delete",
        ),
        path(f"{prefix}muster/", views.document_list, k, name=f"{names}document_list"),
        path(f"{prefix}muster/<int:pk>/", views.document_detail, k, name=f"{names}document_detail"),
        path(f"{prefix}muster/<int:pk>/herunterladen/", views.document_download, k, name=f"{names}document_download"),
        path(
            f"{prefix}muster/<int:pk>/version/<int:number>/herunterladen/",
            views.document_version_download,
            k,
            name=f"{names}document_version_download",
        ),
        path(
            f"{prefix}muster/<int:pk>/neue-version/",
            editor_views.document_version_add,
            k,
            name=f"{names}document_version_add",
        ),
        path(
            f"{prefix}muster/<int:pk>/ueberholt/", editor_views.document_supersede, k, name=f"{names}document_supersede"
        ),
        path(f"{prefix}redaktion/", editor_views.review_queue, k, name=f"{names}review_queue"),
        path(f"{prefix}redaktion/<str:section>/<int:pk>/", editor_views.review, k, name=f"{names}review"),
        path(f"{prefix}beitrag/<str:section>/", contribute_views.submit, k, name=f"{names}submit"),
    ]
    for section, item in (("informationen", "article"), ("muster", "document"), ("rechtstatsachen", "rechtstatsache")):
        if section in sections:
            routes.append(
                path(
                    f"{prefix}{section}/<int:pk>/bearbeiten/",
                    contribute_views.edit,
                    {**k, "section": section},
                    name=f"{names}{item}_edit",
                )
            )
    if rechtstatsachen:
        routes += [
            path(f"{prefix}rechtstatsachen/", views.rechtstatsache_list, k, name=f"{names}rechtstatsache_list"),
            path(
                f"{prefix}rechtstatsachen/<int:pk>/",
                views.rechtstatsache_detail,
                k,
                name=f"{names}rechtstatsache_detail",
            ),
            path(
                f"{prefix}rechtstatsachen/<int:pk>/herunterladen/",
                views.rechtstatsache_download,
                k,
                name=f"{names}rechtstatsache_download",
            ),
        ]
    return routes


urlpatterns: list = [
    # Glossary and follows: before any "fachgebiete/<slug>/" pattern, so that none shadows them.
    path("glossar/", glossary_views.glossary_list, name="glossary"),
    path("glossar/neu/", glossary_views.glossary_create, name="glossary_create"),
    path("glossar/<slug:slug>/", glossary_views.glossary_detail, name="glossary_detail"),
    path("glossar/<slug:slug>/bearbeiten/", glossary_views.glossary_edit, name="glossary_edit"),
    path("glossar/<slug:slug>/loeschen/", glossary_views.glossary_delete, name="glossary_delete"),
    path("fachgebiete/abonniert/", follow_views.follow_list, name="follows"),
    path("fachgebiete/<slug:slug>/folgen/", follow_views.follow, name="follow"),
    # Fachgebiete and rubrics (the fixed addresses first, so that no slug shadows them)
    path("fachgebiete/", views.index, name="index"),
    path("fachgebiete/meine-beitraege/", contribute_views.my_contributions, name="my_contributions"),
    path("fachgebiete/redaktion/", editor_views.review_overview, name="review_overview"),
    path("verwaltung/fachgebiete/", office_views.editor_list, name="office_editor_list"),
    path("verwaltung/fachgebiete/<slug:slug>/redaktion/", office_views.editors, name="office_editors"),
    path(
        "verwaltung/fachgebiete/<slug:slug>/redaktion/<int:user_pk>/entziehen/",
        office_views.editor_revoke,
        name="office_editor_revoke",
    ),
    *_fachgebiet_routes("fachgebiete/<slug:slug>/", "", "fachgebiet", rechtstatsachen=True),
    *_fachgebiet_routes("<rubrik:slug>/", "rubrik_", "rubrik", rechtstatsachen=False),
]
