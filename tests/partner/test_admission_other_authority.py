"""Admitting an "Andere Behörde" applicant: the Geschäftsstelle assigns an authority of the list
(preselected: the owner of the e-mail domain) or creates it right there, in the admission's
transaction; the domain badge names the authority that owns the domain.

- kai has no partner and a domain nobody owns ("Stadt Musterhausen");
- lena has no partner, but her domain belongs to the LKA (polizei fixture);
- member belongs to Stadt Essen; office is the Geschäftsstelle.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from partner.models import AuditEvent, Partner, PartnerDomain, PartnerKind, PartnerType, User

from ..helpers import main_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def kai(make_user) -> User:
    return make_user(
        "kai.kern@stadt-musterhausen.de", User.Status.VERIFIED, partner=None, other_authority="Stadt Musterhausen"
    )


@pytest.fixture
def lena(make_user, polizei) -> User:
    return make_user("lena.lehmann@polizei.nrw.de", User.Status.VERIFIED, partner=None, other_authority="KK 32")


def detail(client, user) -> str:
    return main_text(client.get(reverse("partner:account_detail", args=[user.pk])))


def admit(client, user, **data):
    return client.post(
        reverse("partner:account_admit", args=[user.pk]), {f"admit-{key}": value for key, value in data.items()}
    )


NEW = {"new_name": "Stadt Musterhausen", "new_type": PartnerType.KOMMUNE, "new_kind": PartnerKind.NETZWERKPARTNER}


def test_the_badge_names_the_authority_that_owns_the_domain(client, office, lena, kai):
    client.force_login(office)
    assert "gehört zu Landeskriminalamt NRW" in detail(client, lena)
    assert "keiner Partnerbehörde zugeordnet" in detail(client, kai)
    queue = main_text(client.get(reverse("partner:admission_list")))
    assert "gehört zu Landeskriminalamt NRW" in queue and "keiner Partnerbehörde zugeordnet" in queue


def test_the_owner_of_the_domain_is_preselected(client, office, lena, polizei):
    client.force_login(office)
    text = detail(client, lena)
    assert f'<option value="{polizei.pk}" selected>Landeskriminalamt NRW</option>' in text
    assert "Angegeben hat die Person: „KK 32“." in text


def test_applicants_of_a_listed_authority_get_the_plain_admission(client, office, applicant):
    client.force_login(office)
    assert 'name="admit-partner"' not in detail(client, applicant)


def test_admission_assigns_the_chosen_authority(client, office, lena, polizei):
    client.force_login(office)
    response = admit(client, lena, partner=polizei.pk)
    assert response.status_code == 302
    lena.refresh_from_db()
    assert lena.status == User.Status.ADMITTED and lena.partner == polizei
    assert lena.domain_check() == "match"
    event = AuditEvent.objects.get(kind="admitted", subject_id=lena.pk)
    assert event.detail["partner"] == "Landeskriminalamt NRW" and event.detail["partner_created"] is False
    messages = main_text(client.get(response["Location"]))
    assert "wurde zugelassen und der Behörde „Landeskriminalamt NRW“ zugeordnet." in messages


def test_admission_creates_the_new_authority_with_its_domain(client, office, kai):
    client.force_login(office)
    text = detail(client, kai)
    assert 'value="Stadt Musterhausen"' in text
    assert "Die E-Mail-Domain „stadt-musterhausen.de“ der neuen Behörde zuordnen" in text
    response = admit(client, kai, city="", new_city="Musterhausen", add_domain="on", **NEW)
    assert response.status_code == 302
    kai.refresh_from_db()
    created = Partner.objects.get(name="Stadt Musterhausen")
    assert kai.partner == created and kai.status == User.Status.ADMITTED
    assert (created.type, created.kind, created.city, created.slug) == (
        "kommune",
        "netzwerk",
        "Musterhausen",
        "stadt-musterhausen",
    )
    assert list(created.domains.values_list("domain", flat=True)) == ["stadt-musterhausen.de"]
    assert AuditEvent.objects.get(kind="admitted", subject_id=kai.pk).detail["partner_created"] is True


def test_without_the_box_the_domain_stays_unassigned(client, office, kai):
    client.force_login(office)
    admit(client, kai, new_city="Musterhausen", **NEW)
    assert Partner.objects.get(name="Stadt Musterhausen").domains.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"new_type": "kommune", "new_city": "Musterhausen"}, "Bitte geben Sie den Namen der neuen Behörde an"),
        ({"new_name": "Stadt Musterhausen", "new_city": "Musterhausen"}, "Bitte wählen Sie den Behördentyp"),
        ({"new_name": "Stadt Musterhausen", "new_type": "kommune"}, "Bitte geben Sie den Ort der neuen Behörde an."),
        (
            {"new_name": "landeskriminalamt nrw", "new_type": "kommune", "new_city": "X"},
            "Diese Behörde gibt es bereits. Bitte wählen Sie sie aus der Liste.",
        ),
        ({"partner": "999999"}, "Diese Behörde gibt es nicht (mehr). Bitte wählen Sie aus der Liste."),
    ],
)
def test_bad_input_keeps_the_application_and_creates_nothing(client, office, kai, polizei, data, message):
    client.force_login(office)
    partners = Partner.objects.count()
    response = admit(client, kai, reason="Vermerk bleibt stehen", **data)
    assert response.status_code == 200
    text = main_text(response)
    assert message in text
    assert "Vermerk bleibt stehen" in text
    kai.refresh_from_db()
    assert kai.status == User.Status.VERIFIED and kai.partner is None
    assert Partner.objects.count() == partners


def test_a_refused_admission_leaves_no_new_authority_behind(client, office, kai):
    """Someone else decided meanwhile: the decision is refused and the authority is not created."""
    User.objects.filter(pk=kai.pk).update(status=User.Status.REJECTED)
    client.force_login(office)
    admit(client, kai, new_city="Musterhausen", add_domain="on", **NEW)
    assert not Partner.objects.filter(name="Stadt Musterhausen").exists()
    assert not PartnerDomain.objects.filter(domain="stadt-musterhausen.de").exists()


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_only_the_office_admits(client, request, role, kai):
    client.force_login(request.getfixturevalue(role))
    assert admit(client, kai, new_city="Musterhausen", **NEW).status_code == 403
    assert not Partner.objects.filter(name="Stadt Musterhausen").exists()


def test_anonymous_is_sent_to_the_login(client, kai):
    response = admit(client, kai, new_city="Musterhausen", **NEW)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
