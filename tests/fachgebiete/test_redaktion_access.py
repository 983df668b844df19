"""Redaktion membership is asked only through `fachgebiete.access`; "may change this contribution"
is one function for the edit view and the detail page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from guardian.shortcuts import assign_perm

from fachgebiete import access
from fachgebiete.models import Status
from partner.models import User

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_editors_are_admitted_people_granted_directly_or_through_a_group(make_user, editor, shisha, gluecksspiel):
    group = Group.objects.create(name="Redaktion Shisha (Zoll)")
    via_group = make_user("zoll.redaktion@zoll.de")
    via_group.groups.add(group)
    assign_perm("fachgebiete.edit_fachgebiet", group, shisha)
    paused = make_user("ruhend@hagen.de", User.Status.SUSPENDED)
    assign_perm("fachgebiete.edit_fachgebiet", paused, shisha)
    assert set(access.editors_of(shisha)) == {editor, via_group}
    assert not access.editors_of(gluecksspiel).exists()
    # The office's pages show the grants as they stand, whatever the account's state.
    redaktion = access.redaktionen()[shisha.pk]
    assert set(redaktion.people) == {editor, paused} and redaktion.groups == [group]
    assert set(access.direct_editors(shisha)) == {editor, paused}


def test_who_may_change_a_contribution(make_article, member, editor, make_user, shisha, gluecksspiel):
    returned = make_article(shisha, Status.RETURNED)
    submitted = make_article(shisha, Status.SUBMITTED)
    elsewhere = make_article(gluecksspiel, Status.RETURNED)
    assert access.may_change_contribution(_request(member), returned)  # the author revises a returned item
    assert not access.may_change_contribution(_request(member), submitted)
    assert access.may_change_contribution(_request(editor), submitted)  # the Redaktion changes any
    assert access.may_change_contribution(_request(member), elsewhere)  # her own, wherever it is
    assert not access.may_change_contribution(_request(editor), make_article(gluecksspiel, Status.SUBMITTED))
    assert not access.may_change_contribution(_request(make_user("andere@essen.de")), returned)
