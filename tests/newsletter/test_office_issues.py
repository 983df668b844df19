"""The Geschäftsstelle writes an issue, previews it, tests it, confirms the dispatch and watches it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from newsletter.models import Delivery, Issue

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db


def url(name: str, issue: Issue | None = None) -> str:
    return reverse(f"newsletter:{name}", args=[issue.pk] if issue else [])


ISSUE_DATA = {
    "number": "8",
    "title": "Rechtsprechung zum Glücksspiel",
    "issue_date": "2022-03-31",
    "body": "## Neue Urteile\n\nDas OVG Münster hat **entschieden**.",
    "portal_links": "Alle Partner | /behoerden/",
}


def test_office_writes_a_draft_and_sees_the_preview(office_client, office):
    response = office_client.post(url("office_issue_create"), ISSUE_DATA)
    issue = Issue.objects.get()
    assert response["Location"] == url("office_issue_preview", issue)
    assert issue.status == Issue.Status.DRAFT and issue.created_by == office
    page = main_text(office_client.get(response["Location"]))
    assert "<h2>Neue Urteile</h2>" in page and "<strong>entschieden</strong>" in page
    assert '<pre class="portal-mail-text">' in page and "Das OVG Münster hat entschieden." in page
    assert "Guten Tag Gina Muster," in page
    assert "SiKo-Ruhr-Newsletter Nr. 8: Rechtsprechung zum Glücksspiel" in page
    assert "Versand starten" in page and "Testmail an mich senden" in page


def test_the_form_suggests_the_next_number(office_client, make_issue):
    make_issue(number=11)
    assert 'value="12"' in main_text(office_client.get(url("office_issue_create")))


def test_invalid_issue_keeps_what_was_typed(office_client, make_issue):
    make_issue(number=8)
    data = {**ISSUE_DATA, "body": "Siehe [Akte](/verwaltung/nutzer/3/)", "portal_links": "Intern | /admin/"}
    response = office_client.post(url("office_issue_create"), data)
    page = main_text(response)
    assert response.status_code == 200 and "Bitte prüfen Sie Ihre Angaben" in page
    assert "Eine Ausgabe mit dieser Nummer gibt es bereits." in page
    assert "nicht verlinkt werden darf" in page and "Zeile 1:" in page
    assert "Rechtsprechung zum Glücksspiel" in page and "Siehe [Akte](/verwaltung/nutzer/3/)" in page
    assert Issue.objects.count() == 1


def test_office_edits_a_draft(office_client, issue):
    response = office_client.post(url("office_issue_edit", issue), {**ISSUE_DATA, "number": "7"})
    assert response["Location"] == url("office_issue_preview", issue)
    issue.refresh_from_db()
    assert issue.title == "Rechtsprechung zum Glücksspiel"


def test_a_sent_issue_cannot_be_edited_or_deleted(office_client, issue):
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENT)
    for name in ("office_issue_edit", "office_issue_delete"):
        response = office_client.post(url(name, issue), ISSUE_DATA)
        assert response["Location"] == url("office_issue_preview", issue)
    issue.refresh_from_db()
    assert issue.title != ISSUE_DATA["title"]
    assert "kann nicht mehr geändert werden" in main_text(office_client.get(url("office_issue_preview", issue)))


def test_deleting_a_draft_asks_first(office_client, issue):
    assert "Ja, Entwurf löschen" in main_text(office_client.get(url("office_issue_delete", issue)))
    assert Issue.objects.exists()
    office_client.post(url("office_issue_delete", issue))
    assert not Issue.objects.exists()


def test_test_mail_to_oneself(office_client, office, issue, make_subscriber):
    make_subscriber("extern@bochum.de")
    response = office_client.post(url("office_issue_test", issue))
    assert f"Die Testmail wurde an {office.email} gesendet." in main_text(office_client.get(response["Location"]))
    assert [m.to for m in mail.outbox] == [[office.email]]
    assert not Delivery.objects.exists()


def test_failed_test_mail_says_so(office_client, issue, recording_mail):
    recording_mail.unreachable = True
    response = office_client.post(url("office_issue_test", issue))
    assert "Die Testmail konnte nicht gesendet werden" in main_text(office_client.get(response["Location"]))


def test_dispatch_needs_a_confirmation_showing_the_recipient_count(office_client, issue, make_subscriber):
    for i in range(3):
        make_subscriber(f"p{i}@bochum.de")
    page = main_text(office_client.get(url("office_issue_dispatch", issue)))
    assert "3 bestätigte Adressen" in page and "Jetzt an 3 Adressen versenden" in page
    assert not mail.outbox and Issue.objects.get().status == Issue.Status.DRAFT
    response = office_client.post(url("office_issue_dispatch", issue))
    assert response["Location"] == url("office_issue_progress", issue)
    assert "Der Versand an 3 Empfängerinnen und Empfänger wurde gestartet." in main_text(
        office_client.get(response["Location"])
    )
    assert len(mail.outbox) == 3


def test_dispatching_twice_is_refused_with_a_clear_message(office_client, issue, make_subscriber):
    make_subscriber("p@bochum.de")
    office_client.post(url("office_issue_dispatch", issue))
    response = office_client.post(url("office_issue_dispatch", issue))
    assert "Jede Ausgabe wird nur einmal versandt." in main_text(office_client.get(response["Location"]))
    assert len(mail.outbox) == 1


def test_dispatch_without_subscribers_is_explained(office_client, issue):
    assert "noch keine bestätigten" in main_text(office_client.get(url("office_issue_dispatch", issue)))
    response = office_client.post(url("office_issue_dispatch", issue))
    assert response["Location"] == url("office_issue_preview", issue)
    assert "Die Ausgabe bleibt ein Entwurf" in main_text(office_client.get(response["Location"]))


def test_progress_page_shows_counts_failures_and_a_retry(office_client, issue, make_subscriber, recording_mail):
    for i in range(4):
        make_subscriber(f"p{i}@bochum.de")
    recording_mail.refused.add("p2@bochum.de")
    office_client.post(url("office_issue_dispatch", issue))
    page = main_text(office_client.get(url("office_issue_progress", issue)))
    assert '<progress id="versand-fortschritt" class="portal-progress__bar" max="4" value="4">' in page
    assert 'aria-live="polite"' in page and 'data-progress-field="sent">3<' in page
    assert 'data-progress-field="failed">1<' in page and "p2@bochum.de" in page and "550 5.1.1" in page
    assert "Fehlgeschlagene erneut senden" in page
    recording_mail.refused.clear()
    response = office_client.post(url("office_issue_retry", issue))
    assert "werden erneut versucht" in main_text(office_client.get(response["Location"]))
    assert [m.to[0] for m in mail.outbox].count("p2@bochum.de") == 1 and len(mail.outbox) == 4


def test_progress_status_for_the_polling_script(office_client, issue, make_subscriber):
    make_subscriber("p@bochum.de")
    office_client.post(url("office_issue_dispatch", issue))
    data = office_client.get(url("office_issue_status", issue)).json()
    assert data | {"status_label": ""} == {
        "status": "sent",
        "status_label": "",
        "total": 1,
        "sent": 1,
        "failed": 0,
        "pending": 0,
        "skipped": 0,
        "done": 1,
        "percent": 100,
        "finished": True,
        "stalled": False,
        "problem": "",
    }


def test_a_stalled_dispatch_offers_to_resume(office_client, issue, make_subscriber, settings):
    make_subscriber("p@bochum.de")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": settings.SIKO_TASK_QUEUES}
    }
    office_client.post(url("office_issue_dispatch", issue))
    Issue.objects.filter(pk=issue.pk).update(last_activity_at="2020-01-01T00:00Z")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": settings.SIKO_TASK_QUEUES}
    }
    page = main_text(office_client.get(url("office_issue_progress", issue)))
    assert "Versand fortsetzen" in page and "db_worker" in page
    office_client.post(url("office_issue_resume", issue))
    assert len(mail.outbox) == 1 and Issue.objects.get().status == Issue.Status.SENT


def test_issue_list_shows_status_and_counts_with_fixed_queries(office_client, make_issue, make_subscriber):
    make_subscriber("p@bochum.de")
    make_issue(number=1)
    few = count_queries(office_client, url("office_issue_list"))
    for number in range(2, 30):
        make_issue(number=number)
    assert count_queries(office_client, url("office_issue_list")) == few
    page = main_text(office_client.get(url("office_issue_list")))
    assert "29 Ausgaben" in page and "Entwurf" in page and "1 bestätigtes Abonnement" in page


def test_issue_list_empty_state(office_client):
    assert "Es gibt noch keine Ausgabe" in main_text(office_client.get(url("office_issue_list")))


def test_members_get_403_on_office_pages(member_client, issue):
    for name in ("office_issue_list", "office_subscriber_list"):
        assert member_client.get(url(name)).status_code == 403
    assert member_client.post(url("office_issue_dispatch", issue)).status_code == 403
    assert Issue.objects.get().status == Issue.Status.DRAFT
