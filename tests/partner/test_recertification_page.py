""" "Konten bestätigen" for every role, and an authority that leaves the cooperation.

- member is the contact person of the Stadt Essen: she sees and confirms due Essen accounts;
- erika (Essen) is due, olga (outsider, LKA) is due too but not member's business;
- emil (Essen) is an ordinary member without the contact-person role: 403;
- office (Geschäftsstelle) sees and confirms every due account but its own;
- anonymous visitors are sent to the login.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partner import recertification
from partner.models import AuditEvent, Partner, User
from tests.helpers import count_queries, main_text

from .test_admin_rights import form_data

pytestmark = pytest.mark.django_db

URL = reverse("partner:recertification")


def make_due(*users: User) -> None:
    due = timezone.now() + timezone.timedelta(days=5)
    User.objects.filter(pk__in=[user.pk for user in users]).update(certified_at=recertification.add_months(due, -12))


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_a_member_without_the_contact_role_gets_403(client, emil):
    client.force_login(emil)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"accounts": [emil.pk]}).status_code == 403


def test_the_contact_person_sees_only_her_authoritys_due_accounts(client, member, erika, emil, outsider):
    make_due(member, erika, outsider)
    client.force_login(member)
    page = main_text(client.get(URL))
    assert "Konten meiner Behörde bestätigen" in page
    assert erika.email in page
    assert outsider.email not in page  # another authority
    assert member.email not in page  # nobody confirms herself
    assert emil.email not in page  # not due


def test_the_office_sees_every_due_account(client, office, erika, outsider):
    make_due(office, erika, outsider)
    client.force_login(office)
    page = main_text(client.get(URL))
    assert erika.email in page and outsider.email in page and office.email not in page
    assert "Landeskriminalamt NRW" in page


def test_empty_state(client, member):
    client.force_login(member)
    assert "Zurzeit ist kein Konto zur Bestätigung fällig in Ihrer Behörde." in main_text(client.get(URL))


def test_confirming_several_records_each_and_ends_the_due(client, member, make_user):
    colleagues = [make_user(f"kollege{i}.essen@essen.de") for i in range(3)]
    make_due(*colleagues)
    client.force_login(member)
    response = client.post(URL, {"accounts": [user.pk for user in colleagues[:2]]}, follow=True)
    assert "2 Konto/Konten bestätigt" in response.content.decode()
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.RECERTIFIED)
    assert {event.subject_id for event in events} == {colleagues[0].pk, colleagues[1].pk}
    assert {event.actor_id for event in events} == {member.pk}
    due = set(recertification.due_for_recertification().values_list("pk", flat=True))
    assert colleagues[2].pk in due and not due & {colleagues[0].pk, colleagues[1].pk}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Bitte wählen Sie mindestens ein Konto aus."),
        ({"accounts": ["abc"]}, "„abc“ ist keine gültige Kontonummer."),
    ],
)
def test_bad_input_is_refused_with_a_message(client, member, erika, data, message):
    make_due(erika)
    client.force_login(member)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert message in main_text(response)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.RECERTIFIED).exists()


def test_another_authoritys_account_cannot_be_confirmed_and_nothing_is_half_done(client, member, erika, outsider):
    make_due(erika, outsider)
    client.force_login(member)
    response = client.post(URL, {"accounts": [erika.pk, outsider.pk]})
    assert response.status_code == 200
    assert "nicht mehr zur Bestätigung fällig" in main_text(response)
    assert f'value="{erika.pk}" id="konto-{erika.pk}" checked' in response.content.decode()  # kept
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.RECERTIFIED).exists()


def test_the_list_costs_a_fixed_number_of_queries(client, office, make_user, polizei):
    make_due(*[make_user(f"p{i}.essen@essen.de") for i in range(2)])
    client.force_login(office)
    few = count_queries(client, URL)
    make_due(*[make_user(f"q{i}@polizei.nrw.de", partner=polizei) for i in range(15)])
    assert count_queries(client, URL) == few


def test_the_menus_show_the_page_to_confirmers_only(client, member, emil, office):
    client.force_login(member)
    assert URL in client.get(reverse("partner:profile")).content.decode()
    client.force_login(emil)
    assert URL not in client.get(reverse("partner:profile")).content.decode()
    assert URL not in client.get(reverse("home")).content.decode()
    client.force_login(office)
    assert URL in client.get(reverse("home")).content.decode()


# --- an authority leaves the cooperation ----------------------------------------------------


def partner_change(client, capture, partner: Partner, *, active: bool):
    url = reverse("admin:partner_partner_change", args=[partner.pk])
    data = form_data(client.get(url))
    data.pop("is_active", None)
    if active:
        data["is_active"] = "on"
    with capture(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return client.get(response.url)


def test_leaving_suspends_its_staff_with_a_mail_and_a_record_each(
    client, django_capture_on_commit_callbacks, office_staff, outsider, make_user, polizei
):
    colleague = make_user("paul.polizei@polizei.nrw.de", partner=polizei)
    client.force_login(office_staff)
    response = partner_change(client, django_capture_on_commit_callbacks, polizei, active=False)
    assert "2 Konto/Konten der Behörde werden ruhend gestellt" in response.content.decode()
    for person in (outsider, colleague):
        person.refresh_from_db()
        assert person.status == User.Status.SUSPENDED
        event = AuditEvent.objects.get(kind=AuditEvent.Kind.SUSPENDED, subject=person)
        assert event.actor == office_staff and event.detail["cause"] == recertification.PARTNER_LEFT
        (notice,) = [message for message in mail.outbox if message.to == [person.email]]
        assert "Landeskriminalamt NRW" in notice.body
    assert User.objects.get(pk=office_staff.pk).status == User.Status.ADMITTED  # Essen stays

    mail.outbox.clear()
    response = partner_change(client, django_capture_on_commit_callbacks, polizei, active=True)
    assert "bleiben ruhend" in response.content.decode()
    assert User.objects.get(pk=outsider.pk).status == User.Status.SUSPENDED  # not silently back
    assert mail.outbox == []


def test_reactivation_is_refused_while_the_authority_is_out(client, office, outsider, polizei):
    Partner.objects.filter(pk=polizei.pk).update(is_active=False)
    recertification.run_daily()  # the daily run catches a change made outside the admin
    assert User.objects.get(pk=outsider.pk).status == User.Status.SUSPENDED
    client.force_login(office)
    response = client.post(reverse("partner:account_reactivate", args=[outsider.pk]), follow=True)
    assert "gehört nicht mehr zur Kooperation" in response.content.decode()
    assert User.objects.get(pk=outsider.pk).status == User.Status.SUSPENDED
