"""Periodic access review: the lead confirms members; the unconfirmed lose access after the deadline."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from facharbeitskreise import access, reviews, services
from facharbeitskreise.models import AccessReview
from tests.helpers import main_text

pytestmark = pytest.mark.django_db


def _url(name, area):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": area.slug})


@pytest.fixture
def review(area, ak_member, ak_contributor, office):
    return reviews.review_start(area=area, actor=office)


def test_review_lists_direct_members_and_confirms_the_lead(review, ak_member, ak_lead):
    decisions = dict(review.items.values_list("user_id", "decision"))
    assert decisions[ak_member.pk] == "pending" and decisions[ak_lead.pk] == "confirmed"


def test_starting_a_second_review_is_refused(review, area):
    with pytest.raises(services.AccessError, match="läuft bereits"):
        reviews.review_start(area=area)


def test_lead_confirms_and_completes_unconfirmed_lose_access(login, ak_lead, ak_member, ak_contributor, area, review):
    client = login(ak_lead)
    client.post(_url("lead_review", area), {"bestaetigt": [str(ak_member.pk)]})
    client.post(_url("lead_review_complete", area))
    review.refresh_from_db()
    assert review.outcome == "completed"
    assert (review.confirmed_count, review.removed_count) == (2, 1)
    assert access.role_of(ak_member, area) is not None
    assert access.role_of(ak_contributor, area) is None


def test_expired_review_removes_unconfirmed_and_mails_the_office(
    area, ak_member, review, django_capture_on_commit_callbacks, settings
):
    later = review.due_at + timezone.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        expired = reviews.reviews_expire(now=later)
    assert [r.pk for r in expired] == [review.pk]
    assert access.role_of(ak_member, area) is None
    office_mail = mail.outbox[-1]
    assert office_mail.to == settings.SIKO_OFFICE_EMAILS and area.name in office_mail.subject


def test_command_starts_due_reviews_and_mails_the_lead(
    area, ak_member, ak_lead, django_capture_on_commit_callbacks, monkeypatch
):
    # 200 days after the first grant (the audit log cannot be backdated: it is append-only).
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timezone.timedelta(days=200))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_access_reviews", stdout=open("/dev/null", "w"))
    assert AccessReview.objects.filter(area=area, outcome="open").exists()
    assert mail.outbox[-1].to == [ak_lead.email]


def test_command_leaves_recently_reviewed_areas_alone(area, ak_member):
    call_command("run_access_reviews", stdout=open("/dev/null", "w"))
    assert not AccessReview.objects.exists()


def test_office_sees_the_outcome(login, office, area, review, ak_lead):
    reviews.review_complete(review=review, actor=ak_lead)
    text = login(office).get(reverse("facharbeitskreise:office_area_detail", kwargs={"slug": area.slug})).content
    assert "von der Leitung abgeschlossen" in text.decode()


def test_confirming_without_a_running_review_says_so(login, ak_lead, area):
    response = login(ak_lead).post(_url("lead_review", area), {"bestaetigt": ["1"]}, follow=True)
    assert "läuft derzeit keine Zugriffsüberprüfung" in main_text(response)
    assert not AccessReview.objects.exists()


def test_archiving_ends_an_open_review_without_removing_anyone(area, review, ak_member, office):
    services.area_archive(area=area, actor=office)
    review.refresh_from_db()
    assert review.outcome == AccessReview.Outcome.CANCELLED and review.completed_at is not None
    reviews.reviews_expire(now=review.due_at + timezone.timedelta(days=1))
    assert access.role_of(ak_member, area) is not None
