"""Announcing and running events: the office every event with every audience, an area's Leitung only
for her own areas; registrations, CSV participant list (audited), attendance, material."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partner.models import AuditEvent
from tests.facharbeitskreise.uploads import fake_pdf, pdf_upload
from veranstaltungen.models import Event, EventDocument, Registration
from zielgruppen.models import Scope

from .conftest import make_event

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    start = timezone.localtime(timezone.now() + timedelta(days=20)).replace(hour=9, minute=0)
    data = {
        "title": "Fachveranstaltung Vermögensabschöpfung",
        "description": "**Programm**: Vorträge und Austausch",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(days=1, hours=7)).strftime("%Y-%m-%dT%H:%M"),
        "venue": "Landeskriminalamt NRW, Düsseldorf",
        "online_url": "",
        "capacity": "40",
        "registration_deadline": "",
        "zielgruppe-scope": Scope.ALLE,
    }
    data.update(overrides)
    return data


def test_the_office_announces_an_event_for_chosen_authority_types(login, office):
    response = login(office).post(
        reverse("veranstaltungen:create"),
        _form(**{"zielgruppe-scope": Scope.BEHOERDENARTEN, "zielgruppe-types": ["zoll", "finanzverwaltung"]}),
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.audience.scope == Scope.BEHOERDENARTEN and event.audience.type_values() == ["finanzverwaltung", "zoll"]
    assert event.is_multi_day and event.created_by == office


def test_bad_input_keeps_what_was_typed_and_saves_nothing(login, office):
    response = login(office).post(
        reverse("veranstaltungen:create"),
        _form(venue="", ends_at="2020-01-01T08:00", capacity="0", **{"zielgruppe-scope": Scope.PARTNER}),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "muss nach dem Beginn" in text
    assert "mindestens einen Platz" in text
    assert "mindestens eine Behörde" in text
    assert "Fachveranstaltung Vermögensabschöpfung" in text
    assert not Event.objects.exists()


def test_an_arbeitskreis_lead_announces_for_her_own_arbeitskreis_only(
    login, arbeitskreis_lead, secret_arbeitskreis, other_arbeitskreis_for_lead
):
    client = login(arbeitskreis_lead)
    page = client.get(reverse("veranstaltungen:create")).content.decode()
    assert "Projekt Verborgen" in page and "Alle zugelassenen Mitglieder" not in page
    assert "Fremdes Projekt" not in page
    refused = client.post(reverse("veranstaltungen:create"), _form(**{"zielgruppe-scope": Scope.ALLE}))
    assert refused.status_code == 200 and not Event.objects.exists()
    foreign = client.post(
        reverse("veranstaltungen:create"),
        _form(
            **{"zielgruppe-scope": Scope.ARBEITSKREISE, "zielgruppe-arbeitskreise": [other_arbeitskreis_for_lead.pk]}
        ),
    )
    assert foreign.status_code == 200 and not Event.objects.exists()
    created = client.post(
        reverse("veranstaltungen:create"),
        _form(**{"zielgruppe-scope": Scope.ARBEITSKREISE, "zielgruppe-arbeitskreise": [secret_arbeitskreis.pk]}),
    )
    assert created.status_code == 302
    assert list(Event.objects.get().audience.arbeitskreise.all()) == [secret_arbeitskreis]


@pytest.fixture
def other_arbeitskreis_for_lead(db):
    from facharbeitskreise.models import Arbeitskreis

    return Arbeitskreis.objects.create(name="Fremdes Projekt", slug="fremd", is_confidential=True)


def test_a_member_may_not_announce(login, member):
    assert login(member).get(reverse("veranstaltungen:create")).status_code == 403


@pytest.mark.parametrize("name", ["edit", "postpone", "cancel", "registrations", "registrations_csv", "document_add"])
def test_who_only_sees_an_event_may_not_manage_it(login, member, insider, arbeitskreis_lead, event, closed_event, name):
    assert login(member).get(reverse(f"veranstaltungen:{name}", kwargs={"pk": event.pk})).status_code == 403
    # The Leitung manages her area's events, not the ones for everybody.
    assert login(arbeitskreis_lead).get(reverse(f"veranstaltungen:{name}", kwargs={"pk": event.pk})).status_code == 403
    assert (
        login(arbeitskreis_lead).get(reverse(f"veranstaltungen:{name}", kwargs={"pk": closed_event.pk})).status_code
        == 200
    )
    assert login(insider).get(reverse(f"veranstaltungen:{name}", kwargs={"pk": closed_event.pk})).status_code == 403
    assert login(member).get(reverse(f"veranstaltungen:{name}", kwargs={"pk": closed_event.pk})).status_code == 404


def _register(client, event, note=""):
    client.post(reverse("veranstaltungen:register", kwargs={"pk": event.pk}), {"note": note})


def test_the_participant_list_as_csv_matches_the_registrations_and_is_audited(
    login, office, member, outsider, insider, event
):
    _register(login(member), event, note="=HYPERLINK(vegetarisch)")
    _register(login(outsider), event)
    _register(login(insider), event)  # waiting
    response = login(office).get(reverse("veranstaltungen:registrations_csv", kwargs={"pk": event.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Status", "Nachname", "Vorname", "E-Mail", "Behörde"]
    body = {(row[0], row[3], row[4], row[6]) for row in rows[1:]}
    assert body == {
        ("angemeldet", member.email, "Stadt Essen", "'=HYPERLINK(vegetarisch)"),
        ("angemeldet", outsider.email, "Landeskriminalamt NRW", ""),
        ("auf der Warteliste", insider.email, "Landeskriminalamt NRW", ""),
    }
    audit = AuditEvent.objects.get(kind=AuditEvent.Kind.PARTICIPANTS_EXPORTED)
    assert audit.actor == office and audit.detail["event"] == event.pk and audit.detail["rows"] == 3


def test_attendance_is_marked_from_the_start_on(login, office, member, outsider):
    running = make_event(days=-0.1, hours=8, capacity=None)
    Registration.objects.create(event=running, user=member, status=Registration.Status.CONFIRMED)
    Registration.objects.create(event=running, user=outsider, status=Registration.Status.CONFIRMED)
    ids = dict(Registration.objects.values_list("user_id", "pk"))
    response = login(office).post(
        reverse("veranstaltungen:registrations", kwargs={"pk": running.pk}), {f"teilgenommen-{ids[member.pk]}": "on"}
    )
    assert response.status_code == 302
    assert dict(Registration.objects.values_list("user_id", "attended")) == {member.pk: True, outsider.pk: False}


def test_attendance_cannot_be_marked_before_the_start(login, office, member, event):
    _register(login(member), event)
    response = login(office).post(reverse("veranstaltungen:registrations", kwargs={"pk": event.pk}))
    assert response.status_code == 302
    assert Registration.objects.get().attended is None


def test_the_registration_list_costs_a_fixed_number_of_queries(
    login, office, make_user, event, django_assert_max_num_queries
):
    Event.objects.filter(pk=event.pk).update(capacity=None)
    for number in range(10):
        Registration.objects.create(
            event=event, user=make_user(f"person{number}@essen.de"), status=Registration.Status.CONFIRMED
        )
    client = login(office)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("veranstaltungen:registrations", kwargs={"pk": event.pk})).status_code == 200


def test_material_is_uploaded_checked_and_downloaded_under_the_events_rule(
    login, office, member, outsider, secret_arbeitskreis
):
    from tests.helpers import make_audience

    closed = make_event(
        make_audience(Scope.ARBEITSKREISE, arbeitskreise=[secret_arbeitskreis]), title="Fallkonferenz", days=-3
    )
    client = login(office)
    refused = client.post(
        reverse("veranstaltungen:document_add", kwargs={"pk": closed.pk}),
        {"title": "Folien", "kind": "slides", "file": fake_pdf()},
    )
    assert refused.status_code == 200 and not EventDocument.objects.exists()
    response = client.post(
        reverse("veranstaltungen:document_add", kwargs={"pk": closed.pk}),
        {"title": "Folien Vortrag 1", "kind": "slides", "file": pdf_upload("Folien Vortrag.pdf")},
    )
    assert response.status_code == 302
    document = EventDocument.objects.get()
    download = client.get(document.get_download_url())
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.DOWNLOAD, target=f"veranstaltungen.eventdocument:{document.pk}"
    ).exists()
    assert login(member).get(document.get_download_url()).status_code == 404
    archive = login(office).get(reverse("veranstaltungen:archive")).content.decode()
    assert "Folien Vortrag 1" in archive  # the office lists what it manages, audience or not
    assert "Folien Vortrag 1" not in login(member).get(reverse("veranstaltungen:archive")).content.decode()
