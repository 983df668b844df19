from django.urls import path

from . import views

app_name = "zustaendigkeiten"

urlpatterns = [
    path("", views.zustaendigkeit_list, name="list"),
    path("neu/", views.zustaendigkeit_create, name="create"),
    path("<int:pk>/bearbeiten/", views.zustaendigkeit_edit, name="edit"),
    path("<int:pk>/bestaetigen/", views.zustaendigkeit_confirm, name="confirm"),
    path("<int:pk>/loeschen/", views.zustaendigkeit_delete, name="delete"),
]
