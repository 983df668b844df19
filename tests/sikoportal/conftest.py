"""Fixtures the portal-wide tests (search, start page) share."""

from __future__ import annotations

import pytest

from fachgebiete.models import Fachgebiet


@pytest.fixture
def shisha(db) -> Fachgebiet:
    return Fachgebiet.objects.create(name="Shisha", slug="shisha", position=1)


@pytest.fixture
def gluecksspiel(db) -> Fachgebiet:
    return Fachgebiet.objects.create(name="Glücksspiel", slug="gluecksspiel", position=2)
