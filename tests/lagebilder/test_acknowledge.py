"""A recipient confirms "zur Kenntnis genommen": one POST, a timestamp, one audit record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lagebilder.models import Acknowledgement
from partner.models import AuditEvent
from tests.helpers import main_text

pytestmark = pytest.mark.django_db


def _url(item) -> str:
    return reverse("lagebilder:acknowledge", kwargs={"pk": item.pk})


def test_member_acknowledges_once_with_timestamp_and_audit(for_kommunen, member, login):
    client = login(member)
    response = client.post(_url(for_kommunen), follow=True)
    row = Acknowledgement.objects.get(lagebild=for_kommunen, user=member)
    assert "Ihre Kenntnisnahme ist am" in main_text(response)
    assert "Sie haben diesen Eintrag am" in main_text(response)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACKNOWLEDGED, actor=member).count() == 1

    again = client.post(_url(for_kommunen), follow=True)
    assert "bereits am" in main_text(again)
    assert Acknowledgement.objects.get(lagebild=for_kommunen, user=member).at == row.at
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACKNOWLEDGED).count() == 1


def test_acknowledging_needs_a_post(for_kommunen, login):
    assert login("member").get(_url(for_kommunen)).status_code == 405


def test_outside_the_audience_it_is_404(for_kommunen, outsider, login):
    assert login(outsider).post(_url(for_kommunen)).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_office_outside_the_audience_cannot_acknowledge(for_lka, office, login):
    response = login(office).post(_url(for_lka), follow=True)
    assert "nicht an Sie gerichtet" in main_text(response)
    assert not Acknowledgement.objects.exists()


def test_anonymous_is_sent_to_login(for_kommunen, client):
    response = client.post(_url(for_kommunen))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not Acknowledgement.objects.exists()


def test_my_data_export_lists_my_acknowledgements_and_erasure_deletes_them(for_kommunen, member, office):
    from lagebilder import personal_data
    from lagebilder.services import acknowledge

    acknowledge(lagebild=for_kommunen, user=member)
    [section] = personal_data.export(member)
    assert [row["titel"] for row in section.rows] == [for_kommunen.title]
    personal_data.erase(member, by=office)
    assert not Acknowledgement.objects.exists()
