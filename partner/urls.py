from django.urls import path

from . import audit_views, office_views, privacy_views, recertification_views, views
from .sso import views as sso_views

app_name = "partner"

urlpatterns = [
    path("behoerden/", views.partner_list, name="list"),
    path("behoerden/<slug:slug>/", views.partner_detail, name="detail"),
    path("konto/profil/", views.profile, name="profile"),
    path("konto/anmelden/behoerde/", sso_views.sso_login, name="sso_login"),
    path("konto/bestaetigen/behoerde/", sso_views.sso_reauthenticate, name="sso_reauthenticate"),
    path("konto/antrag/", views.application_status, name="application_status"),
    path("konto/meine-daten/", privacy_views.my_data, name="my_data"),
    path("konto/meine-daten.json", privacy_views.my_data_json, name="my_data_json"),
    path("konto/loeschen/", privacy_views.deletion_request, name="deletion_request"),
    path(
        "konto/loeschen/zurueckziehen/", privacy_views.deletion_request_withdraw_view, name="deletion_request_withdraw"
    ),
    path("konto/konten-bestaetigen/", recertification_views.recertification, name="recertification"),
    path("verwaltung/zulassungen/", office_views.admission_list, name="admission_list"),
    path("verwaltung/nutzer/", office_views.account_list, name="account_list"),
    path("verwaltung/anmeldedienste/", sso_views.provider_list, name="sso_provider_list"),
    path("verwaltung/anmeldedienste/neu/", sso_views.provider_create, name="sso_provider_create"),
    path("verwaltung/anmeldedienste/<int:pk>/", sso_views.provider_edit, name="sso_provider_edit"),
    path("verwaltung/protokoll/", audit_views.audit_list, name="audit_list"),
    path("verwaltung/protokoll/export.csv", audit_views.audit_export, name="audit_export"),
    path("verwaltung/loeschantraege/", privacy_views.deletion_request_list, name="deletion_request_list"),
    path("verwaltung/loeschantraege/<int:pk>/", privacy_views.deletion_request_detail, name="deletion_request_detail"),
    path(
        "verwaltung/loeschantraege/<int:pk>/bestaetigen/",
        privacy_views.deletion_request_confirm_view,
        name="deletion_request_confirm",
    ),
    path(
        "verwaltung/loeschantraege/<int:pk>/ablehnen/",
        privacy_views.deletion_request_decline_view,
        name="deletion_request_decline",
    ),
    path("verwaltung/verarbeitungen/", privacy_views.processing_register, name="processing_register"),
    path("verwaltung/nutzer/<int:pk>/", office_views.account_detail, name="account_detail"),
    path("verwaltung/nutzer/<int:pk>/zulassen/", office_views.account_admit, name="account_admit"),
    path("verwaltung/nutzer/<int:pk>/ablehnen/", office_views.account_reject, name="account_reject"),
    path("verwaltung/nutzer/<int:pk>/deaktivieren/", office_views.account_deactivate, name="account_deactivate"),
    path("verwaltung/nutzer/<int:pk>/reaktivieren/", office_views.account_reactivate, name="account_reactivate"),
    path("verwaltung/nutzer/<int:pk>/anmeldeadresse/", office_views.account_email_change, name="account_email_change"),
    path(
        "verwaltung/nutzer/<int:pk>/entscheidungen/<int:decision_pk>/benachrichtigen/",
        office_views.decision_notify,
        name="decision_notify",
    ),
]
