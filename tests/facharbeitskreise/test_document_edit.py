"""Editing a document's title, description and "Ergebnis" flag: its uploader (contributor) or the lead."""

from __future__ import annotations

import pytest
from django.urls import reverse

from facharbeitskreise import content_services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis, ArbeitskreisDocument
from tests.helpers import main_text

from .conftest import grant
from .uploads import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(arbeitskreis, ak_contributor):
    return content_services.document_create(
        arbeitskreis=arbeitskreis,
        user=ak_contributor,
        title="Lagebild Shisha 2021",
        description="Stand Herbst",
        is_result=False,
        upload=pdf_upload(),
    )


def _url(arbeitskreis, document):
    return reverse("facharbeitskreise:document_edit", kwargs={"slug": arbeitskreis.slug, "pk": document.pk})


def _form(**overrides):
    return {"title": "Lagebild Shisha 2022", "description": "Stand Frühjahr", "is_result": "on"} | overrides


def test_uploader_changes_title_description_and_result_flag(login, ak_contributor, arbeitskreis, document):
    response = login(ak_contributor).post(_url(arbeitskreis, document), _form())
    document.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert (document.title, document.description) == ("Lagebild Shisha 2022", "Stand Frühjahr")
    assert document.is_result
    assert document.versions.count() == 1


def test_lead_edits_a_document_uploaded_by_someone_else(login, ak_lead, arbeitskreis, document):
    response = login(ak_lead).post(_url(arbeitskreis, document), _form(is_result=""))
    document.refresh_from_db()
    assert response.status_code == 302 and document.title == "Lagebild Shisha 2022" and not document.is_result


def test_another_contributor_may_not_edit(login, make_user, arbeitskreis, document, ak_lead):
    colleague = make_user("paul.partner@essen.de", first_name="Paul", last_name="Partner")
    grant(arbeitskreis, colleague, Role.MITWIRKEND)
    assert login(colleague).post(_url(arbeitskreis, document), _form()).status_code == 403
    document.refresh_from_db()
    assert document.title == "Lagebild Shisha 2021"


def test_member_may_not_edit(login, ak_member, arbeitskreis, document):
    assert login(ak_member).get(_url(arbeitskreis, document)).status_code == 403


def test_uploader_demoted_to_member_may_not_edit(login, ak_contributor, ak_lead, arbeitskreis, document):
    grant(arbeitskreis, ak_contributor, Role.MITGLIED)
    assert login(ak_contributor).post(_url(arbeitskreis, document), _form()).status_code == 403


@pytest.mark.parametrize("who", ["outsider", "office", "other_lead"])
def test_people_without_grant_get_404(request, login, arbeitskreis, document, who):
    client = login(request.getfixturevalue(who))
    assert client.get(_url(arbeitskreis, document)).status_code == 404
    assert client.post(_url(arbeitskreis, document), _form()).status_code == 404


def test_a_document_of_another_arbeitskreis_is_not_reachable_through_this_one(
    login, ak_lead, arbeitskreis, other_arbeitskreis, other_lead
):
    foreign = content_services.document_create(
        arbeitskreis=other_arbeitskreis,
        user=other_lead,
        title="Fremd",
        description="",
        is_result=False,
        upload=pdf_upload(),
    )
    assert login(ak_lead).get(_url(arbeitskreis, foreign)).status_code == 404


def test_an_empty_title_is_refused_with_the_input_kept(login, ak_contributor, arbeitskreis, document):
    response = login(ak_contributor).post(_url(arbeitskreis, document), _form(title="", description="Neuer Text"))
    assert response.status_code == 200
    assert "Neuer Text" in main_text(response) and "Lagebild Shisha 2021" in main_text(response)
    document.refresh_from_db()
    assert document.description == "Stand Herbst"


def test_a_too_long_title_is_refused(login, ak_contributor, arbeitskreis, document):
    response = login(ak_contributor).post(_url(arbeitskreis, document), _form(title="x" * 201))
    assert response.status_code == 200
    assert ArbeitskreisDocument.objects.get().title == "Lagebild Shisha 2021"


def test_archived_arbeitskreis_refuses_with_the_input_kept(login, ak_contributor, arbeitskreis, document):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    response = login(ak_contributor).post(_url(arbeitskreis, document), _form(description="Bitte noch ergänzen"))
    assert response.status_code == 403
    text = main_text(response)
    assert "archiviert" in text and "Bitte noch ergänzen" in text
    document.refresh_from_db()
    assert document.title == "Lagebild Shisha 2021"


def test_the_detail_page_offers_editing_to_the_uploader_only(login, ak_contributor, ak_member, arbeitskreis, document):
    detail = document.get_absolute_url()
    assert "Angaben bearbeiten" in main_text(login(ak_contributor).get(detail))
    assert "Angaben bearbeiten" not in main_text(login(ak_member).get(detail))


def test_the_detail_page_of_an_archived_arbeitskreis_offers_no_editing(login, ak_lead, arbeitskreis, document):
    Arbeitskreis.objects.filter(pk=arbeitskreis.pk).update(is_archived=True)
    assert "Angaben bearbeiten" not in main_text(login(ak_lead).get(document.get_absolute_url()))


def test_an_edited_result_appears_under_results(login, ak_contributor, ak_member, arbeitskreis, document):
    login(ak_contributor).post(_url(arbeitskreis, document), _form())
    results = reverse("facharbeitskreise:result_list", kwargs={"slug": arbeitskreis.slug})
    assert "Lagebild Shisha 2022" in main_text(login(ak_member).get(results))
