"""load_demo fills the portal like a busy one: the promised numbers of items, real files, working days,
dates relative to today, and what is new on a first visit. The demo is loaded once per module."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import docx
import pytest
from django.utils import timezone
from pypdf import PdfReader

from demo.dates import days_off, easter_sunday, is_working_day
from dokumente.models import StoredFile, TextStatus
from facharbeitskreise import recent as arbeitskreis_recent
from facharbeitskreise.access import Role, member_roles
from facharbeitskreise.models import Arbeitskreis, ArbeitskreisDocument, Meeting, Post, Thread
from fachgebiete import access, recent
from fachgebiete.models import Article, Document, DocumentVersion, Fachgebiet, Rechtstatsache, Status
from partner.models import User
from sikoportal.visits import news_since
from suche.query import search

pytestmark = pytest.mark.django_db

OOXML = "application/vnd.openxmlformats-officedocument"
# "19 L 312/23", "6 K 2214/20 VTa", "III-5 RBs 64/23", "8 C 9.21", "L 8 BA 112/20", "729 OWi 412/22"
AKTENZEICHEN = re.compile(r"^(?:[IVX]+-)?(?:L )?\d+ [A-Za-z]{1,4}(?: [A-Za-z]{1,2})? \d+[/.](\d{2})(?: [A-Za-z]+)?$")


@pytest.fixture(autouse=True)
def demo(loaded_demo, settings) -> str:
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(loaded_demo.media)
    return loaded_demo.output


def plain(hits) -> list[str]:
    return [re.sub(r"</?mark>", "", str(hit.title)) for hit in hits]


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


# --- Fachgebiete and rubrics -------------------------------------------------------------


def test_every_fachgebiet_has_8_informationen_8_muster_and_6_rechtstatsachen():
    arbeitskreise = list(Fachgebiet.objects.fachgebiete())
    assert len(arbeitskreise) == 9
    for arbeitskreis in arbeitskreise:
        assert Article.objects.published().filter(fachgebiet=arbeitskreis).count() >= 8, arbeitskreis
        assert Document.objects.published().filter(fachgebiet=arbeitskreis).count() >= 8, arbeitskreis
        assert Rechtstatsache.objects.published().filter(fachgebiet=arbeitskreis).count() >= 6, arbeitskreis


def test_every_rubric_has_8_informationen_and_8_muster():
    rubrics = list(Fachgebiet.objects.rubriken())
    assert {rubric.slug for rubric in rubrics} == {"lagebilder", "informationsaustausch", "praevention"}
    for rubric in rubrics:
        assert Article.objects.published().filter(fachgebiet=rubric).count() >= 8, rubric
        assert Document.objects.published().filter(fachgebiet=rubric).count() >= 8, rubric


def test_every_arbeitskreis_has_documents_in_several_versions_and_one_ueberholt():
    for arbeitskreis in Fachgebiet.objects.all():
        versions = [document.versions.count() for document in Document.objects.filter(fachgebiet=arbeitskreis)]
        assert versions.count(3) >= 1 and sum(1 for count in versions if count >= 2) >= 3, arbeitskreis
        superseded = Document.objects.filter(fachgebiet=arbeitskreis, is_superseded=True)
        assert superseded.count() == 1 and superseded.get().superseded_reason, arbeitskreis


def test_the_files_are_real_pdf_docx_and_xlsx_with_their_text_read():
    files = StoredFile.objects.filter(pk__in=DocumentVersion.objects.values("file"))
    kinds = set(files.values_list("content_type", flat=True))
    assert kinds == {"application/pdf", f"{OOXML}.wordprocessingml.document", f"{OOXML}.spreadsheetml.sheet"}
    assert not files.exclude(text_status=TextStatus.DONE).exists()
    assert not StoredFile.objects.exclude(text_status=TextStatus.DONE).exists()

    version = DocumentVersion.objects.get(document__title="Untersagungsverfügung Shisha-Bar (Muster)", number=3)
    with version.file.file.open("rb") as handle:
        paragraphs = [paragraph.text for paragraph in docx.Document(io.BytesIO(handle.read())).paragraphs]
    assert "Ordnungsverfügung – Untersagung der Fortsetzung des Betriebs" in paragraphs
    assert paragraphs[-1].startswith("Fassung 3 vom ")
    version = DocumentVersion.objects.get(document__title="Messprotokoll Kohlenmonoxid")
    with version.file.file.open("rb") as handle:
        assert zipfile.ZipFile(handle).testzip() is None
    assert "Räumung angeordnet" in version.file.text
    version = DocumentVersion.objects.filter(document__title="Checkliste Shisha-Kontrolle").order_by("number").first()
    with version.file.file.open("rb") as handle:
        assert "Kohlenmonoxid-Messung vor Betreten" in PdfReader(handle).pages[0].extract_text()


def test_decisions_have_plausible_courts_and_file_numbers_and_no_beispiel():
    decisions = Rechtstatsache.objects.exclude(kind=Rechtstatsache.Kind.RECHTSTATSACHE)
    assert decisions.count() >= 40
    for record in Rechtstatsache.objects.all():
        assert "beispiel" not in f"{record.title} {record.court} {record.aktenzeichen}".lower(), record
    for record in decisions:
        match = AKTENZEICHEN.match(record.aktenzeichen)
        assert match, record.aktenzeichen
        filed = 2000 + int(match.group(1))
        assert 0 <= record.decision_date.year - filed <= 3, record
        assert record.norms and record.headnote
        assert record.summary.startswith("Erfundene Entscheidung"), record


def test_the_search_finds_demo_articles_and_the_text_inside_demo_files():
    member = User.objects.get(email="nutzer@essen.de")
    hits = search(member, "Nadelstichtaktik").hits
    assert "Nadelstichtaktik: regelmäßige Kontrollen statt Großeinsatz" in plain(hits)
    # Only in the spreadsheet's cells, not in title or description.
    assert "Messprotokoll Kohlenmonoxid" in plain(search(member, "Gerätenummer").hits)


# --- Closed areas -------------------------------------------------------------------------


def test_every_closed_arbeitskreis_has_members_documents_meetings_and_discussions():
    now = timezone.now()
    for arbeitskreis in Arbeitskreis.objects.all():
        roles = member_roles(arbeitskreis)
        assert 4 <= len(roles) <= 12, arbeitskreis
        assert list(roles.values()).count(Role.LEITUNG) == 1, arbeitskreis
        assert (
            ArbeitskreisDocument.objects.filter(arbeitskreis=arbeitskreis)
            .exclude(title__startswith="Protokoll")
            .exists()
        ), arbeitskreis
        past = Meeting.objects.filter(arbeitskreis=arbeitskreis, starts_at__lt=now)
        assert past.exists() and not past.filter(minutes__isnull=True).exists(), arbeitskreis
        assert all(meeting.attendances.count() == len(roles) for meeting in past), arbeitskreis
        assert Meeting.objects.filter(arbeitskreis=arbeitskreis, starts_at__gt=now).exists(), arbeitskreis
        threads = Thread.objects.filter(arbeitskreis=arbeitskreis)
        assert threads.exists(), arbeitskreis
        for thread in threads:
            assert thread.post_count == Post.objects.filter(thread=thread).count() >= 2, thread


def test_minutes_are_real_pdfs():
    meeting = Meeting.objects.get(title="2. Sitzung des Facharbeitskreises Shisha")
    with meeting.minutes.versions.get().file.file.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(handle).pages)
    assert "Kohlenmonoxid-Warngeräten" in text


def test_demo_roles_keep_their_arbeitskreise():
    """The README's accounts: the member sees no closed area, AK-Mitglied two, AK-Leitung leads three."""

    def arbeitskreise(email):
        return {arbeitskreis.slug: role for arbeitskreis, role in _roles(User.objects.get(email=email))}

    assert arbeitskreise("nutzer@essen.de") == {}
    assert arbeitskreise("redaktion@hagen.de") == {}
    assert set(arbeitskreise("ak-mitglied@polizei.nrw.de")) == {"shisha", "informationsaustausch-sozialleistungsbetrug"}
    assert arbeitskreise("ak-leitung@dortmund.de") == {
        "shisha": Role.LEITUNG,
        "praevention": Role.LEITUNG,
        "praeventionsprojekt-360": Role.LEITUNG,
    }


