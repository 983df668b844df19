from django.urls import path

from . import manage_views, views

app_name = "veranstaltungen"

urlpatterns = [
    path("veranstaltungen/", views.event_list, name="list"),
    path("veranstaltungen/rueckblick/", views.event_archive, name="archive"),
    path("veranstaltungen/neu/", manage_views.event_create, name="create"),
    path("veranstaltungen/kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("veranstaltungen/<int:pk>/", views.event_detail, name="detail"),
    path("veranstaltungen/<int:pk>/anmelden/", views.event_register, name="register"),
    path("veranstaltungen/<int:pk>/abmelden/", views.event_unregister, name="unregister"),
    path("veranstaltungen/<int:pk>/kalender.ics", views.event_ics, name="ics"),
    path("veranstaltungen/<int:pk>/unterlagen/<int:document_pk>/", views.document_download, name="document"),
    path("veranstaltungen/<int:pk>/bearbeiten/", manage_views.event_edit, name="edit"),
    path("veranstaltungen/<int:pk>/verschieben/", manage_views.event_postpone, name="postpone"),
    path("veranstaltungen/<int:pk>/absagen/", manage_views.event_cancel, name="cancel"),
    path("veranstaltungen/<int:pk>/unterlagen/neu/", manage_views.document_add, name="document_add"),
    path("veranstaltungen/<int:pk>/anmeldungen/", manage_views.registration_list, name="registrations"),
    path("veranstaltungen/<int:pk>/anmeldungen.csv", manage_views.registration_csv, name="registrations_csv"),
]
