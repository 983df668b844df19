"""The lead sees the access history of their own area (grants, role changes, revocations, downloads)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partner.audit import audit_record
from partner.models import AuditEvent

from ..helpers import main_text

pytestmark = pytest.mark.django_db


def _url(area) -> str:
    return reverse("facharbeitskreise:lead_access_log", kwargs={"slug": area.slug})


def test_the_lead_sees_grants_and_downloads_of_the_area_only(login, ak_lead, ak_member, area, other_area):
    audit_record(
        kind="download",
        actor=ak_member,
        area=f"facharbeitskreise:{area.slug}",
        detail={"name": "Lagebild.pdf", "version": 1},
    )
    audit_record(
        kind="download", actor=ak_member, area=f"facharbeitskreise:{other_area.slug}", detail={"name": "Geheim.pdf"}
    )
    audit_record(kind="login", actor=ak_member, subject=ak_member)
    page = main_text(login(ak_lead).get(_url(area)))
    assert "Lagebild.pdf (Version 1)" in page and "Zugang zum Arbeitsbereich erteilt" in page
    assert "Geheim.pdf" not in page and "Anmeldung" not in page
    viewed = AuditEvent.objects.get(kind="audit_viewed")
    assert (viewed.actor, viewed.area) == (ak_lead, f"facharbeitskreise:{area.slug}")


def test_a_member_gets_403_and_the_lead_of_another_area_404(login, ak_member, ak_lead, area, other_area):
    # The area's convention: its members know it exists (403), everyone else gets 404.
    assert login(ak_member).get(_url(area)).status_code == 403
    assert login(ak_lead).get(_url(other_area)).status_code == 404
    assert not AuditEvent.objects.filter(kind="audit_viewed").exists()