def _roles(user):
    for arbeitskreis in Arbeitskreis.objects.all():
        role = member_roles(arbeitskreis).get(user.pk)
        if role is not None:
            yield arbeitskreis, role


# --- Dates --------------------------------------------------------------------------------


def test_the_calendar_knows_the_days_off_in_nrw():
    assert easter_sunday(2026) == datetime.date(2026, 4, 5)
    off = days_off(2026)
    for day in ("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25", "2026-06-04", "2026-12-24"):
        assert datetime.date.fromisoformat(day) in off
    assert not is_working_day(datetime.date(2026, 12, 31)) and not is_working_day(datetime.date(2026, 12, 26))
    assert is_working_day(datetime.date(2026, 12, 29)) and not is_working_day(datetime.date(2026, 12, 27))


def test_meetings_and_publications_fall_on_working_days():
    for meeting in Meeting.objects.all():
        assert is_working_day(local_day(meeting.starts_at)), meeting
    for model in (Article, Document, Rechtstatsache):
        for item in model.objects.exclude(published_at=None):
            assert is_working_day(local_day(item.published_at)), item


def test_content_is_of_the_last_weeks_and_meetings_lie_ahead():
    now = timezone.now()
    for model in (Article, Document, Rechtstatsache):
        published = model.objects.published()
        assert not published.filter(published_at__gt=now).exists()
        # The newest item of every section of every Fachgebiet (and rubric) is less than a week old.
        assert published.filter(published_at__gte=now - datetime.timedelta(days=7)).count() >= 9
    newest = max(Article.objects.published().values_list("published_at", flat=True))
    assert now - newest < datetime.timedelta(days=5)
    ahead = Meeting.objects.filter(starts_at__gt=now)
    assert ahead.filter(starts_at__lt=now + datetime.timedelta(days=21)).count() >= 3


