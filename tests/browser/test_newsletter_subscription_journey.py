"""Subscribing to the newsletter in a real browser, with an axe-core check on every page state.

- A member reads the archive and an issue and switches the subscription on and off.
- Somebody without an account subscribes by address, confirms by the link in the mail
  and unsubscribes by the link in an issue mail.

Mails are in `django.core.mail.outbox` (locmem backend); their links point to SIKO_BASE_URL and
are opened on the live server instead.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from newsletter import services
from newsletter.models import Issue, Subscriber
from tests.browser.test_admission_journey import login
from tests.browser.test_newsletter_journey import (
    CONFIRM_LINK,
    on_live_server,
    status_message,
)
from tests.conftest import PASSWORD

UNSUBSCRIBE_LINK = re.compile(r"Newsletter abbestellen \(ein Klick, ohne Anmeldung\): (\S+)")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def test_member_reads_the_archive_and_switches_the_subscription(live_server, transactional_db, member, page, axe_check):
    base = live_server.url
    now = timezone.now()
    sent = Issue.objects.create(
        number=7,
        title="Gewerbekontrollen im Ruhrgebiet – Bilanz",
        issue_date=datetime.date(2021, 12, 15),
        body="## Schwerpunkt Shisha-Bars\n\nDie **Kontrollen** in Essen zeigten Wirkung.\n\n- Gewerberecht",
        portal_links="Ansprechpersonen der Stadt Essen | /behoerden/stadt-essen/",
        status=Issue.Status.SENT,
        dispatch_started_at=now,
        dispatch_finished_at=now,
    )
    Issue.objects.create(number=8, title="Noch ein Entwurf", body="Geheim.", status=Issue.Status.DRAFT)

    page.goto(f"{base}/konto/login/")
    axe_check(page)
    login(page, member.email, PASSWORD)
    expect(page).to_have_url(f"{base}/")
    axe_check(page)

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Newsletter", exact=True).click()
    expect(page).to_have_url(f"{base}/newsletter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter")
    expect(page.get_by_role("status").filter(has_text="Ausgabe")).to_have_text("1 Ausgabe")
    expect(page.get_by_role("row", name=re.compile("Gewerbekontrollen"))).to_contain_text("15.12.2021")
    expect(page.get_by_text("Noch ein Entwurf")).to_have_count(0)
    box = page.get_by_role("region", name="Ihr Abonnement")
    expect(box).to_contain_text(f"Er kommt an {member.email}")
    axe_check(page)

    page.get_by_role("link", name="Gewerbekontrollen im Ruhrgebiet – Bilanz").click()
    expect(page).to_have_url(f"{base}/newsletter/ausgaben/{sent.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gewerbekontrollen im Ruhrgebiet – Bilanz")
    expect(page.locator("main")).to_contain_text("Newsletter Nr. 7 vom 15.12.2021")
    expect(page.get_by_role("heading", name="Schwerpunkt Shisha-Bars", level=2)).to_be_visible()
    expect(page.get_by_role("link", name="Ansprechpersonen der Stadt Essen")).to_have_attribute(
        "href", "/behoerden/stadt-essen/"
    )
    axe_check(page)

    page.get_by_role("link", name="Alle Ausgaben des Newsletters").click()
    expect(page).to_have_url(f"{base}/newsletter/")
    box.get_by_role("button", name="Newsletter abonnieren").click()

    expect(page).to_have_url(f"{base}/newsletter/")
    expect(status_message(page, "Newsletter")).to_have_text(
        f"Sie erhalten den Newsletter ab der nächsten Ausgabe an {member.email}."
    )
    expect(box).to_contain_text(f"Sie erhalten den Newsletter der Geschäftsstelle an {member.email}")
    expect(box.get_by_role("button", name="Newsletter abonnieren")).to_have_count(0)
    axe_check(page)
    subscription = Subscriber.objects.get(user=member)
    assert subscription.status == Subscriber.Status.CONFIRMED
    assert mail.outbox == [], "members need no confirmation mail"

    box.get_by_role("button", name="Newsletter abbestellen").click()
    expect(status_message(page, "abbestellt")).to_have_text(
        "Sie haben den Newsletter abbestellt und erhalten keine weiteren Ausgaben."
    )
    expect(box.get_by_role("button", name="Newsletter abonnieren")).to_be_visible()
    axe_check(page)
    subscription.refresh_from_db()
    assert subscription.status == Subscriber.Status.UNSUBSCRIBED
    assert subscription.unsubscribed_via == Subscriber.UnsubscribedVia.PORTAL


def test_public_subscription_with_double_opt_in_and_one_click_unsubscribe(
    live_server, transactional_db, office, page, axe_check
):
    base = live_server.url
    address = "frieda.extern@bochum.de"

    page.goto(f"{base}/newsletter/anmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter der Sicherheitskooperation Ruhr abonnieren")
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_have_count(0)
    axe_check(page)

    # Without the consent box: an error, and the address stays.
    page.get_by_label("Dienstliche E-Mail-Adresse").fill(address)
    page.get_by_label("Ihr Name").fill("Frieda Extern")
    page.get_by_role("button", name="Anmeldung absenden").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Bitte bestätigen Sie, dass Sie den Newsletter erhalten möchten.")
    expect(page.get_by_label("Dienstliche E-Mail-Adresse")).to_have_value(address)
    expect(page.get_by_label("Ihr Name")).to_have_value("Frieda Extern")
    axe_check(page)
    assert not Subscriber.objects.exists() and mail.outbox == []

    page.get_by_label("Ich möchte den Newsletter erhalten").check()
    page.get_by_role("button", name="Anmeldung absenden").click()
    expect(page).to_have_url(f"{base}/newsletter/anmelden/gesendet/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bitte bestätigen Sie Ihre Anmeldung")
    expect(page.locator("main")).to_contain_text("Der Link ist 7 Tage gültig.")
    axe_check(page)
    subscriber = Subscriber.objects.get(email=address)
    assert subscriber.status == Subscriber.Status.PENDING

    # --- The confirmation link: GET only asks, the button confirms --------------------------
    assert [message.to for message in mail.outbox] == [[address]]
    assert "Guten Tag Frieda Extern," in mail.outbox[0].body
    link = CONFIRM_LINK.search(mail.outbox[0].body)
    assert link, mail.outbox[0].body
    mail.outbox.clear()

    page.goto(on_live_server(link.group(0), live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter-Anmeldung bestätigen")
    axe_check(page)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING, "opening the link is no consent"
    page.get_by_role("button", name="Ja, ich möchte den Newsletter erhalten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung bestätigt")
    expect(status_message(page, "Vielen Dank")).to_have_text("Vielen Dank! Ihre Anmeldung ist bestätigt.")
    axe_check(page)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    # --- An issue goes out; its unsubscribe link works without login -----------------------
    issue = Issue.objects.create(number=3, title="Lagebild Sommer", body="Kurz und **knapp**.", created_by=office)
    assert services.dispatch_start(issue=issue, started_by=office) == 1
    assert [message.to for message in mail.outbox] == [[address]]
    issue_mail = mail.outbox[0]
    found = UNSUBSCRIBE_LINK.search(issue_mail.body)
    assert found, issue_mail.body
    assert issue_mail.extra_headers["List-Unsubscribe"] == f"<{found.group(1)}>"

    page.goto(on_live_server(found.group(1), live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter abbestellen")
    axe_check(page)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED, "opening the link does not unsubscribe"
    page.get_by_role("button", name="Newsletter abbestellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter abbestellt")
    expect(status_message(page, "abbestellt")).to_have_text("Sie haben den Newsletter abbestellt.")
    expect(page.get_by_role("link", name="wieder abonnieren")).to_have_attribute("href", "/newsletter/anmelden/")
    axe_check(page)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_via == Subscriber.UnsubscribedVia.LINK
    assert subscriber.name == "", "external addresses lose their name at once"
