from django.urls import path

from . import views

app_name = "statistik"

urlpatterns = [
    path("verwaltung/statistik/", views.overview, name="overview"),
    path("verwaltung/statistik/<slug:slug>.csv", views.table_csv, name="table_csv"),
]
