from django.urls import path

from . import office_views, views

app_name = "newsletter"

urlpatterns = [
    # Members
    path("newsletter/", views.archive, name="archive"),
    path("newsletter/ausgaben/<int:pk>/", views.issue_detail, name="issue_detail"),
    path("newsletter/abo/", views.member_subscription, name="member_subscription"),
    # Public: sign-up by address and the links in mails
    path("newsletter/anmelden/", views.subscribe, name="subscribe"),
    path("newsletter/anmelden/gesendet/", views.subscribe_done, name="subscribe_done"),
    path("newsletter/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Geschäftsstelle
    path("verwaltung/newsletter/", office_views.issue_list, name="office_issue_list"),
    path("verwaltung/newsletter/neu/", office_views.issue_create, name="office_issue_create"),
    path("verwaltung/newsletter/<int:pk>/", office_views.issue_preview, name="office_issue_preview"),
    path("verwaltung/newsletter/<int:pk>/bearbeiten/", office_views.issue_edit, name="office_issue_edit"),
    path("verwaltung/newsletter/<int:pk>/loeschen/", office_views.issue_delete, name="office_issue_delete"),
    path("verwaltung/newsletter/<int:pk>/testmail/", office_views.issue_test_mail, name="office_issue_test"),
    path("verwaltung/newsletter/<int:pk>/versenden/", office_views.issue_dispatch, name="office_issue_dispatch"),
    path("verwaltung/newsletter/<int:pk>/versand/", office_views.issue_progress, name="office_issue_progress"),
    path(
        "verwaltung/newsletter/<int:pk>/versand/status/",
        office_views.issue_progress_status,
        name="office_issue_status",
    ),
    path("verwaltung/newsletter/<int:pk>/versand/wiederholen/", office_views.issue_retry, name="office_issue_retry"),
    path("verwaltung/newsletter/<int:pk>/versand/fortsetzen/", office_views.issue_resume, name="office_issue_resume"),
    path("verwaltung/newsletter/abonnements/", office_views.subscriber_list, name="office_subscriber_list"),
    path("verwaltung/newsletter/abonnements/neu/", office_views.subscriber_add, name="office_subscriber_add"),
    path("verwaltung/newsletter/abonnements/import/", office_views.subscriber_import, name="office_subscriber_import"),
    path(
        "verwaltung/newsletter/abonnements/<int:pk>/entfernen/",
        office_views.subscriber_remove,
        name="office_subscriber_remove",
    ),
]
