"""Subscribing and unsubscribing: double opt-in for addresses, one click for members and in every mail."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter import services, tokens
from newsletter.models import Subscriber
from partner.models import User

from ..helpers import main_text

pytestmark = pytest.mark.django_db

Status = Subscriber.Status


def subscribe(client, email="erika.muster@bochum.de", name="Erika Muster", **extra):
    return client.post(reverse("newsletter:subscribe"), {"email": email, "name": name, "privacy_ack": "on", **extra})


def link_in(message, name: str) -> str:
    path = reverse(name, args=["TOKEN"]).replace("TOKEN/", "")
    match = re.search(rf"https://portal\.example\.test({re.escape(path)}[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


# --- Public sign-up --------------------------------------------------------------------


def test_subscribe_page_is_public(client):
    page = main_text(client.get(reverse("newsletter:subscribe")))
    assert "Newsletter der Sicherheitskooperation Ruhr abonnieren" in page and "Bestätigungslink" in page


def test_sign_up_sends_a_confirmation_and_nothing_else(client):
    response = subscribe(client)
    assert response["Location"] == reverse("newsletter:subscribe_done")
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.name, subscriber.status) == (
        "erika.muster@bochum.de",
        "Erika Muster",
        Status.PENDING,
    )
    assert subscriber.confirmed_at is None and subscriber.requested_at is not None
    [message] = mail.outbox
    assert message.to == ["erika.muster@bochum.de"]
    assert message.subject == "Bitte bestätigen Sie Ihre Anmeldung zum Newsletter der Sicherheitskooperation Ruhr"
    assert message.body.startswith("Guten Tag Erika Muster,")
    assert "7 Tage gültig" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert "Bitte bestätigen Sie" in main_text(client.get(response["Location"]))


def test_confirmation_link_asks_first_and_confirms_on_post(client):
    subscribe(client)
    url = link_in(mail.outbox[0], "newsletter:confirm")
    page = main_text(client.get(url))
    assert "Ja, ich möchte den Newsletter erhalten" in page
    assert Subscriber.objects.get().status == Status.PENDING, "a link scanner's GET is no consent"
    assert "Ihre Anmeldung ist bestätigt" in main_text(Client().post(url))
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Status.CONFIRMED and subscriber.confirmed_at is not None
    assert "bereits bestätigt" in main_text(client.post(url))


def test_expired_confirmation_link_explains_itself(client, settings):
    subscribe(client)
    url = link_in(mail.outbox[0], "newsletter:confirm")
    later = timezone.now() + timedelta(days=settings.SIKO_NEWSLETTER_CONFIRM_DAYS, minutes=1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        page = main_text(client.post(url))
    assert "abgelaufen" in page and "7 Tage gültig" in page
    assert Subscriber.objects.get().status == Status.PENDING


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "fremd" + t, lambda t: "kaputt"])
def test_tampered_confirmation_link_is_refused(client, mangle):
    subscribe(client)
    token = link_in(mail.outbox[0], "newsletter:confirm").split("/")[-2]
    response = client.post(reverse("newsletter:confirm", args=[mangle(token)]))
    assert response.status_code == 200 and "ungültig" in main_text(response)
    assert Subscriber.objects.get().status == Status.PENDING


def test_a_newer_request_voids_older_confirmation_links(client, settings):
    settings.SIKO_NEWSLETTER_MAIL_INTERVAL_MINUTES = 0
    subscribe(client)
    old = link_in(mail.outbox[0], "newsletter:confirm")
    Subscriber.objects.update(requested_at=timezone.now() - timedelta(hours=2))
    subscribe(client)
    new = link_in(mail.outbox[1], "newsletter:confirm")
    assert "ungültig" in main_text(client.post(old))
    assert "bestätigt" in main_text(client.post(new))


def test_the_answer_is_the_same_whatever_the_address_state(client, make_subscriber):
    make_subscriber("schon.da@bochum.de")
    make_subscriber("wartet@bochum.de", Status.PENDING, confirmation_sent_at=timezone.now())
    pages = {
        email: main_text(client.get(subscribe(client, email=email)["Location"]))
        for email in ("schon.da@bochum.de", "wartet@bochum.de", "ganz.neu@bochum.de")
    }
    assert len(set(pages.values())) == 1


def test_a_subscribed_address_gets_a_notice_not_a_second_subscription(client, make_subscriber):
    make_subscriber("schon.da@bochum.de", name="Sven Da")
    subscribe(client, email="Schon.Da@Bochum.de")
    assert Subscriber.objects.count() == 1 and Subscriber.objects.get().status == Status.CONFIRMED
    [message] = mail.outbox
    assert "bereits" in message.subject and "abbestellen" in message.body


def test_at_most_one_mail_per_address_and_period(client):
    for _ in range(3):
        subscribe(client)
    assert len(mail.outbox) == 1
    assert Subscriber.objects.count() == 1


def test_sign_ups_are_rate_limited_per_ip(client):
    for i in range(10):
        assert subscribe(client, email=f"person{i}@bochum.de").status_code == 302
    response = subscribe(client, email="elfte@bochum.de")
    assert response.status_code == 429
    assert "sehr viele Anmeldungen" in main_text(response)
    assert 'value="elfte@bochum.de"' in main_text(response)
    assert not Subscriber.objects.filter(email="elfte@bochum.de").exists()


def test_behind_the_proxy_each_client_has_its_own_sign_up_budget(settings):
    """Production reads the client's address from nginx's X-Real-IP (see tests/partner/test_client_ip.py)."""
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    for i in range(10):
        # A forged X-Forwarded-For buys no fresh budget.
        first = Client(headers={"X-Real-IP": "203.0.113.10", "X-Forwarded-For": f"10.0.0.{i}, 203.0.113.10"})
        assert subscribe(first, email=f"person{i}@bochum.de").status_code == 302
    assert subscribe(first, email="elfte@bochum.de").status_code == 429
    second = Client(headers={"X-Real-IP": "198.51.100.20"})
    assert subscribe(second, email="andere.stelle@bochum.de").status_code == 302


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "kein-at-zeichen", "privacy_ack": "on"}, "gültige E-Mail-Adresse"),
        ({"email": "privat@gmail.com", "privacy_ack": "on"}, "dienstliche E-Mail-Adresse"),
        ({"email": "erika@bochum.de"}, "Bitte bestätigen Sie, dass Sie den Newsletter erhalten möchten."),
    ],
)
def test_invalid_sign_up_keeps_what_was_typed(client, data, message):
    response = client.post(reverse("newsletter:subscribe"), {"name": "Erika Muster", **data})
    page = main_text(response)
    assert response.status_code == 200 and "Bitte prüfen Sie Ihre Angaben" in page and message in page
    assert 'value="Erika Muster"' in page
    assert not Subscriber.objects.exists() and not mail.outbox


def test_an_address_that_unsubscribed_may_subscribe_again_itself(client, make_subscriber):
    make_subscriber("zurueck@bochum.de", Status.UNSUBSCRIBED)
    subscribe(client, email="zurueck@bochum.de")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Status.PENDING and subscriber.unsubscribed_at is None
    assert "bestätigt" in main_text(client.post(link_in(mail.outbox[0], "newsletter:confirm")))


def test_confirmation_after_unsubscribing_does_not_resubscribe(client):
    subscribe(client)
    url = link_in(mail.outbox[0], "newsletter:confirm")
    client.post(url)
    services.subscription_cancel(subscriber=Subscriber.objects.get(), via=Subscriber.UnsubscribedVia.LINK)
    assert "inzwischen vom Newsletter abgemeldet" in main_text(client.post(url))
    assert Subscriber.objects.get().status == Status.UNSUBSCRIBED


# --- Unsubscribing -----------------------------------------------------------------------


def test_unsubscribe_link_asks_first_then_unsubscribes_without_login(client, make_subscriber):
    subscriber = make_subscriber("weg@bochum.de", name="Willi Weg")
    url = reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)])
    assert "Newsletter abbestellen" in main_text(client.get(url))
    subscriber.refresh_from_db()
    assert subscriber.status == Status.CONFIRMED, "a link scanner's GET must not unsubscribe"
    assert "Sie haben den Newsletter abbestellt" in main_text(client.post(url))
    subscriber.refresh_from_db()
    assert subscriber.status == Status.UNSUBSCRIBED and subscriber.unsubscribed_via == "link"
    assert subscriber.name == "", "an external opt-out keeps only the address and the timestamps"
    assert "bereits abbestellt" in main_text(client.get(url))


def test_one_click_unsubscribe_works_without_csrf_token(make_subscriber):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click from outside any session."""
    subscriber = make_subscriber("einklick@bochum.de")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Status.UNSUBSCRIBED


