"""Hostile path parameters in closed areas answer 404, never a 500 (findings of tests/sikoportal/test_fuzz.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partner.models import AuditEvent

PAST_SQLITE_INTEGER = [2**63, 10**40]


@pytest.mark.parametrize("pk", PAST_SQLITE_INTEGER)
def test_a_document_number_past_2_63_is_404(login, ak_member, arbeitskreis, pk):
    """document_id=… went to SQLite unbounded: OverflowError."""
    url = reverse("facharbeitskreise:document_download", kwargs={"slug": arbeitskreis.slug, "pk": pk, "number": 1})
    assert login(ak_member).get(url).status_code == 404
    assert not AuditEvent.objects.filter(kind="download").exists()
