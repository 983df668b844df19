"""Fixtures the portal-wide tests (start page, search, demo, benchmarks) share; a plugin of tests/conftest.py."""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from facharbeitskreise import services as arbeitskreis_services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis


@dataclass(frozen=True)
class LoadedDemo:
    output: str
    media: Path


# The start page tests' world: a confidential area and its lead (the Redaktion of Shisha: `editor`).
@pytest.fixture
def secret_arbeitskreis(db) -> Arbeitskreis:
    return Arbeitskreis.objects.create(name="Projekt Verborgen", slug="verborgen", kind="projekt", is_confidential=True)


@pytest.fixture
def insider(make_user, secret_arbeitskreis, polizei):
    """A member of the confidential project from the LKA (outsider's authority): reached by what is
    addressed to the project or to the LKA, by nothing addressed to Essen."""
    user = make_user("ina.innen@polizei.nrw.de", partner=polizei, first_name="Ina", last_name="Innen")
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=user, role=Role.MITGLIED, actor=None)
    return user


@pytest.fixture
def lead(make_user, secret_arbeitskreis):
    user = make_user("lena.leitung@essen.de", first_name="Lena", second_factor=True)
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=user, role=Role.LEITUNG, actor=None)
    return user


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker, tmp_path_factory) -> LoadedDemo:
    """`manage.py load_demo` once per test module (it writes some 180 files), inside a transaction
    that is rolled back after the module: every test runs in its own savepoint on the same demo,
    and the next module finds the database as migrate left it. A test that reads the files points
    MEDIA_ROOT at `media` (the suite gives every test its own)."""
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=str(media), SENDFILE_ROOT=str(media)), django_db_blocker.unblock():
        with transaction.atomic():
            out = StringIO()
            call_command("load_demo", stdout=out)
            yield LoadedDemo(output=out.getvalue(), media=media)
            transaction.set_rollback(True)
