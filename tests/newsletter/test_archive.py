"""Members read every sent issue in the portal; drafts stay with the Geschäftsstelle."""

from __future__ import annotations

import pytest
from django.urls import reverse

from newsletter.models import Issue

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_the_login(client, issue):
    for target in (reverse("newsletter:archive"), reverse("newsletter:issue_detail", args=[issue.pk])):
        assert client.get(target)["Location"].startswith(reverse("account_login"))


def test_archive_lists_sent_issues_newest_first(member_client, make_issue):
    make_issue(number=1, title="Erste Ausgabe", status=Issue.Status.SENT, issue_date="2020-08-31")
    make_issue(number=2, title="Zweite Ausgabe", status=Issue.Status.SENT, issue_date="2020-11-30")
    make_issue(number=3, title="Noch ein Entwurf")
    page = main_text(member_client.get(reverse("newsletter:archive")))
    assert page.index("Zweite Ausgabe") < page.index("Erste Ausgabe")
    assert "Noch ein Entwurf" not in page and "2 Ausgaben" in page
    assert "Newsletter abonnieren" in page


def test_archive_empty_state(member_client):
    assert "Es ist noch keine Ausgabe erschienen." in main_text(member_client.get(reverse("newsletter:archive")))


def test_issue_detail_shows_the_sanitised_body(member_client, make_issue):
    issue = make_issue(status=Issue.Status.SENT, body="## Termine\n\n<script>x()</script>**Fachtag** am 1. März")
    page = main_text(member_client.get(reverse("newsletter:issue_detail", args=[issue.pk])))
    assert "<h2>Termine</h2>" in page and "<strong>Fachtag</strong>" in page and "<script" not in page
    assert 'href="/behoerden/stadt-essen/"' in page


def test_drafts_are_not_in_the_archive(member_client, office_client, issue):
    assert member_client.get(reverse("newsletter:issue_detail", args=[issue.pk])).status_code == 404


def test_archive_runs_a_fixed_number_of_queries(member_client, make_issue):
    make_issue(number=1, status=Issue.Status.SENT)
    few = count_queries(member_client, reverse("newsletter:archive"))
    for number in range(2, 40):
        make_issue(number=number, status=Issue.Status.SENT)
    assert count_queries(member_client, reverse("newsletter:archive")) == few
