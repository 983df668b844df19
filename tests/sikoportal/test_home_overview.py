"""The start page's overview cards: the next meetings of my areas, the latest newsletter, my
areas – and that no sentence appears twice and every role's page costs a fixed number of queries.

- member belongs to the confidential area "Projekt Verborgen" (and later to more areas);
- outsider belongs to no area; editor is the Redaktion of Shisha; lead leads the confidential
  area; office is the Geschäftsstelle.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from facharbeitskreise import services as arbeitskreis_services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis, Meeting
from newsletter.models import Issue
from tests.veranstaltungen.conftest import make_event

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db


def in_days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def meeting(arbeitskreis, title: str, *, days: float) -> Meeting:
    return Meeting.objects.create(
        arbeitskreis=arbeitskreis,
        title=title,
        starts_at=in_days(days),
        ends_at=in_days(days) + datetime.timedelta(hours=2),
    )


def home_text(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return main_text(response)


# --- Meetings -------------------------------------------------------------------------------


def test_members_see_the_next_meetings_of_their_arbeitskreise_soonest_first(client, member, secret_arbeitskreis):
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    later = meeting(secret_arbeitskreis, "Zweite Sitzung", days=20)
    meeting(secret_arbeitskreis, "Erste Sitzung", days=3)
    meeting(secret_arbeitskreis, "Vergangene Sitzung", days=-3)
    text = home_text(client, member)
    card = text[text.index('id="sitzungen-heading"') : text.index('id="bereiche-heading"')]
    assert re.findall(r">(\w+ Sitzung)</a>", card) == ["Erste Sitzung", "Zweite Sitzung"]
    assert f'href="{later.get_absolute_url()}"' in card
    assert "· Projekt Verborgen" in card
    assert f"{timezone.localtime(later.starts_at):%d.%m.%Y, %H:%M} Uhr</time>" in card


def test_at_most_five_meetings(client, member, secret_arbeitskreis):
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    for i in range(7):
        meeting(secret_arbeitskreis, f"Termin-{i}", days=i + 1)
    assert re.findall(r">Termin-(\d)</a>", home_text(client, member)) == ["0", "1", "2", "3", "4"]


def test_outsiders_see_no_meeting_of_a_closed_arbeitskreis(client, outsider, member, secret_arbeitskreis):
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    meeting(secret_arbeitskreis, "Geheime Sitzung", days=2)
    text = home_text(client, outsider)
    assert "Geheime Sitzung" not in text and "Projekt Verborgen" not in text
    assert "Hier erscheinen die Sitzungen der Arbeitskreise und Projekte, denen Sie angehören." in text


def test_archived_arbeitskreise_hold_no_upcoming_meetings(client, member, secret_arbeitskreis):
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    meeting(secret_arbeitskreis, "Nach der Archivierung", days=2)
    Arbeitskreis.objects.filter(pk=secret_arbeitskreis.pk).update(is_archived=True)
    text = home_text(client, member)
    assert "Nach der Archivierung" not in text
    assert "In Ihren Arbeitskreisen und Projekten ist zurzeit keine Sitzung geplant." in text


# --- Newsletter -----------------------------------------------------------------------------


def test_the_latest_published_issue_is_shown(client, member):
    Issue.objects.create(number=1, title="Frühjahr", body="x", status=Issue.Status.SENT, issue_date="2026-03-31")
    latest = Issue.objects.create(number=2, title="Sommer", body="x", status=Issue.Status.SENT, issue_date="2026-06-30")
    Issue.objects.create(number=3, title="Entwurf Herbst", body="x", issue_date="2026-09-30")
    text = home_text(client, member)
    card = text[text.index('id="newsletter-heading"') : text.index('id="neu-heading"')]
    assert f'<a class="kern-link" href="{latest.get_absolute_url()}">Nr. 2: Sommer</a>' in card
    assert 'Ausgabe vom <time datetime="2026-06-30">30.06.2026</time>' in card
    assert "Frühjahr" not in card and "Entwurf Herbst" not in text
    assert reverse("newsletter:archive") in card


def test_without_issues_the_newsletter_card_says_so(client, member):
    Issue.objects.create(number=1, title="Entwurf", body="x")
    text = home_text(client, member)
    assert "Noch ist keine Ausgabe erschienen." in text
    assert "Entwurf" not in text


# --- Tasks and wording ----------------------------------------------------------------------


def test_members_without_tasks_see_no_task_section(client, member):
    assert 'id="aufgaben-heading"' not in home_text(client, member)


@pytest.mark.parametrize("role", ["editor", "lead", "office"])
def test_roles_with_tasks_find_them_first_in_cards(client, request, role):
    text = home_text(client, request.getfixturevalue(role))
    assert 'id="aufgaben-heading"' in text
    assert text.index('id="aufgaben-heading"') < text.index('id="sitzungen-heading"') < text.index('id="neu-heading"')
    tasks = text[text.index('id="aufgaben-heading"') : text.index('id="sitzungen-heading"')]
    assert 'class="kern-card kern-card--small"' in tasks


@pytest.mark.parametrize("role", ["member", "outsider", "editor", "lead", "office"])
def test_no_sentence_appears_twice(client, request, role):
    text = re.sub(r"<[^>]+>", " ", home_text(client, request.getfixturevalue(role)))
    sentences = [" ".join(s.split()) for s in re.split(r"(?<=[.!?])\s", text)]
    repeated = [s for s, n in Counter(sentences).items() if n > 1 and len(s) > 20]
    assert repeated == []


# --- A fixed number of queries for every role -----------------------------------------------

# Measured on SQLite and PostgreSQL (session, user, visit, the person's areas and roles, the
# Fachgebiete, follows, one cache read for "Neu im Portal", one for her Lagebilder, events, area
# news and meetings, one for her open submissions, newsletter, partners): member and outsider 9,
# lead 10 (+ open membership requests), editor 12 (+ rights generation, waiting items, permissions),
# office 16 (+ permissions, open admissions, deletion requests, area counts). A new query must be a
# conscious choice.
QUERY_BOUND = {"member": 9, "outsider": 9, "editor": 12, "lead": 10, "office": 16}


def _more_content(user, secret_arbeitskreis, n: int, tag: str) -> None:
    for i in range(n):
        arbeitskreis = Arbeitskreis.objects.create(name=f"AK {tag}{i}", slug=f"ak-{tag}{i}")
        arbeitskreis_services.role_grant(arbeitskreis=arbeitskreis, user=user, role=Role.MITGLIED, actor=None)
        meeting(arbeitskreis, f"Sitzung {tag}{i}", days=i + 1)
        make_event(title=f"Veranstaltung {tag}{i}", days=i + 1)
    Issue.objects.create(number=100 + len(tag) * 10 + n, title=f"Ausgabe {tag}", body="x", status=Issue.Status.SENT)


@pytest.mark.parametrize("role", ["member", "outsider", "editor", "lead", "office"])
def test_each_role_runs_a_bounded_fixed_number_of_queries(client, request, role, secret_arbeitskreis):
    user = request.getfixturevalue(role)
    client.force_login(user)
    _more_content(user, secret_arbeitskreis, 1, "a")
    client.get(reverse("home"))  # warm caches (content types, permissions)
    few = count_queries(client, reverse("home"))
    _more_content(user, secret_arbeitskreis, 8, "bb")
    # New areas, meetings and events: her Lagebilder, events, area news and meetings are asked anew
    # once (four queries).
    cold = count_queries(client, reverse("home"))
    many = count_queries(client, reverse("home"))
    assert cold == few + 4, (few, cold)
    assert many == few, (few, many)
    assert few <= QUERY_BOUND[role], few
