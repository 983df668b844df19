from allauth import urls as allauth_urls
from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import URLPattern, include, path, re_path

from partner.views import ConfirmEmailView
from suche.views import search_page

from . import health, metrics, views

# The admin login goes through allauth: throttled, with two-factor authentication.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "SiKo Ruhr Portal – Administration"
admin.site.site_title = "SiKo Ruhr Portal"
admin.site.index_title = "Stammdaten und Konten"

# allauth's routes without its unnamed legacy redirects (/konto/social/…): nothing links there,
# and every route of the portal has a name and a class in the route-access test.
ALLAUTH_URLS = [p for p in allauth_urls.urlpatterns if not (isinstance(p, URLPattern) and p.name is None)]

urlpatterns = [
    path("", views.home, name="home"),
    path("suche/", search_page, name="search"),
    path("", include("partner.urls")),
    path("", include("newsletter.urls")),
    path("", include("lagebilder.urls")),
    path("", include("veranstaltungen.urls")),
    path("", include("fachgebiete.urls")),
    path("", include("facharbeitskreise.urls")),
    path("", include("statistik.urls")),
    path("zustaendigkeiten/", include("zustaendigkeiten.urls")),
    # Same route and name as allauth's, so its links keep working; see ConfirmEmailView.
    re_path(r"^konto/confirm-email/(?P<key>[-:\w]+)/$", ConfirmEmailView.as_view(), name="account_confirm_email"),
    path("konto/", include(ALLAUTH_URLS)),
    path("impressum/", views.impressum, name="impressum"),
    path("datenschutz/", views.datenschutz, name="datenschutz"),
    path("barrierefreiheit/", views.barrierefreiheit, name="barrierefreiheit"),
    path("admin/", admin.site.urls),
    # Monitoring: liveness and readiness (sikoportal.health), public, no session.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Prometheus (sikoportal.metrics), with the monitoring token only.
    path("metrics", metrics.metrics, name="metrics"),
]

# The error pages set the security headers themselves (see sikoportal.views).
handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
