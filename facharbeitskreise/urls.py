from django.urls import path

from . import lead_views, office_views, views

app_name = "facharbeitskreise"

urlpatterns: list = [
    # Members: the areas they may know of, requests, an area's overview and member list
    path("arbeitskreise/", views.area_list, name="area_list"),
    path("arbeitskreise/<slug:slug>/", views.area_detail, name="area_detail"),
    path("arbeitskreise/<slug:slug>/beantragen/", views.area_request, name="area_request"),
    path("arbeitskreise/<slug:slug>/beantragen/zurueckziehen/", views.request_withdraw, name="request_withdraw"),
    path("arbeitskreise/<slug:slug>/mitglieder/", views.member_list, name="member_list"),
    # Leitung of one area
    path("arbeitskreise/<slug:slug>/leitung/antraege/", lead_views.lead_requests, name="lead_requests"),
    path(
        "arbeitskreise/<slug:slug>/leitung/antraege/<int:pk>/",
        lead_views.lead_request_decide,
        name="lead_request_decide",
    ),
    path("arbeitskreise/<slug:slug>/leitung/mitglieder/neu/", lead_views.lead_member_add, name="lead_member_add"),
    path(
        "arbeitskreise/<slug:slug>/leitung/mitglieder/<int:user_pk>/rolle/",
        lead_views.lead_member_role,
        name="lead_member_role",
    ),
    path(
        "arbeitskreise/<slug:slug>/leitung/mitglieder/<int:user_pk>/entfernen/",
        lead_views.lead_member_remove,
        name="lead_member_remove",
    ),
    path("arbeitskreise/<slug:slug>/leitung/beschreibung/", lead_views.lead_description, name="lead_description"),
    path("arbeitskreise/<slug:slug>/leitung/protokoll/", lead_views.lead_access_log, name="lead_access_log"),
    path("arbeitskreise/<slug:slug>/leitung/ueberpruefung/", lead_views.lead_review, name="lead_review"),
    path(
        "arbeitskreise/<slug:slug>/leitung/ueberpruefung/starten/",
        lead_views.lead_review_start,
        name="lead_review_start",
    ),
    path(
        "arbeitskreise/<slug:slug>/leitung/ueberpruefung/abschliessen/",
        lead_views.lead_review_complete,
        name="lead_review_complete",
    ),
    # Geschäftsstelle
    path("verwaltung/arbeitskreise/", office_views.area_list, name="office_area_list"),
    path("verwaltung/arbeitskreise/neu/", office_views.area_create, name="office_area_create"),
    path("verwaltung/arbeitskreise/<slug:slug>/", office_views.area_detail, name="office_area_detail"),
    path("verwaltung/arbeitskreise/<slug:slug>/bearbeiten/", office_views.area_edit, name="office_area_edit"),
    path("verwaltung/arbeitskreise/<slug:slug>/archivieren/", office_views.area_archive, name="office_area_archive"),
    path("verwaltung/arbeitskreise/<slug:slug>/wiederoeffnen/", office_views.area_reopen, name="office_area_reopen"),
    path("verwaltung/arbeitskreise/<slug:slug>/zugang/person/", office_views.grant_user, name="office_grant_user"),
    path("verwaltung/arbeitskreise/<slug:slug>/zugang/gruppe/", office_views.grant_group, name="office_grant_group"),
    path(
        "verwaltung/arbeitskreise/<slug:slug>/zugang/person/<int:user_pk>/entziehen/",
        office_views.revoke_user,
        name="office_revoke_user",
    ),
    path(
        "verwaltung/arbeitskreise/<slug:slug>/zugang/gruppe/<int:group_pk>/entziehen/",
        office_views.revoke_group,
        name="office_revoke_group",
    ),
    path("verwaltung/arbeitskreise/<slug:slug>/ueberpruefung/", office_views.review_start, name="office_review_start"),
]

# The work inside an area (documents, meetings, threads, calendar; helper C2's content_urls).
# First, so that "arbeitskreise/kalender/" is never taken for an area's slug.
from .content_urls import urlpatterns as content_urlpatterns  # noqa: E402

urlpatterns = content_urlpatterns + urlpatterns
