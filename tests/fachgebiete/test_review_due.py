"""Documents whose Überprüfung (Wiedervorlage) date has come are flagged to the Redaktion."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from fachgebiete.models import Document, Status

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db

REVIEW_OVERVIEW = "/fachgebiete/redaktion/"


def _days(delta: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=delta)


@pytest.fixture
def due(shisha, make_document):
    return make_document(shisha, title="Checkliste Wiedervorlage", valid_from=_days(-400), review_on=_days(-3))


def _note(document: Document) -> str:
    return f"Überprüfung fällig seit {document.review_on:%d.%m.%Y}"


@pytest.mark.parametrize("role", ["editor", "office"])
def test_the_document_page_tells_the_redaktion(login, due, role):
    assert _note(due) in main_text(login(role).get(due.get_absolute_url()))


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_members_see_no_review_note(login, due, role):
    page = main_text(login(role).get(due.get_absolute_url()))
    assert "Überprüfung fällig" not in page and due.review_on.strftime("%d.%m.%Y") in page


def test_the_review_date_itself_counts_as_due(login, shisha, make_document):
    document = make_document(shisha, valid_from=_days(-10), review_on=_days(0))
    assert _note(document) in main_text(login("editor").get(document.get_absolute_url()))


@pytest.mark.parametrize(
    "fields",
    [
        {"review_on": None},
        {"review_on": _days(5)},
        {"review_on": _days(-3), "is_superseded": True, "superseded_reason": "ersetzt"},
    ],
    ids=["no-date", "future", "superseded"],
)
def test_documents_not_due_carry_no_note(login, shisha, make_document, fields):
    document = make_document(shisha, valid_from=_days(-400), **fields)
    assert "Überprüfung fällig" not in main_text(login("editor").get(document.get_absolute_url()))
    assert not Document.objects.review_due().exists()


def test_the_overview_lists_due_documents_for_the_redaktion(login, shisha, due):
    page = main_text(login("editor").get(shisha.get_absolute_url()))
    assert '<h2 class="kern-heading-medium" id="ueberpruefung-faellig">Überprüfung fällig</h2>' in page
    assert "Checkliste Wiedervorlage" in page and _note(due) in page
    member_page = main_text(login("member").get(shisha.get_absolute_url()))
    assert "Überprüfung fällig" not in member_page and "Checkliste Wiedervorlage" in member_page


def test_the_review_overview_has_a_section_for_due_documents(login, shisha, gluecksspiel, due, make_document):
    make_document(gluecksspiel, title="Fremde Wiedervorlage", valid_from=_days(-400), review_on=_days(-1))
    make_document(shisha, Status.SUBMITTED, title="Eingereichte Wiedervorlage", review_on=_days(-1))
    page = main_text(login("editor").get(REVIEW_OVERVIEW))
    section = page[page.index('id="ueberpruefung-faellig"') : page.index("Ihre Bereiche")]
    assert "Checkliste Wiedervorlage" in section and due.review_on.strftime("%d.%m.%Y") in section
    assert "Fremde Wiedervorlage" not in section and "Eingereichte Wiedervorlage" not in section
    assert "Fremde Wiedervorlage" in main_text(login("office").get(REVIEW_OVERVIEW))


def test_the_review_overview_says_when_nothing_is_due(login, shisha, make_document):
    make_document(shisha, valid_from=_days(-10), review_on=_days(30))
    assert "Zurzeit ist bei keinem Dokument eine Überprüfung fällig." in main_text(login("editor").get(REVIEW_OVERVIEW))


def test_due_documents_take_a_fixed_number_of_queries(client, editor, hagen, shisha, gluecksspiel, make_document):
    from guardian.shortcuts import assign_perm

    assign_perm("fachgebiete.edit_fachgebiet", editor, gluecksspiel)
    client.force_login(editor)
    make_document(shisha, title="D-A", valid_from=_days(-400), review_on=_days(-2), partner=hagen)
    client.get(shisha.get_absolute_url())  # the first visit of an area counts nothing as new: one query less
    small = [count_queries(client, REVIEW_OVERVIEW), count_queries(client, shisha.get_absolute_url())]
    for number in range(6):
        fachgebiet = shisha if number % 2 else gluecksspiel
        make_document(
            fachgebiet, title=f"D{number}", valid_from=_days(-400), review_on=_days(-number - 1), partner=hagen
        )
    assert "D5" in main_text(client.get(REVIEW_OVERVIEW))
    client.get(shisha.get_absolute_url())  # the new content fills the overview's cache anew once (fragments)
    assert [count_queries(client, REVIEW_OVERVIEW), count_queries(client, shisha.get_absolute_url())] == small
