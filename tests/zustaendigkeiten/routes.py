"""Routes of "Wer ist zuständig?" for the route-access test. The world's entry belongs to a person
of the Stadt Essen, whose contact person the world's member is: member and office may change it,
the outsider (another authority) gets 403 (the full matrix: test_access.py)."""

from __future__ import annotations

from partner.models import User
from tests.sikoportal.route_types import Access, Route, kw
from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.regions import Region

ROUTES: dict[str, Route] = {
    "zustaendigkeiten:list": Route(Access.MEMBER),
    "zustaendigkeiten:create": Route(Access.MEMBER),
    "zustaendigkeiten:edit": Route(Access.CONTACT, kw(pk="{zustaendigkeit_pk}")),
    "zustaendigkeiten:confirm": Route(Access.CONTACT, kw(pk="{zustaendigkeit_pk}"), answers=(405, 302)),
    "zustaendigkeiten:delete": Route(Access.CONTACT, kw(pk="{zustaendigkeit_pk}"), answers=(200, 302)),
}


def build_world(request) -> dict:
    essen = request.getfixturevalue("essen")
    shisha = request.getfixturevalue("shisha")
    person = User.objects.create_user(
        email="rita.routen@essen.de", partner=essen, status=User.Status.ADMITTED, unit="Ordnungsamt", function="SB"
    )
    entry = Zustaendigkeit.objects.create(fachgebiet=shisha, region=Region.ESSEN, partner=essen, person=person)
    return {"zustaendigkeit_pk": str(entry.pk)}
