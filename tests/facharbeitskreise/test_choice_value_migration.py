"""Migration 0009 stores the areas' choice values in English like the rest of the portal: each
German value becomes its English one and back again; the one-open-request and one-open-review
rules hold on the new values."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from facharbeitskreise.models import AccessReview, MembershipRequest
from tests.helpers import migrate

BEFORE = ("facharbeitskreise", "0009_meeting_calendar_sequence")
AFTER = ("facharbeitskreise", "0010_choice_values_in_english")

pytestmark = pytest.mark.django_db(transaction=True)


def _values(apps) -> dict[str, list[str]]:
    def values(model: str, field: str) -> list[str]:
        return list(apps.get_model("facharbeitskreise", model).objects.order_by("pk").values_list(field, flat=True))

    return {
        "attendance": values("Attendance", "status"),
        "event": values("AreaEvent", "kind"),
        "request": values("MembershipRequest", "status"),
        "review": values("AccessReview", "outcome"),
        "item": values("AccessReviewItem", "decision"),
    }


GERMAN = {
    "attendance": ["anwesend", "entschuldigt", "abwesend"],
    "event": ["dokument", "version", "sitzung", "absage", "diskussion", "beitrag"],
    "request": ["offen", "angenommen", "abgelehnt", "zurueckgezogen"],
    "review": ["abgeschlossen", "abgelaufen", "abgebrochen", "offen"],
    "item": ["offen", "bestaetigt", "entfernt"],
}
ENGLISH = {
    "attendance": ["present", "excused", "absent"],
    "event": ["document", "version", "meeting", "meeting_cancelled", "thread", "post"],
    "request": ["open", "accepted", "declined", "withdrawn"],
    "review": ["completed", "expired", "cancelled", "open"],
    "item": ["pending", "confirmed", "removed"],
}


def test_values_move_to_english_and_back(make_user, arbeitskreis, ak_member, ak_lead):
    people = [make_user(f"person{n}@essen.de") for n in range(4)]
    now = timezone.now()
    try:
        apps = migrate(BEFORE)
        model = lambda name: apps.get_model("facharbeitskreise", name)  # noqa: E731
        meeting = model("Meeting").objects.create(
            area_id=arbeitskreis.pk, title="Sitzung", starts_at=now, ends_at=now + timedelta(hours=1)
        )
        for person, status in zip(people, GERMAN["attendance"], strict=False):
            model("Attendance").objects.create(meeting=meeting, user_id=person.pk, status=status)
        for kind in GERMAN["event"]:
            model("AreaEvent").objects.create(area_id=arbeitskreis.pk, kind=kind, title=kind, path="/")
        for person, status in zip(people, GERMAN["request"], strict=True):
            model("MembershipRequest").objects.create(
                area_id=arbeitskreis.pk, user_id=person.pk, reason="x", status=status
            )
        reviews = [
            model("AccessReview").objects.create(area_id=arbeitskreis.pk, due_at=now, outcome=outcome)
            for outcome in GERMAN["review"]
        ]
        for person, decision in zip(people, GERMAN["item"], strict=False):
            model("AccessReviewItem").objects.create(
                review=reviews[-1], user_id=person.pk, role="mitglied", decision=decision
            )

        assert _values(migrate(AFTER)) == ENGLISH
        assert _values(migrate(BEFORE)) == GERMAN
        assert _values(migrate(AFTER)) == ENGLISH
    finally:
        migrate()

    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipRequest.objects.create(arbeitskreis=arbeitskreis, user=people[0], reason="noch einmal")
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessReview.objects.create(arbeitskreis=arbeitskreis, due_at=now)
