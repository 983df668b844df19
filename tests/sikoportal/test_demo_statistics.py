"""The statistics page on the demo data: the annual report's fixed figures come out as loaded."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from partner.models import User
from statistik.figures import statistics_for
from statistik.period import Period

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(loaded_demo):
    return loaded_demo


def test_the_demo_gives_the_annual_reports_structure(demo):
    today = date.today()
    overview = dict(statistics_for(Period(date(today.year, 1, 1), today)).table("kennzahlen").rows)
    assert overview["Kooperationspartner (heute aktiv)"] == 22
    assert overview["Facharbeitskreise (heute aktiv)"] == 7
    assert overview["Projekte (heute aktiv)"] == 2
    admitted = User.objects.filter(status=User.Status.ADMITTED).count()
    assert overview[f"Zugelassene Nutzerinnen und Nutzer am {today:%d.%m.%Y}"] == admitted


def test_the_office_opens_the_page_on_the_demo(demo):
    client = Client()
    client.force_login(User.objects.get(email="geschaeftsstelle@sikoruhr.nrw.de"))
    response = client.get(reverse("statistik:overview"), {"von": "2020-01-01", "bis": date.today().isoformat()})
    assert response.status_code == 200
    assert "Kennzahlen im Überblick" in response.content.decode()
