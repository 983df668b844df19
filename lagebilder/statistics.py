"""Who of a Lagebild's audience has taken note: figures per authority and the people, for the office."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone

from .models import Acknowledgement, Lagebild

NO_PARTNER = "Ohne Partnerbehörde"


@dataclass
class AuthorityRow:
    name: str
    addressed: int
    acknowledged: int

    @property
    def missing(self) -> int:
        return self.addressed - self.acknowledged

    @property
    def percent(self) -> int:
        return round(100 * self.acknowledged / self.addressed) if self.addressed else 0


def by_authority(lagebild: Lagebild) -> tuple[list[AuthorityRow], AuthorityRow]:
    """One row per authority of the audience as it is now (one query), and the total."""
    acknowledged = Q(pk__in=lagebild.acknowledgements.values("user_id"))
    rows = (
        lagebild.audience.members()
        .values("partner__name", "partner__short_name")
        .annotate(addressed=Count("pk"), acknowledged=Count("pk", filter=acknowledged))
        .order_by("partner__name")
    )
    result = [
        AuthorityRow(
            name=row["partner__name"] or NO_PARTNER,
            addressed=row["addressed"],
            acknowledged=row["acknowledged"],
        )
        for row in rows
    ]
    result.sort(key=lambda row: (row.name == NO_PARTNER, row.name))
    total = AuthorityRow("Insgesamt", sum(row.addressed for row in result), sum(row.acknowledged for row in result))
    return result, total


def people(lagebild: Lagebild):
    """The audience's people with `acknowledged_at` (None: not yet), missing ones first."""
    at = Acknowledgement.objects.filter(lagebild=lagebild, user=OuterRef("pk")).values("at")[:1]
    return (
        lagebild.audience.members()
        .select_related("partner")
        .annotate(acknowledged_at=Subquery(at))
        .order_by(F("acknowledged_at").asc(nulls_first=True), "partner__name", "last_name", "first_name", "pk")
    )


def csv_rows(lagebild: Lagebild):
    yield ["Behörde", "Name", "E-Mail", "Organisationseinheit", "zur Kenntnis genommen am"]
    for person in people(lagebild).iterator():
        yield [
            person.partner.name if person.partner_id else (person.other_authority or NO_PARTNER),
            person.get_full_name(),
            person.email,
            person.unit,
            timezone.localtime(person.acknowledged_at).strftime("%d.%m.%Y %H:%M") if person.acknowledged_at else "",
        ]