def test_tampered_unsubscribe_link_changes_nothing(client, make_subscriber):
    subscriber = make_subscriber("bleibt@bochum.de")
    token = tokens.unsubscribe_token(subscriber)
    other = signing.Signer(salt="anderes-salz").sign(str(subscriber.key))
    for bad in (token[:-3] + "abc", other, "falsch"):
        response = client.post(reverse("newsletter:unsubscribe", args=[bad]))
        assert "ungültig" in main_text(response)
    subscriber.refresh_from_db()
    assert subscriber.status == Status.CONFIRMED


def test_unsubscribe_link_of_a_removed_subscriber_reveals_nothing(client, make_subscriber):
    subscriber = make_subscriber("entfernt@bochum.de")
    url = reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)])
    subscriber.delete()
    assert "Sie haben den Newsletter abbestellt" in main_text(client.get(url))


# --- Members -------------------------------------------------------------------------------


def test_member_subscribes_and_unsubscribes_with_one_click(member_client, member):
    url = reverse("newsletter:member_subscription")
    response = member_client.post(url, {"aktion": "abonnieren", "next": reverse("partner:profile")})
    assert response["Location"] == reverse("partner:profile")
    subscriber = Subscriber.objects.get(user=member)
    assert subscriber.status == Status.CONFIRMED and subscriber.source == "member" and subscriber.confirmed_at
    assert not mail.outbox, "a member's address is verified: no confirmation mail"
    page = main_text(member_client.get(response["Location"]))
    assert "Sie erhalten den Newsletter ab der nächsten Ausgabe an max.nutzer@essen.de." in page
    assert "Newsletter abbestellen" in page
    member_client.post(url, {"aktion": "abbestellen"})
    subscriber.refresh_from_db()
    assert subscriber.status == Status.UNSUBSCRIBED and subscriber.unsubscribed_via == "portal"


