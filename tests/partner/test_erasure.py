"""„Konto löschen lassen“ (Art. 17 DSGVO): the person asks, the Geschäftsstelle confirms or declines.

Confirming anonymises the account in one transaction; contributions stay as „ehemaliges Mitglied“,
the audit log keeps its entries until their retention period ends.
"""

from __future__ import annotations

import email
from email import policy

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from benachrichtigungen.models import Subscription
from common.actors import name_snapshot
from facharbeitskreise.access import roles_for
from facharbeitskreise.models import ArbeitskreisUserObjectPermission, CalendarToken, Post
from fachgebiete.models import Article
from newsletter.models import Issue, Subscriber
from partner.erasure import ErasureError, deletion_request_create
from partner.models import AuditEvent, DeletionRequest, User

from ..conftest import PASSWORD, enrol_second_factor
from ..helpers import count_queries, main_text
from .privacy_world import build

pytestmark = pytest.mark.django_db

CONFIRM = {"confirm-confirm": "on"}


def reauthenticated(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302
    return client


def office_client(office) -> Client:
    client = Client()
    client.force_login(office)
    return client


@pytest.fixture
def open_request(member) -> DeletionRequest:
    return deletion_request_create(user=member, reason="Ich wechsle zum Land.")


# --- the person's request -------------------------------------------------------------------


def test_the_page_explains_what_happens(member):
    response = reauthenticated(member).get(reverse("partner:deletion_request"))
    text = main_text(response)
    assert "ehemaliges Mitglied" in text and "Aufbewahrungsfrist" in text
    assert "Löschung beantragen" in text and "no-store" in response["Cache-Control"]


def test_it_asks_for_the_password_first(client, member):
    client.force_login(member)
    response = client.post(reverse("partner:deletion_request"), {"confirm": "on"})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not DeletionRequest.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("partner:deletion_request"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_without_the_confirmation_nothing_is_filed(member):
    response = reauthenticated(member).post(reverse("partner:deletion_request"), {"reason": "Wechsel"})
    assert response.status_code == 200
    assert "Bitte bestätigen Sie, dass Sie die Folgen der Löschung verstanden haben." in main_text(response)
    assert 'value="Wechsel"' in response.content.decode() or "Wechsel</textarea>" in response.content.decode()
    assert not DeletionRequest.objects.exists()


def test_the_request_is_filed_recorded_and_the_office_told(member, django_capture_on_commit_callbacks):
    client = reauthenticated(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partner:deletion_request"), {"reason": "Wechsel", "confirm": "on"})
    assert response.status_code == 302
    request = DeletionRequest.objects.get()
    assert request.user == member and request.is_open and request.reason == "Wechsel"
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DELETION_REQUESTED, subject=member, actor=member).exists()
    (message,) = mail.outbox
    assert message.to == ["poststelle@sikoruhr.nrw.de"]
    assert "Max Muster (Stadt Essen) hat die Löschung" in message.body
    assert reverse("partner:deletion_request_detail", args=[request.pk]) in message.body


def test_a_second_request_is_refused(member, open_request):
    client = reauthenticated(member)
    response = client.post(reverse("partner:deletion_request"), {"confirm": "on"}, follow=True)
    assert "bereits beantragt" in main_text(response)
    assert DeletionRequest.objects.count() == 1
    with pytest.raises(ErasureError, match="bereits am"):
        deletion_request_create(user=member)


def test_the_person_may_withdraw(member, open_request):
    client = reauthenticated(member)
    assert "Antrag zurückziehen" in main_text(client.get(reverse("partner:deletion_request")))
    client.post(reverse("partner:deletion_request_withdraw"))
    open_request.refresh_from_db()
    assert open_request.status == DeletionRequest.Status.WITHDRAWN
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.DELETION_WITHDRAWN, subject=member).exists()


# --- the office's pages ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["partner:deletion_request_list", "partner:processing_register"])
def test_office_pages_refuse_member_and_lead(client, member, outsider, name):
    enrol_second_factor(outsider)
    for user in (member, outsider):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 403


def test_a_member_cannot_confirm(client, outsider, open_request, member):
    client.force_login(outsider)
    response = client.post(reverse("partner:deletion_request_confirm", args=[open_request.pk]), CONFIRM)
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.status == User.Status.ADMITTED


def test_the_list_shows_open_requests_first_with_a_fixed_number_of_queries(office, make_user):
    client = office_client(office)
    url = reverse("partner:deletion_request_list")
    assert "Bisher hat niemand" in main_text(client.get(url))

    for number in range(2):
        deletion_request_create(user=make_user(f"person{number}@essen.de"))
    few = count_queries(client, url)
    for number in range(2, 12):
        deletion_request_create(user=make_user(f"person{number}@essen.de"))
    DeletionRequest.objects.filter(user__email="person0@essen.de").update(status=DeletionRequest.Status.WITHDRAWN)
    assert count_queries(client, url) == few
    text = main_text(client.get(url))
    assert "11 Anträge warten" in text
    assert text.index("Person11") < text.index("Person0")  # the withdrawn one comes last


def test_the_account_page_and_the_start_page_point_to_an_open_request(office, member, open_request):
    client = office_client(office)
    detail = reverse("partner:deletion_request_detail", args=[open_request.pk])
    assert detail in main_text(client.get(reverse("partner:account_detail", args=[member.pk])))
    assert "1 Löschantrag wartet" in main_text(client.get(reverse("home")))


# --- confirmation -----------------------------------------------------------------------------


def test_confirming_anonymises_the_account_and_keeps_its_contributions(
    office, member, outsider, smtp, django_capture_on_commit_callbacks
):
    world = build(member, outsider, office)
    enrol_second_factor(member)
    CalendarToken.objects.create(user=member, token_hash=CalendarToken.hash("geheim"))
    person = reauthenticated(member)
    deletion_request = deletion_request_create(user=member, reason="Wechsel zum Land, Durchwahl 12345")
    old_email = member.email

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client(office).post(
            reverse("partner:deletion_request_confirm", args=[deletion_request.pk]), CONFIRM, follow=True
        )
    assert "Das Konto wurde gelöscht" in main_text(response)

    member.refresh_from_db()
    assert member.get_full_name() == "ehemaliges Mitglied" and str(member) == "ehemaliges Mitglied"
    assert member.email.endswith("@geloescht.invalid") and old_email not in member.email
    assert (member.unit, member.function, member.phone, member.access_reason, member.partner) == ("", "", "", "", None)
    assert member.status == User.Status.ERASED and not member.is_active and not member.has_usable_password()
    assert not member.is_contact_person
    assert not EmailAddress.objects.filter(user=member).exists()
    assert not Authenticator.objects.filter(user=member).exists()
    assert not Subscriber.objects.filter(user=member).exists() and not Subscriber.objects.filter(email=old_email)
    assert not Subscription.objects.filter(user=member).exists()
    assert not ArbeitskreisUserObjectPermission.objects.filter(user=member).exists()
    assert roles_for(outsider).keys() == {world.arbeitskreis.pk}
    assert not CalendarToken.objects.filter(user=member).exists()
    assert AuditEvent.objects.filter(
        subject=member, kind=AuditEvent.Kind.ARBEITSKREIS_REVOKED, detail__reason="Konto gelöscht"
    ).exists()
    # The contributions stay, their author is the anonymised account.
    assert Article.objects.get(pk=world.member_article.pk).author == member
    assert Post.objects.filter(author=member).count() == 1
    # Signed out everywhere, and the old credentials open nothing.
    assert person.get(reverse("home"))["Location"].startswith(reverse("account_login"))
    assert not Client().login(email=old_email, password=PASSWORD)

    deletion_request.refresh_from_db()
    assert deletion_request.status == DeletionRequest.Status.CONFIRMED and deletion_request.reason == ""
    erased = AuditEvent.objects.get(kind=AuditEvent.Kind.ACCOUNT_ERASED)
    assert erased.actor == office and erased.subject == member and "Max Muster" in erased.subject_name
    # Earlier entries keep their name snapshot until their retention ends (append-only log).
    assert AuditEvent.objects.filter(subject=member, subject_name__contains=old_email).exists()

    assert smtp.recipients == {old_email: 1}
    ((_, raw),) = smtp.messages
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"].strip() == "[SiKo Ruhr Portal] Ihr Konto im Portal wurde gelöscht"
    assert "Guten Tag Max Muster," in message.get_body(("plain",)).get_content()


def test_the_arbeitskreis_shows_the_author_as_former_member(
    office, member, outsider, django_capture_on_commit_callbacks
):
    world = build(member, outsider, office)
    enrol_second_factor(outsider)
    deletion_request = deletion_request_create(user=member)
    office_client(office).post(reverse("partner:deletion_request_confirm", args=[deletion_request.pk]), CONFIRM)
    lead = Client()
    lead.force_login(outsider)
    page = lead.get(world.thread.get_absolute_url())
    text = main_text(page)
    assert "Max antwortet: Termin passt" in text and "ehemaliges Mitglied" in text and "Max Muster" not in text


def test_confirming_twice_erases_once(office, member, open_request, django_capture_on_commit_callbacks):
    client = office_client(office)
    url = reverse("partner:deletion_request_confirm", args=[open_request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, CONFIRM)
        response = client.post(url, CONFIRM, follow=True)
    assert "war bereits bestätigt" in main_text(response)
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCOUNT_ERASED).count() == 1
    assert len(mail.outbox) == 1


def test_without_the_tick_nothing_is_erased(office, member, open_request):
    response = office_client(office).post(reverse("partner:deletion_request_confirm", args=[open_request.pk]), {})
    assert "Bitte bestätigen Sie, dass das Konto gelöscht werden soll." in main_text(response)
    member.refresh_from_db()
    assert member.status == User.Status.ADMITTED and member.email == "max.nutzer@essen.de"


def test_the_office_does_not_decide_its_own_request(office):
    deletion_request = deletion_request_create(user=office)
    response = office_client(office).post(
        reverse("partner:deletion_request_confirm", args=[deletion_request.pk]), CONFIRM, follow=True
    )
    assert "eine andere Person der Geschäftsstelle" in main_text(response)
    office.refresh_from_db()
    assert office.status == User.Status.ADMITTED


# --- decline ----------------------------------------------------------------------------------


def test_declining_needs_a_reason(office, open_request):
    response = office_client(office).post(reverse("partner:deletion_request_decline", args=[open_request.pk]), {})
    assert "Bitte geben Sie eine Begründung an." in main_text(response)
    open_request.refresh_from_db()
    assert open_request.is_open


def test_declining_tells_the_person_and_leaves_the_account(
    office, member, open_request, smtp, django_capture_on_commit_callbacks
):
    client = office_client(office)
    reason = "Ein laufendes Prüfverfahren verlangt die Aufbewahrung (Art. 17 Abs. 3 lit. e DSGVO)."
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partner:deletion_request_decline", args=[open_request.pk]), {"decline-reason": reason})
    open_request.refresh_from_db()
    assert open_request.status == DeletionRequest.Status.DECLINED and open_request.decided_by == office
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.DELETION_DECLINED)
    assert event.subject == member and event.detail["reason"] == reason

    assert smtp.recipients == {member.email: 1}
    ((_, raw),) = smtp.messages
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"].strip() == "[SiKo Ruhr Portal] Ihr Antrag auf Löschung Ihres Kontos wurde abgelehnt"
    assert reason in message.get_body(("plain",)).get_content()

    # A declined request cannot be confirmed afterwards; the person may ask again.
    response = client.post(reverse("partner:deletion_request_confirm", args=[open_request.pk]), CONFIRM, follow=True)
    assert "bereits" in main_text(response) and "abgelehnt" in main_text(response)
    member.refresh_from_db()
    assert member.status == User.Status.ADMITTED
    assert deletion_request_create(user=member).is_open


def test_the_name_on_a_started_dispatch_goes_too(office, member, open_request):
    issue = Issue.objects.create(number=3, title="Ausgabe", body="Text", dispatch_started_by=name_snapshot(member))
    office_client(office).post(reverse("partner:deletion_request_confirm", args=[open_request.pk]), CONFIRM)
    issue.refresh_from_db()
    assert issue.dispatch_started_by == "ehemaliges Mitglied"
