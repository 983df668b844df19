"""Shared fixtures: one user per access level, named after the role they play.

- applicant_unconfirmed registered but never confirmed the address;
- applicant registered and confirmed, waiting for admission;
- rejected / deactivated were turned down or switched off by the office;
- member is admitted staff of the Stadt Essen;
- outsider is admitted staff of another authority (no special rights);
- office works in the Geschäftsstelle, with two-factor authentication set up;
- superuser is a Django superuser (staff), also with a second factor.

`login(person)` logs a user (or a role fixture by name) in on the test client. The Fachgebiete
and their Redaktion (`shisha`, `editor`, …) come from tests/fachgebiete/fixtures.py, registered
below through `pytest_plugins`; `module_fixtures` builds a module's world once (tests/module_world.py).

Every role that can change or see more than a member must use a second factor
(partner/middleware.py): such users are made with `make_user(..., second_factor=True)`.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from common.roles import OFFICE_GROUP
from partner.models import Partner, PartnerDomain, PartnerKind, PartnerType, User

# Fixtures and hooks shared across packages: a real clamd for the run; the Fachgebiete and their
# Redaktion; the portal-wide fixtures (a closed area, the loaded demo) for tests/sikoportal, suche,
# demo and devtools; a real S3 endpoint for uploads without local paths.
pytest_plugins = [
    "tests.dokumente.clamd",
    "tests.fachgebiete.fixtures",
    "tests.portal_fixtures",
    "tests.object_storage",
]

PASSWORD = "Richtig-langes-Passwort-2026"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Tables for the test-only models (tests/dokumente/testmodels.py) exist for the whole session.

    Once those models are registered, every StoredFile deletion in the process makes Django's
    collector look into their tables, whichever test package deletes the file.
    """
    from django.apps import apps
    from django.db import connection

    with django_db_blocker.unblock():
        existing = set(connection.introspection.table_names())
        missing = [
            model
            for model in apps.get_models()
            if model.__module__.startswith("tests.") and model._meta.db_table not in existing
        ]
        if missing:
            with connection.schema_editor() as editor:
                for model in missing:
                    editor.create_model(model)


@pytest.fixture(scope="module")
def module_fixtures(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The fixtures of this module evaluated once (tests/module_world.py), inside a transaction
    that is rolled back after the module; every test runs in its own savepoint on that data."""
    from django.db import transaction

    from tests.module_world import ModuleFixtures

    with django_db_blocker.unblock(), transaction.atomic():
        fixtures = ModuleFixtures(request, tmp_path_factory.mktemp("world"))
        try:
            yield fixtures
        finally:
            fixtures.close()
            transaction.set_rollback(True)


@pytest.fixture
def essen(db) -> Partner:
    partner = Partner.objects.create(
        name="Stadt Essen",
        slug="stadt-essen",
        kind=PartnerKind.KOOPERATIONSPARTNER,
        type=PartnerType.KOMMUNE,
        city="Essen",
    )
    PartnerDomain.objects.create(partner=partner, domain="essen.de")
    return partner


@pytest.fixture
def polizei(db) -> Partner:
    partner = Partner.objects.create(
        name="Landeskriminalamt NRW",
        slug="lka-nrw",
        kind=PartnerKind.NETZWERKPARTNER,
        type=PartnerType.LANDESPOLIZEI,
        city="Düsseldorf",
    )
    PartnerDomain.objects.create(partner=partner, domain="polizei.nrw.de")
    return partner


def enrol_second_factor(user: User) -> User:
    """TOTP for a user whose role requires a second factor (office, Redaktion, AK-Leitung, operators)."""
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def make_user(db, essen):
    def make(
        email: str,
        status: str = User.Status.ADMITTED,
        *,
        partner: Partner | None = essen,
        verified: bool = True,
        second_factor: bool = False,
        **fields,
    ) -> User:
        fields.setdefault("first_name", email.split("@")[0].split(".")[0].capitalize())
        fields.setdefault("last_name", "Muster")
        fields.setdefault("unit", "Fachbereich Öffentliche Sicherheit und Ordnung")
        fields.setdefault("function", "Sachbearbeitung")
        user = User.objects.create_user(email=email, password=PASSWORD, partner=partner, status=status, **fields)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
        if second_factor:
            enrol_second_factor(user)
        return user

    return make


@pytest.fixture
def applicant_unconfirmed(make_user) -> User:
    return make_user("neu.antrag@essen.de", User.Status.APPLIED, verified=False, access_reason="Gewerbeaufsicht")


@pytest.fixture
def applicant(make_user) -> User:
    return make_user("anna.antrag@essen.de", User.Status.VERIFIED, access_reason="Kontrollen von Shisha-Bars")


@pytest.fixture
def rejected(make_user) -> User:
    return make_user("rolf.abgelehnt@essen.de", User.Status.REJECTED)


@pytest.fixture
def deactivated(make_user) -> User:
    return make_user("dora.deaktiviert@essen.de", User.Status.DEACTIVATED)


@pytest.fixture
def member(make_user) -> User:
    return make_user("max.nutzer@essen.de", is_contact_person=True, phone="0201 88-12345")


@pytest.fixture
def outsider(make_user, polizei) -> User:
    return make_user("olga.aussen@polizei.nrw.de", partner=polizei)


@pytest.fixture
def office(make_user) -> User:
    user = make_user("gina.geschaeftsstelle@essen.de", second_factor=True)
    user.groups.add(Group.objects.get(name=OFFICE_GROUP))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def superuser(make_user) -> User:
    return make_user("susi.admin@essen.de", is_staff=True, is_superuser=True, second_factor=True)


@pytest.fixture
def office_without_mfa(make_user) -> User:
    user = make_user("otto.ohne2fa@essen.de")
    user.groups.add(Group.objects.get(name=OFFICE_GROUP))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def login(client, request):
    """`login(person)` logs a user in on the test client and returns the client; `person` is a
    user or the name of a role fixture ("member", "ak_lead", …). "anonymous" logs nobody in."""

    def log_in(person: User | str):
        if isinstance(person, str):
            if person == "anonymous":
                return client
            person = request.getfixturevalue(person)
        client.force_login(person)
        return client

    return log_in


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth's rate limits live in the cache; each test starts with none used up."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path_factory):
    """Uploads written by a test land in a temporary directory, never in the checkout's media/."""
    root = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = str(root)
    settings.SENDFILE_ROOT = str(root)
