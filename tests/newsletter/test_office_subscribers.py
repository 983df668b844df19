"""The Geschäftsstelle manages subscribers: list, add, import (always double opt-in), remove."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from newsletter import services
from newsletter.models import Subscriber

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db

Status = Subscriber.Status
LIST = reverse("newsletter:office_subscriber_list")
IMPORT = reverse("newsletter:office_subscriber_import")
# A valid address of 255 characters (labels of at most 63): one too many for the column.
TOO_LONG = "a" * 62 + "@" + ".".join(["b" * 60] * 3) + ".bochum.de"
assert len(TOO_LONG) == 255


def test_list_filters_by_status_and_text(office_client, make_subscriber, member):
    make_subscriber("angemeldet@bochum.de", name="Anna Angemeldet")
    make_subscriber("wartet@bochum.de", Status.PENDING)
    make_subscriber("weg@bochum.de", Status.UNSUBSCRIBED)
    services.member_subscribe(user=member)
    page = main_text(office_client.get(LIST))
    assert "2 angemeldet · 1 warten auf Bestätigung · 1 abgemeldet" in page and "4 Abonnements" in page
    assert "Max Muster" in page and "Mitglied im Portal" in page
    page = main_text(office_client.get(LIST, {"status": "pending"}))
    assert "wartet@bochum.de" in page and "angemeldet@bochum.de" not in page
    page = main_text(office_client.get(LIST, {"q": "anna"}))
    assert "angemeldet@bochum.de" in page and "wartet@bochum.de" not in page
    assert "Kein Abonnement entspricht" in main_text(office_client.get(LIST, {"q": "niemand"}))


def test_list_empty_state(office_client):
    assert "Es gibt noch keine Abonnements." in main_text(office_client.get(LIST))


def test_list_runs_a_fixed_number_of_queries(office_client, make_subscriber, make_user, settings):
    settings.SIKO_PAGE_SIZE = 25
    make_subscriber("erste@bochum.de")
    few = count_queries(office_client, LIST)
    for i in range(30):
        make_subscriber(f"p{i}@bochum.de")
        services.member_subscribe(user=make_user(f"mitglied{i}@essen.de"))
    assert count_queries(office_client, LIST) == few
    page = main_text(office_client.get(LIST))
    assert "61 Abonnements" in page and "Seite 1 von 3" in page, page[page.find("portal-pagination") :]


def test_adding_an_address_asks_it_to_confirm(office_client):
    response = office_client.post(
        reverse("newsletter:office_subscriber_add"), {"email": "neu@bochum.de", "name": "Nina Neu"}
    )
    assert "erst, wenn sie die Anmeldung bestätigt hat" in main_text(office_client.get(response["Location"]))
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Status.PENDING and subscriber.source == "office"
    [message] = mail.outbox
    assert (
        message.to == ["neu@bochum.de"] and "die Geschäftsstelle hat Sie in den Verteiler aufgenommen" in message.body
    )


@pytest.mark.parametrize(
    "email, status, message",
    [
        ("da@bochum.de", Status.CONFIRMED, "ist bereits angemeldet"),
        ("da@bochum.de", Status.PENDING, "wartet bereits auf die Bestätigung"),
        ("da@bochum.de", Status.UNSUBSCRIBED, "nur eine eigene neue Anmeldung ist möglich"),
    ],
)
def test_adding_a_known_address_is_refused_and_keeps_the_input(office_client, make_subscriber, email, status, message):
    make_subscriber(email, status)
    response = office_client.post(reverse("newsletter:office_subscriber_add"), {"email": "DA@bochum.de", "name": "X Y"})
    page = main_text(response)
    assert message in page and 'value="X Y"' in page
    assert Subscriber.objects.count() == 1 and not mail.outbox


def test_import_reports_line_by_line_and_loses_nothing_valid(office_client, make_subscriber):
    make_subscriber("schon@bochum.de")
    make_subscriber("abgemeldet@bochum.de", Status.UNSUBSCRIBED)
    text = "\n".join(
        [
            "eins@bochum.de",
            "Zwei Zweig <zwei@bochum.de>",
            "kaputt@",
            "drei@bochum.de; Dora Drei",
            "",
            "schon@bochum.de",
            "EINS@bochum.de",
            "abgemeldet@bochum.de",
            "auch kaputt",
        ]
    )
    page = main_text(office_client.post(IMPORT, {"addresses": text}))
    assert "3 neue Adressen erhalten eine E-Mail mit Bestätigungslink" in page
    assert "Zeile 3: „kaputt@“ ist keine gültige E-Mail-Adresse." in page
    assert "Zeile 9: „auch kaputt“ ist keine gültige E-Mail-Adresse." in page
    assert "Zeile 6: schon@bochum.de ist bereits angemeldet – übersprungen." in page
    assert "Zeile 7: EINS@bochum.de steht bereits in Zeile 1 – übersprungen." in page
    assert "Zeile 8: abgemeldet@bochum.de hat sich am" in page
    assert "\nkaputt@\nauch kaputt</textarea>" in page, "the invalid lines come back for correction"
    new = Subscriber.objects.filter(source="import").order_by("email")
    assert [(s.email, s.name, s.status) for s in new] == [
        ("drei@bochum.de", "Dora Drei", Status.PENDING),
        ("eins@bochum.de", "", Status.PENDING),
        ("zwei@bochum.de", "Zwei Zweig", Status.PENDING),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["drei@bochum.de", "eins@bochum.de", "zwei@bochum.de"]
    assert all("Bitte bestätigen Sie" in m.subject for m in mail.outbox)


def test_an_address_longer_than_254_characters_is_reported_not_a_500(office_client):
    """Django's validator accepts up to 320 characters; the column holds 254 (PostgreSQL: DataError)."""
    too_long = TOO_LONG
    response = office_client.post(IMPORT, {"addresses": f"{too_long}\nrichtig@bochum.de"})
    assert response.status_code == 200
    page = main_text(response)
    assert "Zeile 1: Die Adresse ist länger als 254 Zeichen und kann nicht gespeichert werden." in page
    assert f"{too_long}</textarea>" in page, "the line comes back for correction"
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["richtig@bochum.de"]


