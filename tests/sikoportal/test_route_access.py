"""Every URL pattern of the project is classified, and every role gets what its class allows.

A new route that is not listed in ROUTES fails `test_every_route_is_classified`: whoever adds
a view decides here who may see it, and the matrix below proves no role gets more.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from newsletter.models import Issue, Subscriber
from partner.models import Decision, DeletionRequest

from .route_types import Access, Route, kw

ROUTES: dict[str, Route] = {
    "home": Route(Access.MEMBER),
    "search": Route(Access.MEMBER),
    "impressum": Route(Access.PUBLIC),
    "datenschutz": Route(Access.PUBLIC),
    "barrierefreiheit": Route(Access.PUBLIC),
    # monitoring (sikoportal.health): status only without the operator token
    "healthz": Route(Access.PUBLIC, answers=(200, 405)),
    "readyz": Route(Access.PUBLIC, answers=(200, 405)),
    # Prometheus (sikoportal.metrics): 401 for every role without the monitoring token (test_metrics.py)
    "metrics": Route(Access.PUBLIC, anonymous_status=401, answers=(401, 405)),
    # partner
    "partner:list": Route(Access.MEMBER),
    "partner:detail": Route(Access.MEMBER, kw(slug="{partner_slug}")),
    "partner:profile": Route(Access.MEMBER),
    "partner:application_status": Route(Access.APPLICANT),
    "partner:admission_list": Route(Access.OFFICE),
    "partner:account_list": Route(Access.OFFICE),
    "partner:audit_list": Route(Access.OFFICE),
    "partner:audit_export": Route(Access.OFFICE),
    # statistik: the office's figures for the annual report and their CSV downloads
    "statistik:overview": Route(Access.OFFICE),
    "statistik:table_csv": Route(Access.OFFICE, kw(slug="kennzahlen")),
    "partner:recertification": Route(Access.CONTACT),
    "partner:my_data": Route(Access.MEMBER, answers=(302, 405)),
    "partner:my_data_json": Route(Access.MEMBER, answers=(302, 405)),
    "partner:deletion_request": Route(Access.MEMBER, answers=(302, 302)),
    "partner:deletion_request_withdraw": Route(Access.MEMBER, answers=(405, 302)),
    "partner:deletion_request_list": Route(Access.OFFICE),
    "partner:deletion_request_detail": Route(Access.OFFICE, kw(pk="{deletion_request_pk}")),
    "partner:deletion_request_confirm": Route(Access.OFFICE, kw(pk="{deletion_request_pk}"), answers=(405, 200)),
    "partner:deletion_request_decline": Route(Access.OFFICE, kw(pk="{deletion_request_pk}"), answers=(405, 200)),
    "partner:processing_register": Route(Access.OFFICE),
    "partner:account_detail": Route(Access.OFFICE, kw(pk="{applicant_pk}")),
    "partner:account_admit": Route(Access.OFFICE, kw(pk="{applicant_pk}"), answers=(405, 302)),
    "partner:account_reject": Route(Access.OFFICE, kw(pk="{applicant_pk}"), answers=(405, 200)),
    "partner:account_deactivate": Route(Access.OFFICE, kw(pk="{member_pk}")),
    "partner:account_reactivate": Route(Access.OFFICE, kw(pk="{deactivated_pk}"), answers=(405, 302)),
    "partner:account_email_change": Route(Access.OFFICE, kw(pk="{member_pk}")),
    "partner:decision_notify": Route(
        Access.OFFICE, kw(pk="{deactivated_pk}", decision_pk="{decision_pk}"), answers=(405, 302)
    ),
    # newsletter: members read the archive; the links in mails work without login
    "newsletter:archive": Route(Access.MEMBER),
    "newsletter:issue_detail": Route(Access.MEMBER, kw(pk="{issue_pk}")),
    "newsletter:member_subscription": Route(Access.MEMBER, answers=(405, 302)),
    "newsletter:subscribe": Route(Access.PUBLIC),
    "newsletter:subscribe_done": Route(Access.PUBLIC),
    "newsletter:confirm": Route(Access.PUBLIC, kw(token="falscher-schluessel")),
    "newsletter:unsubscribe": Route(Access.PUBLIC, kw(token="falscher-schluessel")),
    "newsletter:office_issue_list": Route(Access.OFFICE),
    "newsletter:office_issue_create": Route(Access.OFFICE),
    "newsletter:office_issue_preview": Route(Access.OFFICE, kw(pk="{draft_pk}")),
    "newsletter:office_issue_edit": Route(Access.OFFICE, kw(pk="{draft_pk}")),
    "newsletter:office_issue_delete": Route(Access.OFFICE, kw(pk="{draft_pk}"), answers=(200, 302)),
    "newsletter:office_issue_test": Route(Access.OFFICE, kw(pk="{draft_pk}"), answers=(405, 302)),
    "newsletter:office_issue_dispatch": Route(Access.OFFICE, kw(pk="{draft_pk}"), answers=(200, 302)),
    "newsletter:office_issue_progress": Route(Access.OFFICE, kw(pk="{issue_pk}")),
    "newsletter:office_issue_status": Route(Access.OFFICE, kw(pk="{issue_pk}"), answers=(200, 405)),
    "newsletter:office_issue_retry": Route(Access.OFFICE, kw(pk="{issue_pk}"), answers=(405, 302)),
    "newsletter:office_issue_resume": Route(Access.OFFICE, kw(pk="{issue_pk}"), answers=(405, 302)),
    "newsletter:office_subscriber_list": Route(Access.OFFICE),
    "newsletter:office_subscriber_add": Route(Access.OFFICE),
    "newsletter:office_subscriber_import": Route(Access.OFFICE),
    "newsletter:office_subscriber_remove": Route(Access.OFFICE, kw(pk="{subscriber_pk}"), answers=(200, 302)),
    # allauth: login, registration, password reset
    "account_login": Route(Access.PUBLIC, signed_in=(302, 302)),
    "account_logout": Route(Access.PUBLIC, anonymous_status=302, answers=(302, 302), signed_in=(200, 302)),
    "account_signup": Route(Access.PUBLIC, signed_in=(302, 302)),
    "account_reset_password": Route(Access.PUBLIC),
    "account_reset_password_done": Route(Access.PUBLIC, answers=(200, 405)),
    "account_reset_password_from_key": Route(Access.PUBLIC, kw(uidb36="zz", key="falscher-schluessel")),
    "account_reset_password_from_key_done": Route(Access.PUBLIC, answers=(200, 405)),
    "account_confirm_login_code": Route(Access.PUBLIC, anonymous_status=302, answers=(302, 302)),
    "mfa_authenticate": Route(Access.PUBLIC, anonymous_status=302, answers=(302, 302)),
    # allauth: the applicant's own steps
    "account_inactive": Route(Access.APPLICANT, answers=(200, 405)),
    "account_email_verification_sent": Route(Access.APPLICANT, answers=(200, 405)),
    "account_confirm_email": Route(Access.APPLICANT, kw(key="falscher-schluessel")),
    # allauth: account management of admitted users
    "account_email": Route(Access.MEMBER, answers=(200, 302)),
    "account_change_password": Route(Access.MEMBER),
    "account_set_password": Route(Access.MEMBER, answers=(302, 302)),
    "account_reauthenticate": Route(Access.MEMBER),
    "mfa_index": Route(Access.MEMBER, answers=(200, 405)),
    "mfa_reauthenticate": Route(Access.MEMBER, answers=(302, 302), with_second_factor=(200, 200)),
    "mfa_activate_totp": Route(Access.MEMBER, answers=(302, 302)),
    "mfa_deactivate_totp": Route(
        Access.MEMBER, missing_own_object_404=True, answers=(404, 404), with_second_factor=(302, 302)
    ),
    "mfa_view_recovery_codes": Route(Access.MEMBER, missing_own_object_404=True, answers=(404, 405)),
    "mfa_generate_recovery_codes": Route(Access.MEMBER, missing_own_object_404=True, answers=(302, 302)),
    "mfa_download_recovery_codes": Route(Access.MEMBER, missing_own_object_404=True, answers=(404, 404)),
    "mfa_list_webauthn": Route(Access.MEMBER, answers=(200, 405)),
    "mfa_add_webauthn": Route(Access.MEMBER, answers=(302, 302)),
    "mfa_reauthenticate_webauthn": Route(Access.MEMBER, missing_own_object_404=True, answers=(302, 302)),
    "mfa_remove_webauthn": Route(Access.MEMBER, kw(pk="0"), missing_own_object_404=True, answers=(302, 302)),
    "mfa_edit_webauthn": Route(Access.MEMBER, kw(pk="0"), missing_own_object_404=True, answers=(302, 302)),
    "usersessions_list": Route(Access.MEMBER, answers=(200, 302)),
}
# Each app classifies its own routes next to its tests (tests/<app>/routes.py): ROUTES plus
# build_world(request) -> dict, which creates the objects their URLs need.
APP_ROUTE_MODULES = [
    "tests.fachgebiete.routes",
    "tests.fachgebiete.routes_glossary",
    "tests.facharbeitskreise.routes",
    "tests.facharbeitskreise.routes_inhalt",
    "tests.partner.routes_sso",
    "tests.zustaendigkeiten.routes",
    "tests.lagebilder.routes",
    "tests.veranstaltungen.routes",
]


def _app_route_modules():
    import importlib

    return [importlib.import_module(name) for name in APP_ROUTE_MODULES]


for _module in _app_route_modules():
    _clash = set(ROUTES) & set(_module.ROUTES)
    assert not _clash, _clash
    ROUTES.update(_module.ROUTES)

# The Django admin is one class: every admin route is guarded by admin_view/secure_admin_login.
ADMIN_KWARGS = {"id": "1", "object_id": "1", "app_label": "partner", "content_type_id": "1", "url": "x/"}

LOGIN_ROLES = ["anonymous", "applicant_unconfirmed", "applicant", "rejected", "deactivated"]
ADMITTED_ROLES = ["member", "outsider", "office"]
ALL_ROLES = LOGIN_ROLES + ADMITTED_ROLES + ["superuser"]


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, prefix + str(pattern.pattern), pattern


def all_routes():
    return list(_walk(get_resolver().url_patterns))


def test_every_route_is_classified():
    unclassified = [
        (name, path) for name, path, _ in all_routes() if not path.startswith("admin/") and name not in ROUTES
    ]
    assert unclassified == [], f"Nicht klassifizierte Routen (in ROUTES eintragen): {unclassified}"


def test_no_stale_classification():
    names = {name for name, _, _ in all_routes()}
    assert set(ROUTES) - names == set()


@pytest.fixture(scope="module")
def matrix(module_fixtures):
    """The world's objects (URL arguments) and one person per role, once for the module."""
    fixture = module_fixtures.getfixturevalue
    essen, applicant, deactivated, member, office = (
        fixture(name) for name in ("essen", "applicant", "deactivated", "member", "office")
    )
    decision = Decision.objects.create(
        user=deactivated,
        action=Decision.Action.DEACTIVATED,
        reason="Versetzt",
        decided_by=office,
        decided_by_name="Gina Muster",
    )
    sent = Issue.objects.create(number=1, title="Ausgabe", body="Text", status=Issue.Status.SENT)
    draft = Issue.objects.create(number=2, title="Entwurf", body="Text")
    subscriber = Subscriber.objects.create(email="extern@bochum.de", source=Subscriber.Source.SELF)
    world = {
        "issue_pk": str(sent.pk),
        "draft_pk": str(draft.pk),
        "subscriber_pk": str(subscriber.pk),
        "partner_slug": essen.slug,
        "applicant_pk": str(applicant.pk),
        "member_pk": str(member.pk),
        "deactivated_pk": str(deactivated.pk),
        "decision_pk": str(decision.pk),
        "deletion_request_pk": str(DeletionRequest.objects.create(user=member).pk),
    }
    for module in _app_route_modules():
        world.update(module.build_world(module_fixtures))
    people = {role: fixture(role) for role in ALL_ROLES if role != "anonymous"}
    return world, people, fixture("settings").MEDIA_ROOT


