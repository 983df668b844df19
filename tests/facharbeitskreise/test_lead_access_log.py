"""The lead sees the access history of their own area (grants, role changes, revocations, downloads)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partner.audit import audit_record
from partner.models import AuditEvent

from ..helpers import main_text

pytestmark = pytest.mark.django_db


def _url(arbeitskreis) -> str:
    return reverse("facharbeitskreise:lead_access_log", kwargs={"slug": arbeitskreis.slug})


def test_the_lead_sees_grants_and_downloads_of_the_arbeitskreis_only(
    login, ak_lead, ak_member, arbeitskreis, other_arbeitskreis
):
    audit_record(
        kind="download",
        actor=ak_member,
        bereich=f"facharbeitskreise:{arbeitskreis.slug}",
        detail={"name": "Lagebild.pdf", "version": 1},
    )
    audit_record(
        kind="download",
        actor=ak_member,
        bereich=f"facharbeitskreise:{other_arbeitskreis.slug}",
        detail={"name": "Geheim.pdf"},
    )
    audit_record(kind="login", actor=ak_member, subject=ak_member)
    page = main_text(login(ak_lead).get(_url(arbeitskreis)))
    assert "Lagebild.pdf (Version 1)" in page and "Zugang zum Arbeitskreis erteilt" in page
    assert "Geheim.pdf" not in page and "Anmeldung" not in page
    viewed = AuditEvent.objects.get(kind="audit_viewed")
    assert (viewed.actor, viewed.bereich) == (ak_lead, f"facharbeitskreise:{arbeitskreis.slug}")


def test_a_member_gets_403_and_the_lead_of_another_arbeitskreis_404(
    login, ak_member, ak_lead, arbeitskreis, other_arbeitskreis
):
    # The area's convention: its members know it exists (403), everyone else gets 404.
    assert login(ak_member).get(_url(arbeitskreis)).status_code == 403
    assert login(ak_lead).get(_url(other_arbeitskreis)).status_code == 404
    assert not AuditEvent.objects.filter(kind="audit_viewed").exists()
