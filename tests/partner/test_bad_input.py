"""Hostile path parameters in the office's account pages answer 404, never a 500
(findings of tests/sikoportal/test_fuzz.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partner.models import Decision

PAST_SQLITE_INTEGER = [2**63, 10**40]


@pytest.mark.parametrize("pk", PAST_SQLITE_INTEGER)
def test_a_person_number_past_2_63_in_the_resend_link_is_404(client, office, deactivated, pk):
    """user_id=… went to SQLite unbounded: OverflowError."""
    decision = Decision.objects.create(
        user=deactivated, action=Decision.Action.DEACTIVATED, reason="Versetzt", decided_by=office
    )
    client.force_login(office)
    url = reverse("partner:decision_notify", kwargs={"pk": pk, "decision_pk": decision.pk})
    assert client.post(url).status_code == 404
    decision.refresh_from_db()
    assert decision.notified_at is None
