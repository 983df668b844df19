"""Wiedervorlage reminders: the Redaktion hears once when the date has come and once when it is
overdue; the clock is moved by handing the run another day.

editor is the Redaktion of Shisha; Glücksspiel has no Redaktion (the Geschäftsstelle hears).
"""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from fachgebiete.models import Document, Rechtstatsache
from fachgebiete.models.review import OVERDUE_AFTER
from fachgebiete.reviews import send_review_reminders

OFFICE = "poststelle@sikoruhr.nrw.de"
TODAY = timezone.localdate()


def _days(delta: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=delta)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run_on(day: datetime.date):
        with django_capture_on_commit_callbacks(execute=True):
            return send_review_reminders(day)

    return run_on


@pytest.fixture
def checklist(shisha, make_document, editor):
    return make_document(shisha, title="Checkliste Wiedervorlage", valid_from=_days(-400), review_on=_days(0))


def _to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_due_then_overdue_each_exactly_once(run, checklist, editor):
    run(_days(-1))
    assert mail.outbox == []  # not yet due
    report = run(_days(0))
    assert (report.due, report.overdue, report.mails) == (1, 0, 1)
    [message] = _to(editor.email)
    assert message.subject == "[SiKo Ruhr Portal] Wiedervorlage in „Shisha“: Überprüfung"
    assert "Checkliste Wiedervorlage (Muster & Arbeitshilfen" in message.body and "Fällig:" in message.body
    assert f"https://portal.example.test{checklist.get_absolute_url()}" in message.body
    for day in (0, 1, OVERDUE_AFTER.days - 1):
        run(_days(day))
    assert len(mail.outbox) == 1
    run(_days(OVERDUE_AFTER.days))
    assert len(mail.outbox) == 2
    assert "Überfällig" in mail.outbox[1].body and "überfällige" in mail.outbox[1].subject
    run(_days(OVERDUE_AFTER.days))
    run(_days(OVERDUE_AFTER.days + 100))
    assert len(mail.outbox) == 2


def test_a_date_long_past_sends_one_overdue_reminder_not_two(run, shisha, make_document, editor):
    make_document(shisha, valid_from=_days(-400), review_on=_days(-90))
    run(_days(0))
    run(_days(1))
    [message] = _to(editor.email)
    assert "Überfällig" in message.body and "Fällig:" not in message.body


def test_without_redaktion_the_office_is_reminded(run, gluecksspiel, make_document):
    make_document(gluecksspiel, title="Merkblatt Spielhallen", valid_from=_days(-400), review_on=_days(-1))
    run(_days(0))
    [message] = _to(OFFICE)
    assert "weil das Fachgebiet noch keine Redaktion hat" in message.body


def test_one_mail_per_fachgebiet_for_documents_and_decisions(run, shisha, checklist, make_rechtstatsache, editor):
    make_rechtstatsache(shisha, aktenzeichen="4 K 1/24", review_on=_days(-2))
    report = run(_days(0))
    [message] = _to(editor.email)
    assert report.due == 2 and "4 K 1/24 (Rechtstatsachen" in message.body


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "submitted"},
        {"is_superseded": True, "superseded_reason": "ersetzt"},
        {"review_on": None},
    ],
    ids=["not-published", "superseded", "no-date"],
)
def test_documents_out_of_use_are_not_reminded(run, shisha, make_document, editor, fields):
    make_document(shisha, valid_from=_days(-400), **{"review_on": _days(-5), **fields})
    run(_days(0))
    run(_days(OVERDUE_AFTER.days))
    assert mail.outbox == []


def test_decisions_aufgehoben_are_not_reminded(run, shisha, make_rechtstatsache, editor):
    make_rechtstatsache(shisha, review_on=_days(-5), legal_status=Rechtstatsache.LegalStatus.AUFGEHOBEN)
    run(_days(0))
    assert mail.outbox == []


def test_a_new_date_set_by_the_redaktion_is_reminded_again(run, login, checklist, editor):
    run(_days(0))
    data = {
        "kind": checklist.kind,
        "title": checklist.title,
        "description": checklist.description,
        "partner": "",
        "valid_from": checklist.valid_from.isoformat(),
        "valid_until": "",
        "review_on": _days(180).isoformat(),
    }
    assert login(editor).post(checklist.get_edit_url(), data).status_code == 302
    stored = Document.objects.get(pk=checklist.pk)
    assert stored.review_reminded_at is None and stored.review_on == _days(180)
    run(_days(1))
    assert len(mail.outbox) == 1
    run(_days(180))
    assert len(mail.outbox) == 2


def test_editing_without_a_new_date_keeps_the_reminder_state(run, login, checklist, editor):
    run(_days(0))
    data = {
        "kind": checklist.kind,
        "title": "Checkliste (korrigiert)",
        "description": checklist.description,
        "partner": "",
        "valid_from": checklist.valid_from.isoformat(),
        "valid_until": "",
        "review_on": checklist.review_on.isoformat(),
    }
    assert login(editor).post(checklist.get_edit_url(), data).status_code == 302
    assert Document.objects.get(pk=checklist.pk).review_reminded_at is not None
    run(_days(1))
    assert len(mail.outbox) == 1


def test_the_command_reports(checklist, editor, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=out)
    assert "1 fällige und 0 überfällige Wiedervorlage(n), 1 E-Mail(s)" in out.getvalue()
    assert len(_to(editor.email)) == 1


@pytest.mark.parametrize("url", ["overview", "redaktion"])
def test_the_redaktion_pages_list_due_decisions_and_mark_overdue_ones(login, shisha, make_rechtstatsache, editor, url):
    make_rechtstatsache(shisha, aktenzeichen="4 K 1/24", review_on=_days(-2))
    make_rechtstatsache(shisha, aktenzeichen="4 K 2/24", review_on=_days(-OVERDUE_AFTER.days))
    page = login(editor).get(shisha.get_absolute_url() if url == "overview" else "/fachgebiete/redaktion/")
    html = page.content.decode()
    table = html[html.index("Muster und Rechtstatsachen mit fälliger Überprüfung") :]
    table = table[: table.index("</table>")]
    first, second = table.index("4 K 2/24"), table.index("4 K 1/24")
    assert first < second  # oldest date first
    assert "überfällig" in table[first:second] and "überfällig" not in table[second:]


def test_members_see_no_wiedervorlage(login, shisha, make_rechtstatsache):
    record = make_rechtstatsache(shisha, aktenzeichen="4 K 1/24", review_on=_days(-2))
    assert "Wiedervorlage" not in login("member").get(record.get_absolute_url()).content.decode()
    assert "fälliger Überprüfung" not in login("member").get(shisha.get_absolute_url()).content.decode()
