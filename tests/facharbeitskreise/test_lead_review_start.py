"""The lead starts an access review of their own area; a second one while one runs is refused."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from facharbeitskreise import reviews
from facharbeitskreise.models import AccessReview, Arbeitskreis
from tests.helpers import main_text

pytestmark = pytest.mark.django_db


def _url(name, arbeitskreis):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug})


def test_the_review_page_offers_the_button_when_none_runs(login, ak_lead, arbeitskreis):
    assert "Zugriffsüberprüfung jetzt starten" in main_text(login(ak_lead).get(_url("lead_review", arbeitskreis)))


def test_lead_starts_a_review(login, ak_lead, ak_member, arbeitskreis):
    mail.outbox.clear()
    response = login(ak_lead).post(_url("lead_review_start", arbeitskreis), follow=True)
    review = AccessReview.objects.get(arbeitskreis=arbeitskreis)
    assert review.is_open and review.started_by == ak_lead
    assert set(review.items.values_list("user_id", flat=True)) == {ak_lead.pk, ak_member.pk}
    text = main_text(response)
    assert "wurde gestartet" in text and "Karl Mitglied" in text
    assert "Zugriffsüberprüfung jetzt starten" not in text


def test_a_second_review_is_refused_with_a_message(login, ak_lead, arbeitskreis, office):
    reviews.review_start(arbeitskreis=arbeitskreis, actor=office)
    response = login(ak_lead).post(_url("lead_review_start", arbeitskreis), follow=True)
    assert AccessReview.objects.filter(arbeitskreis=arbeitskreis).count() == 1
    assert "läuft bereits eine Zugriffsüberprüfung" in main_text(response)


def test_archived_arbeitskreis_refuses_with_a_message(login, ak_lead, arbeitskreis):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    client = login(ak_lead)
    response = client.post(_url("lead_review_start", arbeitskreis), follow=True)
    assert not AccessReview.objects.exists() and "archivierten Bereich" in main_text(response)
    assert "Zugriffsüberprüfung jetzt starten" not in main_text(client.get(_url("lead_review", arbeitskreis)))


def test_get_is_not_allowed(login, ak_lead, arbeitskreis):
    assert login(ak_lead).get(_url("lead_review_start", arbeitskreis)).status_code == 405
    assert not AccessReview.objects.exists()


@pytest.mark.parametrize("who", ["ak_member", "ak_contributor"])
def test_members_may_not_start_a_review(request, login, arbeitskreis, who):
    assert login(request.getfixturevalue(who)).post(_url("lead_review_start", arbeitskreis)).status_code == 403
    assert not AccessReview.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "office", "other_lead"])
def test_people_without_grant_get_404_on_get_and_post(request, login, arbeitskreis, ak_lead, who):
    client = login(request.getfixturevalue(who))
    assert client.get(_url("lead_review_start", arbeitskreis)).status_code == 404
    assert client.post(_url("lead_review_start", arbeitskreis)).status_code == 404
    assert not AccessReview.objects.exists()


def test_the_deadline_is_the_same_local_day_on_every_page_and_in_the_mail(
    login, ak_lead, arbeitskreis, office, settings, django_capture_on_commit_callbacks
):
    """Due at 31.12. 23:30 UTC is 01.01. in Essen: every place says 01.01., none 31.12."""
    import datetime

    mail.outbox.clear()
    due = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    start = due - datetime.timedelta(days=settings.SIKO_ACCESS_REVIEW_DAYS)
    with django_capture_on_commit_callbacks(execute=True):
        review = reviews.review_start(arbeitskreis=arbeitskreis, actor=office, now=start)
    assert review.due_at == due and f"{review.due_date:%d.%m.%Y}" == "01.01.2027"
    client = login(ak_lead)
    lead_page = main_text(client.get(_url("lead_review", arbeitskreis)))
    arbeitskreis_page = main_text(client.get(arbeitskreis.get_absolute_url()))
    client.force_login(office)
    office_page = main_text(
        client.get(reverse("facharbeitskreise:office_arbeitskreis_detail", kwargs={"slug": arbeitskreis.slug}))
    )
    assert mail.outbox
    texts = [lead_page, arbeitskreis_page, office_page] + [m.body for m in mail.outbox]
    assert all("01.01.2027" in text for text in texts)
    assert not any("31.12.2026" in text for text in texts)


def test_the_start_message_names_the_local_deadline_day(login, ak_lead, arbeitskreis, settings):
    """The success message after starting at 23:30 UTC (00:30 in Essen) names the same day as the pages."""
    import datetime
    from unittest import mock

    due = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    start = due - datetime.timedelta(days=settings.SIKO_ACCESS_REVIEW_DAYS)
    client = login(ak_lead)
    with mock.patch("facharbeitskreise.reviews.timezone.now", return_value=start):
        response = client.post(_url("lead_review_start", arbeitskreis))
    text = main_text(client.get(response["Location"]))
    assert "Bitte bestätigen Sie die Mitglieder bis zum 01.01.2027." in text
    assert "31.12.2026" not in text
