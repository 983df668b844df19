"""One rule for "admitted": `User.is_admitted` on a row, `User.objects.admitted()` / `admitted_q` in queries."""

from __future__ import annotations

import pytest

from partner.models import User, admitted_q

pytestmark = pytest.mark.django_db


def test_the_property_and_the_queryset_agree_for_every_status(make_user):
    people = {status: make_user(f"{status}@essen.de", status) for status in User.Status.values}
    admitted = set(User.objects.admitted().filter(pk__in=[p.pk for p in people.values()]))
    assert admitted == {person for person in people.values() if person.is_admitted}
    assert admitted == {people[User.Status.ADMITTED]}


def test_the_rule_reaches_users_through_a_relation(make_user, essen):
    make_user("zugelassen@essen.de")
    make_user("ruhend@essen.de", User.Status.SUSPENDED)
    assert list(type(essen).objects.filter(admitted_q("staff")).distinct()) == [essen]
    assert type(essen).objects.filter(admitted_q("staff")).count() == 1