def test_a_first_login_shows_what_is_new_since_the_last_visit(client):
    member = User.objects.get(email="ak-mitglied@polizei.nrw.de")
    client.force_login(member)

    since, previous = news_since(member)
    assert previous is not None and timezone.now() - previous < datetime.timedelta(days=10)
    assert len(recent.new_published(member, since).items) == recent.LIMIT
    assert arbeitskreis_recent.new_events(member, since)
    arbeitskreise = client.get("/fachgebiete/").context["fachgebiete"]
    assert all(arbeitskreis.last_seen is not None and arbeitskreis.new_count > 0 for arbeitskreis in arbeitskreise)


def test_the_redaktion_and_the_members_own_submissions():
    editor = User.objects.get(email="redaktion@hagen.de")
    assert access.can_edit(editor, Fachgebiet.objects.get(slug="shisha"))
    member = User.objects.get(email="nutzer@essen.de")
    states = {a.status for a in Article.objects.filter(author=member)} | {
        r.status for r in Rechtstatsache.objects.filter(author=member)
    }
    assert states == {Status.RETURNED, Status.SUBMITTED}


# --- Veranstaltungen ------------------------------------------------------------------------


def test_the_demo_events_cover_target_groups_a_postponement_a_cancellation_and_a_rueckblick():
    from veranstaltungen.models import Event, Registration
    from zielgruppen.models import Scope

    events = list(Event.objects.select_related("audience"))
    now = timezone.now()
    assert any("Jahrestagung" in event.title and event.ends_at > now for event in events)
    assert {event.audience.scope for event in events} >= {Scope.ALLE, Scope.BEHOERDENARTEN, Scope.ARBEITSKREISE}
    assert {event.status for event in events} == set(Event.Status.values)
    assert all(event.documents.exists() for event in events if event.ends_at < now)
    assert Registration.objects.filter(status=Registration.Status.WAITING).exists()
    assert all(is_working_day(local_day(event.starts_at)) for event in events)
