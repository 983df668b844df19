"""The routes of the closed areas: the work inside an area, members' pages, the Leitung's, the Geschäftsstelle's."""

from django.urls import path

from . import document_views, lead_views, meeting_views, office_views, thread_views, views

app_name = "facharbeitskreise"

_ARBEITSKREIS = "arbeitskreise/<slug:slug>/"

urlpatterns: list = [
    # First, so that "arbeitskreise/kalender/" is never taken for an area's slug.
    path("arbeitskreise/kalender/", meeting_views.calendar_token, name="calendar"),
    path("arbeitskreise/kalender/<str:token>.ics", meeting_views.calendar_feed, name="calendar_feed"),
    # The work inside an area: documents, meetings, discussion
    path(f"{_ARBEITSKREIS}dokumente/", document_views.document_list, name="document_list"),
    path(f"{_ARBEITSKREIS}ergebnisse/", document_views.document_list, {"results": True}, name="result_list"),
    path(f"{_ARBEITSKREIS}dokumente/neu/", document_views.document_create, name="document_create"),
    path(f"{_ARBEITSKREIS}dokumente/<int:pk>/", document_views.document_detail, name="document_detail"),
    path(
        f"{_ARBEITSKREIS}dokumente/<int:pk>/neue-version/",
        document_views.document_version_add,
        name="document_version_add",
    ),
    path(f"{_ARBEITSKREIS}dokumente/<int:pk>/bearbeiten/", document_views.document_edit, name="document_edit"),
    path(f"{_ARBEITSKREIS}dokumente/<int:pk>/loeschen/", document_views.document_delete, name="document_delete"),
    path(
        f"{_ARBEITSKREIS}dokumente/<int:pk>/versionen/<int:number>/herunterladen/",
        document_views.document_download,
        name="document_download",
    ),
    path(f"{_ARBEITSKREIS}benachrichtigungen/", document_views.notification_settings, name="notification_settings"),
    # Meetings
    path(f"{_ARBEITSKREIS}sitzungen/", meeting_views.meeting_list, name="meeting_list"),
    path(f"{_ARBEITSKREIS}sitzungen/neu/", meeting_views.meeting_create, name="meeting_create"),
    path(f"{_ARBEITSKREIS}sitzungen/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path(f"{_ARBEITSKREIS}sitzungen/<int:pk>/bearbeiten/", meeting_views.meeting_edit, name="meeting_edit"),
    path(f"{_ARBEITSKREIS}sitzungen/<int:pk>/absagen/", meeting_views.meeting_cancel, name="meeting_cancel"),
    path(
        f"{_ARBEITSKREIS}sitzungen/<int:pk>/anwesenheit/", meeting_views.meeting_attendance, name="meeting_attendance"
    ),
    path(f"{_ARBEITSKREIS}sitzungen/<int:pk>/kalender.ics", meeting_views.meeting_ics, name="meeting_ics"),
    # Discussion
    path(f"{_ARBEITSKREIS}diskussionen/", thread_views.thread_list, name="thread_list"),
    path(f"{_ARBEITSKREIS}diskussionen/neu/", thread_views.thread_create, name="thread_create"),
    path(f"{_ARBEITSKREIS}diskussionen/<int:pk>/", thread_views.thread_detail, name="thread_detail"),
    path(f"{_ARBEITSKREIS}diskussionen/<int:pk>/antworten/", thread_views.thread_reply, name="thread_reply"),
    path(f"{_ARBEITSKREIS}diskussionen/<int:pk>/loeschen/", thread_views.thread_delete, name="thread_delete"),
    path(f"{_ARBEITSKREIS}beitraege/<int:pk>/bearbeiten/", thread_views.post_edit, name="post_edit"),
    path(f"{_ARBEITSKREIS}beitraege/<int:pk>/loeschen/", thread_views.post_delete, name="post_delete"),
    path(
        f"{_ARBEITSKREIS}anhaenge/<int:pk>/herunterladen/", thread_views.attachment_download, name="attachment_download"
    ),
    # Members: the areas they may know of, requests, an area's overview and member list
    path("arbeitskreise/", views.arbeitskreis_list, name="arbeitskreis_list"),
    path("arbeitskreise/<slug:slug>/", views.arbeitskreis_detail, name="arbeitskreis_detail"),
    path("arbeitskreise/<slug:slug>/beantragen/", views.arbeitskreis_request, name="arbeitskreis_request"),
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
    path("verwaltung/arbeitskreise/", office_views.arbeitskreis_list, name="office_arbeitskreis_list"),
    path("verwaltung/arbeitskreise/neu/", office_views.arbeitskreis_create, name="office_arbeitskreis_create"),
    path("verwaltung/arbeitskreise/<slug:slug>/", office_views.arbeitskreis_detail, name="office_arbeitskreis_detail"),
    path(
        "verwaltung/arbeitskreise/<slug:slug>/bearbeiten/",
        office_views.arbeitskreis_edit,
        name="office_arbeitskreis_edit",
    ),
    path(
        "verwaltung/arbeitskreise/<slug:slug>/archivieren/",
        office_views.arbeitskreis_archive,
        name="office_arbeitskreis_archive",
    ),
    path(
        "verwaltung/arbeitskreise/<slug:slug>/wiederoeffnen/",
        office_views.arbeitskreis_reopen,
        name="office_arbeitskreis_reopen",
    ),
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
