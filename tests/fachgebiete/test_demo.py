"""load_demo fills every Fachgebiet and rubric with content and real files."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from fachgebiete import access
from fachgebiete.models import Article, Document, DocumentVersion, Fachgebiet, Rechtstatsache, Status
from partner.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(media_root):
    call_command("load_demo", stdout=StringIO())


def test_every_fachgebiet_and_rubric_has_content(demo):
    for area in Fachgebiet.objects.all():
        assert Article.objects.published().filter(fachgebiet=area).exists(), area
    for area in Fachgebiet.objects.fachgebiete():
        assert Document.objects.published().filter(fachgebiet=area).exists(), area
        assert Rechtstatsache.objects.published().filter(fachgebiet=area).exists(), area


def test_demo_documents_are_real_files(demo):
    version = DocumentVersion.objects.select_related("file").filter(file__content_type="application/pdf").first()
    with version.file.file.open("rb") as handle:
        assert "Checkliste" in PdfReader(handle).pages[0].extract_text() or version.file.size > 0


def test_the_hagen_practice_is_there(demo):
    assert Article.objects.filter(fachgebiet__slug="shisha", body__contains="Lebensmittelüberwachung").exists()


def test_invented_decisions_are_marked_as_examples(demo):
    for record in Rechtstatsache.objects.exclude(kind=Rechtstatsache.Kind.RECHTSTATSACHE):
        assert "Beispiel" in record.court and "Beispiel" in record.aktenzeichen


def test_redaktion_and_member_submissions(demo):
    editor = User.objects.get(email="redaktion@hagen.de")
    assert access.can_edit(editor, Fachgebiet.objects.get(slug="shisha"))
    member = User.objects.get(email="nutzer@essen.de")
    states = {a.status for a in Article.objects.filter(author=member)} | {
        r.status for r in Rechtstatsache.objects.filter(author=member)
    }
    assert states == {Status.RETURNED, Status.SUBMITTED}


def test_running_it_twice_adds_nothing(demo):
    counts = [m.objects.count() for m in (Article, Document, DocumentVersion, Rechtstatsache)]
    call_command("load_demo", stdout=StringIO())
    assert [m.objects.count() for m in (Article, Document, DocumentVersion, Rechtstatsache)] == counts
