"""URLs of the work inside an area; included first by `urls.py` (see there)."""

from django.urls import path

from . import content_views, meeting_views, thread_views

_AREA = "arbeitskreise/<slug:slug>/"

urlpatterns = [
    path("arbeitskreise/kalender/", meeting_views.calendar_token, name="calendar"),
    path("arbeitskreise/kalender/<str:token>.ics", meeting_views.calendar_feed, name="calendar_feed"),
    # Documents
    path(f"{_AREA}dokumente/", content_views.document_list, name="document_list"),
    path(f"{_AREA}ergebnisse/", content_views.document_list, {"results": True}, name="result_list"),
    path(f"{_AREA}dokumente/neu/", content_views.document_create, name="document_create"),
    path(f"{_AREA}dokumente/<int:pk>/", content_views.document_detail, name="document_detail"),
    path(f"{_AREA}dokumente/<int:pk>/neue-version/", content_views.document_version_add, name="document_version_add"),
    path(f"{_AREA}dokumente/<int:pk>/bearbeiten/", content_views.document_edit, name="document_edit"),
    path(f"{_AREA}dokumente/<int:pk>/loeschen/", content_views.document_delete, name="document_delete"),
    path(
        f"{_AREA}dokumente/<int:pk>/versionen/<int:number>/herunterladen/",
        content_views.document_download,
        name="document_download",
    ),
    path(f"{_AREA}benachrichtigungen/", content_views.notification_settings, name="notification_settings"),
    # Meetings
    path(f"{_AREA}sitzungen/", meeting_views.meeting_list, name="meeting_list"),
    path(f"{_AREA}sitzungen/neu/", meeting_views.meeting_create, name="meeting_create"),
    path(f"{_AREA}sitzungen/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path(f"{_AREA}sitzungen/<int:pk>/bearbeiten/", meeting_views.meeting_edit, name="meeting_edit"),
    path(f"{_AREA}sitzungen/<int:pk>/absagen/", meeting_views.meeting_cancel, name="meeting_cancel"),
    path(f"{_AREA}sitzungen/<int:pk>/anwesenheit/", meeting_views.meeting_attendance, name="meeting_attendance"),
    path(f"{_AREA}sitzungen/<int:pk>/kalender.ics", meeting_views.meeting_ics, name="meeting_ics"),
    # Discussion
    path(f"{_AREA}diskussionen/", thread_views.thread_list, name="thread_list"),
    path(f"{_AREA}diskussionen/neu/", thread_views.thread_create, name="thread_create"),
    path(f"{_AREA}diskussionen/<int:pk>/", thread_views.thread_detail, name="thread_detail"),
    path(f"{_AREA}diskussionen/<int:pk>/antworten/", thread_views.thread_reply, name="thread_reply"),
    path(f"{_AREA}diskussionen/<int:pk>/loeschen/", thread_views.thread_delete, name="thread_delete"),
    path(f"{_AREA}beitraege/<int:pk>/bearbeiten/", thread_views.post_edit, name="post_edit"),
    path(f"{_AREA}beitraege/<int:pk>/loeschen/", thread_views.post_delete, name="post_delete"),
    path(f"{_AREA}anhaenge/<int:pk>/herunterladen/", thread_views.attachment_download, name="attachment_download"),
]