def test_member_switch_redirects_only_inside_the_portal(member_client):
    response = member_client.post(
        reverse("newsletter:member_subscription"), {"aktion": "abonnieren", "next": "https://boese.example/"}
    )
    assert response["Location"] == reverse("newsletter:archive")


@pytest.mark.parametrize("target", ["0", "abc", "home", "//boese.example/", "javascript:alert(1)"])
def test_member_switch_with_a_next_that_is_no_local_path_goes_to_the_archive(member_client, member, target):
    """ "0" and "abc" were reversed as URL names: NoReverseMatch, a 500."""
    response = member_client.post(reverse("newsletter:member_subscription"), {"aktion": "abonnieren", "next": target})
    assert response.status_code == 302 and response["Location"] == reverse("newsletter:archive")
    assert Subscriber.objects.get(user=member).status == Status.CONFIRMED


def test_profile_shows_the_subscription_box(member_client):
    page = main_text(member_client.get(reverse("partner:profile")))
    assert "Newsletter abonnieren" in page
    assert f'name="next" value="{reverse("partner:profile")}"' in page


def test_member_subscription_takes_over_an_external_entry_of_the_same_address(member, make_subscriber):
    make_subscriber("Max.Nutzer@essen.de", Status.PENDING)
    services.member_subscribe(user=member)
    subscriber = Subscriber.objects.get()
    assert subscriber.user == member and subscriber.status == Status.CONFIRMED


def test_deactivating_a_member_ends_the_subscription(client, office, member, django_capture_on_commit_callbacks):
    services.member_subscribe(user=member)
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partner:account_deactivate", args=[member.pk]), {"reason": "Versetzt"})
    member.refresh_from_db()
    assert member.status == User.Status.DEACTIVATED
    subscriber = Subscriber.objects.get(user=member)
    assert subscriber.status == Status.UNSUBSCRIBED and subscriber.unsubscribed_via == "deactivated"


def test_a_failing_receiver_does_not_undo_the_deactivation(client, office, member, django_capture_on_commit_callbacks):
    client.force_login(office)
    with (
        mock.patch("newsletter.services.member_unsubscribe", side_effect=RuntimeError("kaputt")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("partner:account_deactivate", args=[member.pk]), {"reason": "Versetzt"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == User.Status.DEACTIVATED