def test_adding_an_address_longer_than_254_characters_is_refused(office_client):
    too_long = TOO_LONG
    response = office_client.post(reverse("newsletter:office_subscriber_add"), {"email": too_long})
    assert response.status_code == 200 and "höchstens 254 Zeichen" in main_text(response)
    assert not Subscriber.objects.exists()


def test_import_from_csv_with_header_and_semicolons(office_client):
    csv = "E-Mail;Name\r\nanna@herne.de;Anna Arndt\r\nbernd@herne.de;Bernd Brück\r\n".encode("cp1252")
    upload = SimpleUploadedFile("liste.csv", csv, content_type="text/csv")
    page = main_text(office_client.post(IMPORT, {"csv_file": upload}))
    assert "2 neue Adressen" in page
    assert Subscriber.objects.get(email="bernd@herne.de").name == "Bernd Brück"


def test_an_empty_import_is_explained(office_client):
    page = main_text(office_client.post(IMPORT, {"addresses": "\n  \n"}))
    assert "Bitte geben Sie Adressen ein oder wählen Sie eine CSV-Datei." in page


def test_imported_addresses_get_nothing_before_they_confirm(office_client, office, issue, make_subscriber):
    make_subscriber("bestaetigt@bochum.de")
    office_client.post(IMPORT, {"addresses": "importiert@bochum.de"})
    mail.outbox.clear()
    services.dispatch_start(issue=issue, started_by=office)
    assert [m.to for m in mail.outbox] == [["bestaetigt@bochum.de"]]


def test_removing_asks_first(office_client, make_subscriber):
    subscriber = make_subscriber("raus@bochum.de")
    url = reverse("newsletter:office_subscriber_remove", args=[subscriber.pk])
    assert "raus@bochum.de entfernen?" in main_text(office_client.get(url))
    assert Subscriber.objects.exists()
    response = office_client.post(url)
    assert "wurde aus der Liste der Abonnements entfernt" in main_text(office_client.get(response["Location"]))
    assert not Subscriber.objects.exists()


def test_a_failed_confirmation_mail_can_be_requested_again(client, recording_mail):
    recording_mail.unreachable = True
    client.post(reverse("newsletter:subscribe"), {"email": "a@bochum.de", "privacy_ack": "on"})
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmation_sent_at is None and not mail.outbox
    recording_mail.unreachable = False
    client.post(reverse("newsletter:subscribe"), {"email": "a@bochum.de", "privacy_ack": "on"})
    assert len(mail.outbox) == 1


# --- Data retention --------------------------------------------------------------------------


def test_cleanup_deletes_what_is_no_longer_needed(make_subscriber, issue, office, settings):
    now = timezone.now()
    make_subscriber("nie.bestaetigt@bochum.de", Status.PENDING, requested_at=now - timedelta(days=9))
    make_subscriber("frisch@bochum.de", Status.PENDING, requested_at=now - timedelta(days=2))
    make_subscriber("alt.weg@bochum.de", Status.UNSUBSCRIBED, unsubscribed_at=now - timedelta(days=4 * 365))
    make_subscriber("neu.weg@bochum.de", Status.UNSUBSCRIBED, unsubscribed_at=now - timedelta(days=30))
    make_subscriber("leser@bochum.de")
    services.dispatch_start(issue=issue, started_by=office)
    issue.refresh_from_db()
    issue.dispatch_finished_at = now - timedelta(days=settings.SIKO_NEWSLETTER_DELIVERY_RETENTION_DAYS + 1)
    issue.save()
    report = services.data_cleanup()
    assert (report.unconfirmed_deleted, report.optouts_deleted, report.deliveries_anonymised) == (1, 1, 1)
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "frisch@bochum.de",
        "leser@bochum.de",
        "neu.weg@bochum.de",
    ]
    assert issue.delivery_counts()["sent"] == 1, "the counts survive the anonymisation"
    assert not issue.deliveries.filter(email__isnull=False).exists()
