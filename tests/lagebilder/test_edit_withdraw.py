"""The office edits a published Lagebild (audience included) and withdraws it.

for_kommunen reaches member and colleague (Essen, Kommunen); outsider and insider are LKA NRW."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from benachrichtigungen import outbox
from benachrichtigungen.models import Notice
from lagebilder import notifications, services
from lagebilder.models import Acknowledgement, Lagebild
from partner.models import AuditEvent, PartnerType
from tests.helpers import main_text
from zielgruppen.models import Scope

pytestmark = pytest.mark.django_db


def _url(name: str, item: Lagebild) -> str:
    return reverse(f"lagebilder:{name}", kwargs={"pk": item.pk})


def _edit_data(item: Lagebild, **changes) -> dict:
    data = {
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "handling_note": item.handling_note,
        "zielgruppe-scope": Scope.BEHOERDENARTEN,
        "zielgruppe-types": [PartnerType.KOMMUNE],
    }
    data.update(changes)
    return data


# --- Edit ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 302), ("applicant", 302), ("member", 403), ("outsider", 403), ("lead", 403), ("office", 200)],
)
@pytest.mark.parametrize("name", ["edit", "withdraw"])
def test_edit_and_withdraw_are_the_office_s(for_kommunen, role, status, name, login):
    response = login(role).get(_url(name, for_kommunen))
    assert response.status_code == status
    if status == 302:  # not admitted: to the login
        assert response["Location"].startswith("/konto/login/")


def test_edit_form_shows_the_current_values(for_kommunen, login):
    text = login("office").get(_url("edit", for_kommunen)).content.decode()
    assert for_kommunen.title in text and 'value="kommune"' in text


def test_office_edits_text_and_title_with_audit(for_kommunen, office, member, login):
    response = login("office").post(
        _url("edit", for_kommunen), _edit_data(for_kommunen, title="Lagebild Shisha-Bars, berichtigt"), follow=True
    )
    assert "Änderungen sind gespeichert (Titel)" in main_text(response)
    for_kommunen.refresh_from_db()
    assert for_kommunen.title == "Lagebild Shisha-Bars, berichtigt"
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LAGEBILD_EDITED)
    assert event.actor == office and event.detail["changed"] == ["Titel"]
    assert event.target == f"lagebilder.lagebild:{for_kommunen.pk}"
    assert "Lagebild Shisha-Bars, berichtigt" in main_text(login(member).get(for_kommunen.get_absolute_url()))


def test_unchanged_form_records_nothing(for_kommunen, login):
    response = login("office").post(_url("edit", for_kommunen), _edit_data(for_kommunen), follow=True)
    assert "Es wurde nichts geändert" in main_text(response)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LAGEBILD_EDITED).exists()


def test_changing_the_audience_re_evaluates_who_sees_it_and_keeps_acknowledgements(
    for_kommunen, member, outsider, polizei, login, django_capture_on_commit_callbacks
):
    Acknowledgement.objects.create(lagebild=for_kommunen, user=member)
    data = _edit_data(for_kommunen, **{"zielgruppe-scope": Scope.PARTNER, "zielgruppe-partners": [polizei.pk]})
    del data["zielgruppe-types"]
    with django_capture_on_commit_callbacks(execute=True):
        login("office").post(_url("edit", for_kommunen), data)
    assert login(member).get(for_kommunen.get_absolute_url()).status_code == 404
    assert login(outsider).get(for_kommunen.get_absolute_url()).status_code == 200
    assert Acknowledgement.objects.filter(lagebild=for_kommunen, user=member).exists()
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.LAGEBILD_EDITED).detail["changed"] == ["Zielgruppe"]
    # The newly reached people are told (insider and outsider of LKA NRW), nobody twice.
    assert outsider.email in [m.to[0] for m in mail.outbox]
    assert member.email not in [m.to[0] for m in mail.outbox]


def test_who_was_told_before_is_not_told_again_on_an_audience_change(
    for_kommunen, member, colleague, outsider, django_capture_on_commit_callbacks, login
):
    with django_capture_on_commit_callbacks(execute=True):
        notifications.lagebild_published(for_kommunen)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, colleague.email])
    mail.outbox.clear()
    data = _edit_data(for_kommunen, **{"zielgruppe-scope": Scope.ALLE})
    del data["zielgruppe-types"]
    with django_capture_on_commit_callbacks(execute=True):
        login("office").post(_url("edit", for_kommunen), data)
    told = [m.to[0] for m in mail.outbox]
    assert member.email not in told and colleague.email not in told
    assert told == [outsider.email]  # newly reached (the office published it and is not told)


def test_bad_edit_keeps_input_and_changes_nothing(for_kommunen, login):
    data = _edit_data(for_kommunen, title="", summary="Neuer Text")
    data["zielgruppe-types"] = []
    response = login("office").post(_url("edit", for_kommunen), data)
    assert response.status_code == 200
    text = main_text(response)
    assert "Bitte geben Sie einen Titel ein." in text
    assert "Bitte wählen Sie mindestens einen Behördentyp." in text
    assert "Neuer Text" in response.content.decode()
    for_kommunen.refresh_from_db()
    assert for_kommunen.summary != "Neuer Text"
    assert list(for_kommunen.audience.type_values()) == [PartnerType.KOMMUNE]
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LAGEBILD_EDITED).exists()


# --- Withdraw -----------------------------------------------------------------------------------


def test_withdraw_needs_a_reason(for_kommunen, login):
    response = login("office").post(_url("withdraw", for_kommunen), {"reason": "   "})
    assert response.status_code == 200
    assert "Bitte geben Sie an, warum der Eintrag zurückgezogen wird." in main_text(response)
    for_kommunen.refresh_from_db()
    assert not for_kommunen.is_withdrawn
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LAGEBILD_WITHDRAWN).exists()


def test_confirmation_page_names_the_consequences(for_kommunen, login):
    text = main_text(login("office").get(_url("withdraw", for_kommunen)))
    assert "zurückziehen?" in text and "Grund der Rücknahme" in text


@pytest.fixture
def withdrawn(for_kommunen, office, member, login):
    Acknowledgement.objects.create(lagebild=for_kommunen, user=member)
    login("office").post(_url("withdraw", for_kommunen), {"reason": "Falsche Fassung veröffentlicht"})
    for_kommunen.refresh_from_db()
    return for_kommunen


def test_withdraw_is_recorded_and_audited(withdrawn, office):
    assert withdrawn.is_withdrawn and withdrawn.withdrawn_by == office
    assert withdrawn.withdrawal_reason == "Falsche Fassung veröffentlicht"
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LAGEBILD_WITHDRAWN)
    assert event.actor == office and event.detail["reason"] == "Falsche Fassung veröffentlicht"


@pytest.mark.parametrize("role", ["member", "colleague"])
def test_withdrawn_vanishes_for_recipients(withdrawn, role, login):
    client = login(role)
    assert client.get(withdrawn.get_absolute_url()).status_code == 404
    assert withdrawn.title not in main_text(client.get(reverse("lagebilder:list")))
    assert withdrawn.title not in main_text(client.get(reverse("home")))
    assert withdrawn.title not in main_text(
        client.get(reverse("fachgebiete:rubrik_overview", kwargs={"slug": "lagebilder"}))
    )
    search = main_text(client.get(reverse("search"), {"q": withdrawn.title}))
    assert withdrawn.get_absolute_url() not in search
    assert client.post(_url("acknowledge", withdrawn)).status_code == 404


def test_the_office_keeps_status_page_and_figures(withdrawn, login):
    client = login("office")
    text = main_text(client.get(_url("status", withdrawn)))
    assert "Zurückgezogen am" in text and "Falsche Fassung veröffentlicht" in text
    assert "<strong>1 von 2</strong> Personen" in text  # member and office (Essen); member took note
    assert "Bearbeiten" not in text
    assert "zurückgezogen am" in main_text(client.get(reverse("lagebilder:manage_list")))
    assert client.get(_url("export", withdrawn)).status_code == 200
    detail = main_text(client.get(withdrawn.get_absolute_url()))
    assert "Zurückgezogen am" in detail and "Zur Kenntnis genommen</span></button>" not in detail


def test_withdrawn_cannot_be_withdrawn_edited_or_reminded_again(withdrawn, login):
    client = login("office")
    assert "bereits zurückgezogen" in main_text(client.post(_url("withdraw", withdrawn), {"reason": "x"}, follow=True))
    assert "nicht mehr geändert" in main_text(client.get(_url("edit", withdrawn), follow=True))
    assert "Erinnerung ist nicht vorgesehen" in main_text(client.post(_url("remind", withdrawn), follow=True))
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LAGEBILD_WITHDRAWN).count() == 1
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.ACKNOWLEDGEMENT_REMINDED).exists()
    assert mail.outbox == []


def test_pending_news_of_a_withdrawn_one_is_not_mailed(for_kommunen, office, member, colleague):
    notifications.lagebild_published(for_kommunen)  # recorded, not yet sent (no commit callbacks)
    assert Notice.objects.unsent().count() == 2
    assert services.lagebild_withdraw(lagebild=for_kommunen, reason="Irrtum", user=office)
    outbox.send_due()
    assert mail.outbox == []
    assert not Notice.objects.exists()
    assert not services.lagebild_withdraw(lagebild=for_kommunen, reason="Irrtum", user=office)
