"""The statistics page and its CSV downloads: who may see them, what they show, what it costs.

Roles: the office (Geschäftsstelle) sees everything; member and outsider get 403 like on every
office page; an anonymous visitor is sent to the login.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from partner.models import AuditEvent
from statistik.models import SearchDay
from statistik.tables import SMALL_GROUP_NOTE

from ..helpers import count_queries, main_text
from .conftest import berlin

pytestmark = pytest.mark.django_db

PAGE = reverse("statistik:overview")


def csv_url(slug: str, query: str = "von=2025-01-01&bis=2025-12-31") -> str:
    return f"{reverse('statistik:table_csv', kwargs={'slug': slug})}?{query}"


@pytest.fixture
def office_client(office) -> Client:
    client = Client()
    client.force_login(office)
    return client


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_anonymous_is_sent_to_login(db):
    for url in (PAGE, csv_url("kennzahlen")):
        assert Client().get(url)["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_other_roles_are_forbidden_and_nothing_is_logged(request, role):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    assert client.get(PAGE).status_code == 403
    assert client.get(csv_url("kennzahlen")).status_code == 403
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.STATISTICS_EXPORTED).exists()


def test_the_office_sees_last_year_by_default(office_client, year_2025):
    page = main_text(office_client.get(PAGE))
    assert "01.01.2025 bis 31.12.2025" in page
    assert "Kennzahlen im Überblick" in page and "Veröffentlichte Beiträge nach Fachgebiet und Rubrik" in page
    assert "&lt; 5" in page and "Personenzahlen nach Behörde, Behördentyp oder Arbeitskreis" in page
    # Each chart is one image with a title and a description, and a table follows it.
    charts = re.findall(r'<svg class="stat-chart" role="img" aria-labelledby="([^"]+)"', page)
    assert len(charts) == 5
    for ids in charts:
        for ident in ids.split():
            assert f'id="{ident}"' in page
    assert "style=" not in page


def test_a_chosen_period_and_a_preset(office_client, year_2025):
    page = main_text(office_client.get(PAGE, {"von": "2025-12-31", "bis": "2026-01-01"}))
    assert "31.12.2025 bis 01.01.2026" in page
    assert 'href="?von=2025-01-01&amp;bis=2025-12-31"' in page  # the preset "Vorjahr 2025"


def test_an_impossible_period_says_why_and_shows_the_default(office_client):
    response = office_client.get(PAGE, {"von": "2025-12-31", "bis": "2025-01-01"})
    page = main_text(response)
    assert response.status_code == 200
    assert "Das Ende des Zeitraums liegt vor seinem Beginn." in page
    assert "01.01.2025 bis 31.12.2025" in page
    assert office_client.get(PAGE, {"von": "kein Datum"}).status_code == 200


def test_the_csv_repeats_the_table_with_the_rule_and_is_logged(office_client, office, year_2025):
    response = office_client.get(csv_url("behoerdentypen"))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="statistik-behoerdentypen-2025-01-01_2025-12-31.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == ["Behördentyp", "zugelassen am 31.12.2025", "neu zugelassen im Zeitraum"]
    body = {row[0]: row[1:] for row in rows[1:] if row}
    assert body["Kommune"] == ["9", "x"]
    assert body["Landespolizei"] == ["< 5", "< 5"]
    assert body["Zoll"] == ["< 5", "0"]
    assert body["Summe"] == ["16", "10"]
    assert body["Zeitraum"] == ["01.01.2025 bis 31.12.2025"]
    assert ["Hinweis", SMALL_GROUP_NOTE] in rows
    exported = AuditEvent.objects.get(kind=AuditEvent.Kind.STATISTICS_EXPORTED)
    assert exported.actor == office
    assert exported.detail == {"table": "behoerdentypen", "from": "2025-01-01", "to": "2025-12-31"}


def test_every_table_of_the_page_has_its_csv(office_client, year_2025):
    page = main_text(office_client.get(PAGE))
    links = re.findall(r'href="(/verwaltung/statistik/[a-z-]+\.csv\?[^"]+)"', page)
    assert len(links) == 12
    for link in links:
        response = office_client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200
        assert read_csv(response)[0][0]


def test_the_contributions_csv_matches_the_rows(office_client, year_2025):
    rows = read_csv(office_client.get(csv_url("beitraege")))
    assert rows[0] == ["Fachgebiet / Rubrik", "Informationen", "Muster & Arbeitshilfen", "Rechtstatsachen", "zusammen"]
    body = {row[0]: row[1:] for row in rows[1:] if row}
    assert body["Shisha"] == ["2", "0", "1", "3"]
    assert body["Lagebilder"] == ["1", "0", "–", "1"]
    assert body["Summe"] == ["3", "0", "1", "4"]


def test_an_unknown_table_is_404_and_not_logged(office_client):
    assert office_client.get(csv_url("gibtsnicht")).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.STATISTICS_EXPORTED).exists()


def test_the_page_costs_a_fixed_number_of_queries(office_client, year_2025, admit, essen, zoll):
    query = "?von=2025-01-01&bis=2025-12-31"
    before = count_queries(office_client, PAGE + query)
    for month in range(1, 13):
        admit(essen if month % 2 else zoll, berlin(2025, month, 3, 10))
        AuditEvent.objects.create(
            kind=AuditEvent.Kind.DOWNLOAD, at=berlin(2025, month, 4, 10), actor_name="x", bereich="fachgebiete:shisha"
        )
    SearchDay.objects.create(day=berlin(2025, 2, 2, 1).date(), count=4)
    assert count_queries(office_client, PAGE + query) == before
    assert count_queries(office_client, PAGE + "?von=2015-01-01&bis=2025-12-31") == before
    assert before <= 30
