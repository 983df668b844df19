from django.urls import path

from . import change_views, office_views, views

app_name = "lagebilder"

# Under the rubric's address, beside the Fachgebiete's /lagebilder/<section>/ pages (no section is
# called "hinweise").
urlpatterns = [
    path("lagebilder/hinweise/", views.lagebild_list, name="list"),
    path("lagebilder/hinweise/<int:pk>/", views.detail, name="detail"),
    path("lagebilder/hinweise/<int:pk>/kenntnisnahme/", views.acknowledge, name="acknowledge"),
    path(
        "lagebilder/hinweise/<int:pk>/anlage/<int:attachment_pk>/herunterladen/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("lagebilder/hinweise/verwaltung/", office_views.manage_list, name="manage_list"),
    path("lagebilder/hinweise/neu/", office_views.create, name="create"),
    path("lagebilder/hinweise/<int:pk>/kenntnisnahmen/", office_views.status, name="status"),
    path("lagebilder/hinweise/<int:pk>/kenntnisnahmen/erinnern/", office_views.remind, name="remind"),
    path("lagebilder/hinweise/<int:pk>/kenntnisnahmen.csv", office_views.export, name="export"),
    path("lagebilder/hinweise/<int:pk>/anlage/neu/", office_views.attachment_add, name="attachment_add"),
    path("lagebilder/hinweise/<int:pk>/bearbeiten/", change_views.edit, name="edit"),
    path("lagebilder/hinweise/<int:pk>/zurueckziehen/", change_views.withdraw, name="withdraw"),
]
