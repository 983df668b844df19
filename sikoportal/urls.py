from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import views

# The admin login goes through allauth: throttled, with two-factor authentication.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "SiKo Ruhr Portal – Administration"
admin.site.site_title = "SiKo Ruhr Portal"
admin.site.index_title = "Stammdaten und Konten"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("partner.urls")),
    path("konto/", include("allauth.urls")),
    path("impressum/", views.impressum, name="impressum"),
    path("datenschutz/", views.datenschutz, name="datenschutz"),
    path("barrierefreiheit/", views.barrierefreiheit, name="barrierefreiheit"),
    path("admin/", admin.site.urls),
]
