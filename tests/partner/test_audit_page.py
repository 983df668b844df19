"""The Geschäftsstelle's audit page: who may see it, filters, bounded queries, CSV export, logged views."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partner.audit import audit_record
from partner.csv_export import csv_cell
from partner.models import AuditEvent

from ..helpers import main_text

pytestmark = pytest.mark.django_db

LIST = reverse("partner:audit_list")
EXPORT = reverse("partner:audit_export")


@pytest.fixture
def office_client(office) -> Client:
    client = Client()
    client.force_login(office)
    return client


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_other_roles_are_forbidden_and_nothing_is_logged(request, role):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    assert client.get(LIST).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert not AuditEvent.objects.filter(kind="audit_viewed").exists()


def test_anonymous_is_sent_to_login(db):
    assert Client().get(LIST)["Location"].startswith(reverse("account_login"))


def test_the_office_sees_the_log_and_its_view_is_logged(office_client, office, member):
    audit_record(kind="login", actor=member, subject=member, ip_address="198.51.100.7")
    page = main_text(office_client.get(LIST, {"kind": "login"}))
    assert "Anmeldung" in page and member.email in page and "198.51.100.7" in page
    viewed = AuditEvent.objects.get(kind="audit_viewed")
    assert (viewed.actor, viewed.detail) == (office, {"filters": {"kind": "login"}, "export": False})


def test_only_the_pages_own_filters_are_recorded_and_a_nul_byte_is_no_server_error(office_client):
    # Found by the fuzz test on PostgreSQL: jsonb refuses \u0000, and unknown parameters are not needed.
    response = office_client.get(LIST, {"q": "Mus\x00ter", "o": "\x00", "next": "//boese.example/"})
    assert response.status_code == 200
    viewed = AuditEvent.objects.get(kind="audit_viewed")
    assert viewed.detail == {"filters": {"q": "Muster"}, "export": False}


def test_filters_by_person_authority_kind_arbeitskreis_and_dates(office_client, member, outsider):
    audit_record(kind="login", actor=member, subject=member)
    audit_record(kind="download", actor=outsider, bereich="fachgebiete:shisha", target="fachgebiete.document:7")
    old = audit_record(kind="password_changed", actor=member, subject=member)

    def shown(**query) -> set[str]:
        response = office_client.get(LIST, query)
        return {event.kind for event in response.context["page"]}

    assert shown(person=member.pk) == {"login", "password_changed"}
    assert shown(q="olga") == {"download"}
    assert shown(partner=outsider.partner_id) == {"download"}
    assert shown(kind="download", bereich="shisha") == {"download"}
    assert shown(target="fachgebiete.document:7") == {"download"}
    today = timezone.localdate()
    assert "password_changed" in shown(since=today.isoformat(), until=today.isoformat())
    assert shown(until=(today - timedelta(days=1)).isoformat()) == set()
    assert old.pk


def test_the_empty_state_is_explained(office_client):
    assert "Kein Protokolleintrag entspricht diesen Filtern." in main_text(office_client.get(LIST, {"kind": "logout"}))


def test_the_number_of_queries_does_not_grow_with_the_log(office_client, member, django_assert_max_num_queries):
    def fill(count: int) -> None:
        for _ in range(count):
            audit_record(kind="download", actor=member, detail={"file": 1, "version": 2}, target="x:1")

    fill(3)
    with django_assert_max_num_queries(12) as few:
        office_client.get(LIST)
    fill(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        office_client.get(LIST)


def test_the_list_is_paginated(office_client, member, settings):
    settings.SIKO_PAGE_SIZE = 5
    for _ in range(7):
        audit_record(kind="logout", actor=member, subject=member)
    first = office_client.get(LIST, {"kind": "logout"})
    assert len(first.context["page"].object_list) == 5
    second = office_client.get(LIST, {"kind": "logout", "seite": 2})
    assert len(second.context["page"].object_list) == 2


def exported(client, **query) -> list[list[str]]:
    response = client.get(EXPORT, query)
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body), delimiter=";"))


def test_the_export_holds_the_filtered_list_and_is_logged(office_client, office, member, outsider):
    audit_record(kind="login", actor=member, subject=member, ip_address="203.0.113.5")
    audit_record(kind="login", actor=outsider, subject=outsider)
    rows = exported(office_client, person=member.pk)
    assert rows[0][:4] == ["Zeitpunkt", "Ereignis", "ausgeführt von", "betroffenes Konto"]
    assert [row[1] for row in rows[1:]] == ["Anmeldung"]
    assert member.email in rows[1][2] and rows[1][6] == "203.0.113.5"
    export = AuditEvent.objects.get(kind="audit_viewed", detail__export=True)
    assert export.actor == office and export.detail["filters"] == {"person": str(member.pk)}


def test_the_export_cannot_smuggle_a_formula(office_client, make_user):
    evil = make_user("evil@essen.de", first_name='=HYPERLINK("http://x")', last_name="Muster")
    audit_record(kind="login", actor=evil, subject=evil)
    rows = exported(office_client, kind="login")
    assert rows[1][2].startswith("'=HYPERLINK")
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert csv_cell(value) == f"'{value}"
    assert csv_cell("Max Muster") == "Max Muster" and csv_cell(None) == ""


def test_the_account_page_links_to_everything_about_the_person(office_client, member):
    page = main_text(office_client.get(reverse("partner:account_detail", args=[member.pk])))
    assert f"{LIST}?person={member.pk}" in page


def test_a_download_reads_as_file_and_version(office_client, member):
    audit_record(kind="download", actor=member, detail={"file": 3, "name": "Checkliste.pdf", "version": 2})
    assert "Checkliste.pdf (Version 2)" in main_text(office_client.get(LIST))
