"""The one audience rule (zielgruppen): who an announcement reaches, per scope and per role."""

from __future__ import annotations

import pytest

from facharbeitskreise import services as arbeitskreis_services
from facharbeitskreise.models import Arbeitskreis
from partner.models import PartnerType, User
from tests.helpers import make_audience
from zielgruppen.forms import AudienceForm
from zielgruppen.models import Audience, Scope

pytestmark = pytest.mark.django_db


def reached(user) -> set[int]:
    return set(Audience.objects.reaching(user).values_list("pk", flat=True))


def test_each_scope_reaches_exactly_its_people(
    member, outsider, insider, essen, polizei, secret_arbeitskreis, make_user
):
    everyone = make_audience(Scope.ALLE)
    kommunen = make_audience(Scope.BEHOERDENARTEN, types=[PartnerType.KOMMUNE, PartnerType.ZOLL])
    lka = make_audience(Scope.PARTNER, partners=[polizei])
    closed = make_audience(Scope.ARBEITSKREISE, arbeitskreise=[secret_arbeitskreis])

    assert reached(member) == {everyone.pk, kommunen.pk}
    assert reached(outsider) == {everyone.pk, lka.pk}
    assert reached(insider) == {everyone.pk, lka.pk, closed.pk}
    assert closed.includes(insider) and not closed.includes(outsider)
    assert set(closed.members()) == {insider}
    assert set(kommunen.members()) == {member}
    assert set(lka.members()) == {outsider, insider}


def test_nobody_but_admitted_accounts_is_reached(make_user, client, secret_arbeitskreis):
    make_audience(Scope.ALLE)
    applicant = make_user("anna.antrag@essen.de", status=User.Status.VERIFIED)
    deactivated = make_user("dora.deaktiviert@essen.de", status=User.Status.DEACTIVATED)
    no_partner = make_user("olaf.ohne@example.org", partner=None, other_authority="Stadt Irgendwo")
    from django.contrib.auth.models import AnonymousUser

    assert reached(AnonymousUser()) == set()
    assert reached(applicant) == reached(deactivated) == set()
    assert len(reached(no_partner)) == 1  # "alle" only: no partner, no type


def test_members_follow_changes_until_send_time(insider, secret_arbeitskreis):
    closed = make_audience(Scope.ARBEITSKREISE, arbeitskreise=[secret_arbeitskreis])
    assert insider in closed.members()
    arbeitskreis_services.role_revoke(arbeitskreis=secret_arbeitskreis, user=insider, actor=None)
    assert insider not in closed.members()
    assert not closed.includes(insider)


def test_label_names_a_closed_arbeitskreis_only_to_its_members(insider, outsider, secret_arbeitskreis):
    closed = make_audience(Scope.ARBEITSKREISE, arbeitskreise=[secret_arbeitskreis])
    assert closed.describe(insider) == "Mitglieder von Projekt Verborgen"
    assert "Verborgen" not in closed.describe(outsider)
    assert "Verborgen" in closed.describe()  # the office's view
    assert make_audience(Scope.BEHOERDENARTEN, types=["zoll", "kommune"]).describe() == "Kommune, Zoll"


def test_reaching_is_one_query(django_assert_num_queries, insider):
    for scope in Scope.values:
        make_audience(scope)
    with django_assert_num_queries(1):
        list(Audience.objects.reaching(insider))


def test_form_requires_the_selection_its_scope_needs_and_keeps_input(essen, secret_arbeitskreis):
    form = AudienceForm(data={"scope": Scope.PARTNER})
    assert not form.is_valid()
    assert form.errors["partners"] == ["Bitte wählen Sie mindestens eine Behörde oder Institution."]
    assert form["scope"].value() == Scope.PARTNER

    form = AudienceForm(data={"scope": Scope.BEHOERDENARTEN, "types": ["zoll"], "partners": [essen.pk]})
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.type_values() == ["zoll"] and not saved.partners.exists()  # only its scope's selection

    edit = AudienceForm(instance=saved, data={"scope": Scope.ALLE})
    assert edit.is_valid()
    edit.save()
    assert not saved.types.exists()


def test_form_for_an_arbeitskreis_lead_offers_only_her_arbeitskreise(secret_arbeitskreis):
    other = Arbeitskreis.objects.create(name="AK Shisha", slug="shisha")
    form = AudienceForm(
        scopes=[Scope.ARBEITSKREISE], arbeitskreise=Arbeitskreis.objects.filter(pk=secret_arbeitskreis.pk)
    )
    assert [value for value, _ in form.fields["scope"].choices] == [Scope.ARBEITSKREISE]
    assert "partners" not in form.fields and "types" not in form.fields
    assert list(form.fields["arbeitskreise"].queryset) == [secret_arbeitskreis]
    form = AudienceForm(
        data={"scope": Scope.ARBEITSKREISE, "arbeitskreise": [other.pk]},
        scopes=[Scope.ARBEITSKREISE],
        arbeitskreise=Arbeitskreis.objects.filter(pk=secret_arbeitskreis.pk),
    )
    assert not form.is_valid() and "arbeitskreise" in form.errors


def test_a_number_past_the_integer_range_is_an_invalid_choice_not_an_error(polizei):
    form = AudienceForm({"scope": Scope.PARTNER, "partners": [str(2**64)]})
    assert not form.is_valid()
    assert "partners" in form.errors
