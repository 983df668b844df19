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


def _url(name, arbeitskreis):
    return reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug})


@pytest.fixture
def review(arbeitskreis, ak_member, ak_contributor, office):
    return reviews.review_start(arbeitskreis=arbeitskreis, actor=office)


def test_review_lists_direct_members_and_confirms_the_lead(review, ak_member, ak_lead):
    decisions = dict(review.items.values_list("user_id", "decision"))
    assert decisions[ak_member.pk] == "pending" and decisions[ak_lead.pk] == "confirmed"


def test_starting_a_second_review_is_refused(review, arbeitskreis):
    with pytest.raises(services.AccessError, match="läuft bereits"):
        reviews.review_start(arbeitskreis=arbeitskreis)


def test_lead_confirms_and_completes_unconfirmed_lose_access(
    login, ak_lead, ak_member, ak_contributor, arbeitskreis, review
):
    client = login(ak_lead)
    client.post(_url("lead_review", arbeitskreis), {"bestaetigt": [str(ak_member.pk)]})
    client.post(_url("lead_review_complete", arbeitskreis))
    review.refresh_from_db()
    assert review.outcome == "completed"
    assert (review.confirmed_count, review.removed_count) == (2, 1)
    assert access.role_of(ak_member, arbeitskreis) is not None
    assert access.role_of(ak_contributor, arbeitskreis) is None


def test_expired_review_removes_unconfirmed_and_mails_the_office(
    arbeitskreis, ak_member, review, django_capture_on_commit_callbacks, settings
):
    later = review.due_at + timezone.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        expired = reviews.reviews_expire(now=later)
    assert [r.pk for r in expired] == [review.pk]
    assert access.role_of(ak_member, arbeitskreis) is None
    office_mail = mail.outbox[-1]
    assert office_mail.to == settings.SIKO_OFFICE_EMAILS and arbeitskreis.name in office_mail.subject


def test_command_starts_due_reviews_and_mails_the_lead(
    arbeitskreis, ak_member, ak_lead, django_capture_on_commit_callbacks, monkeypatch
):
    # 200 days after the first grant (the audit log cannot be backdated: it is append-only).
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timezone.timedelta(days=200))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_access_reviews", stdout=open("/dev/null", "w"))
    assert AccessReview.objects.filter(arbeitskreis=arbeitskreis, outcome="open").exists()
    assert mail.outbox[-1].to == [ak_lead.email]


def test_command_leaves_recently_reviewed_arbeitskreise_alone(arbeitskreis, ak_member):
    call_command("run_access_reviews", stdout=open("/dev/null", "w"))
    assert not AccessReview.objects.exists()


def test_office_sees_the_outcome(login, office, arbeitskreis, review, ak_lead):
    reviews.review_complete(review=review, actor=ak_lead)
    text = (
        login(office)
        .get(reverse("facharbeitskreise:office_arbeitskreis_detail", kwargs={"slug": arbeitskreis.slug}))
        .content
    )
    assert "von der Leitung abgeschlossen" in text.decode()


def test_confirming_without_a_running_review_says_so(login, ak_lead, arbeitskreis):
    response = login(ak_lead).post(_url("lead_review", arbeitskreis), {"bestaetigt": ["1"]}, follow=True)
    assert "läuft derzeit keine Zugriffsüberprüfung" in main_text(response)
    assert not AccessReview.objects.exists()


def test_archiving_ends_an_open_review_without_removing_anyone(arbeitskreis, review, ak_member, office):
    services.arbeitskreis_archive(arbeitskreis=arbeitskreis, actor=office)
    review.refresh_from_db()
    assert review.outcome == AccessReview.Outcome.CANCELLED and review.completed_at is not None
    reviews.reviews_expire(now=review.due_at + timezone.timedelta(days=1))
    assert access.role_of(ak_member, arbeitskreis) is not None