@pytest.fixture
def world(matrix, settings):
    world, _, media = matrix
    # The matrix is about access: /readyz checks only the database here (every check: test_health.py).
    settings.SIKO_READINESS_CHECKS = {"database": "sikoportal.health.check_database"}
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = media  # the world's files
    return world


@pytest.fixture
def as_role(matrix, login):
    """The client, logged in as the module world's person of that role ("anonymous": nobody)."""
    _, people, _ = matrix
    return lambda role: login(people.get(role, role))


def _url(name: str, route: Route, world: dict) -> str:
    return reverse(name, kwargs={key: value.format(**world) for key, value in route.kwargs})


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# Who may use a route of each class (the world's member is a contact person of her authority).
MAY_USE = {
    Access.MEMBER: {"member", "outsider", "office", "superuser"},
    Access.CONTACT: {"member", "office", "superuser"},
    Access.EDITOR: {"office", "superuser"},  # member and outsider hold no editor grant in the world
    Access.OFFICE: {"office", "superuser"},
}
SECOND_FACTOR = {"office", "superuser"}  # the world's people with a second factor


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_route_access(name, role, world, as_role):
    route = ROUTES[name]
    client = as_role(role)
    url = _url(name, route, world)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        status = response.status_code
        if route.access in (Access.PUBLIC, Access.APPLICANT):
            # Open to everyone; a session that is not admitted counts as none.
            if role == "anonymous" and method == "get":
                assert status == route.anonymous_status, (name, status)
            assert status == route.answer(method, signed_in=role not in LOGIN_ROLES), (name, role, method, status)
        elif role in LOGIN_ROLES:
            # Not admitted: the session is worthless, every protected page asks for a login.
            assert _is_login_redirect(response), (name, role, method, status)
        elif route.access == Access.OBJECT:
            # Nobody in this world holds a grant on the area, the office and the superuser neither:
            # its existence stays hidden (the full matrix: tests/facharbeitskreise/test_role_matrix.py).
            assert status == 404, (name, role, method, status)
        elif role in MAY_USE[route.access]:
            assert status == route.answer(method, second_factor=role in SECOND_FACTOR), (name, role, method, status)
            assert not _is_login_redirect(response), (name, role, method)
            # A 404 for someone who may use the page only means: the own second factor is missing.
            assert status != 404 or route.missing_own_object_404, (name, role, method)
        else:
            assert status == 403, (name, role, method, status)
        # A POST must never change something for a role that may not: state checked per view elsewhere.


ADMIN_ROUTES = [(name, path, p) for name, path, p in all_routes() if path.startswith("admin/")]


def _admin_url(path: str, pattern: URLPattern) -> str:
    if pattern.name:
        args = {k: v for k, v in ADMIN_KWARGS.items() if k in pattern.pattern.regex.groupindex}
        return reverse(f"admin:{pattern.name}", kwargs=args)
    return "/admin/partner/partner/1/"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL_ROLES)
def test_admin_is_staff_only(role, world, as_role):
    client = as_role(role)
    for _name, path, pattern in ADMIN_ROUTES:
        url = _admin_url(path, pattern)
        response = client.get(url)
        assert response.status_code < 500, url
        if role == "superuser":
            continue
        # Nobody else gets a 2xx anywhere in the admin.
        assert not 200 <= response.status_code < 300, (url, role, response.status_code)
        if role in LOGIN_ROLES:
            assert response.status_code == 302, (url, role)


@pytest.mark.django_db
def test_admin_index_for_superuser(world, as_role):
    assert as_role("superuser").get("/admin/").status_code == 200


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/")
    assert _is_login_redirect(response)
