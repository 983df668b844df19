"""The demo content of the closed areas: members, meetings with real minutes, documents, a thread."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from facharbeitskreise.access import Role, role_of
from facharbeitskreise.models import Arbeitsbereich, AreaDocument, Meeting, Thread
from partner.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("load_demo", stdout=StringIO())


def test_demo_users_hold_their_roles(demo):
    shisha = Arbeitsbereich.objects.get(slug="shisha")
    projekt = Arbeitsbereich.objects.get(slug="informationsaustausch-sozialleistungsbetrug")
    member = User.objects.get(email="ak-mitglied@polizei.nrw.de")
    assert role_of(User.objects.get(email="ak-leitung@dortmund.de"), shisha) == Role.LEITUNG
    assert role_of(member, shisha) == Role.MITGLIED and role_of(member, projekt) is not None


def test_minutes_are_real_pdfs_with_german_text(demo):
    meeting = Meeting.objects.get(title="2. Sitzung des Facharbeitskreises Shisha")
    stored = meeting.minutes.versions.get().file
    with stored.file.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(handle).pages)
    assert "Kohlenmonoxid" in text


def test_there_is_an_upcoming_meeting_and_a_discussion(demo):
    assert Meeting.objects.upcoming().filter(area__slug="shisha").exists()
    assert Thread.objects.get(area__slug="informationsaustausch-sozialleistungsbetrug").posts.count() == 4


def test_loading_twice_changes_nothing(demo):
    counts = (AreaDocument.objects.count(), Meeting.objects.count(), Thread.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (AreaDocument.objects.count(), Meeting.objects.count(), Thread.objects.count()) == counts
