"""Outdated Muster and Rechtstatsachen warn on their page, in the list and in the search, and
point to their successor; the forms explain bad input in German and keep it.

member reads; editor is the Redaktion of Shisha; outsider is an admitted member of another authority.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from fachgebiete import services
from fachgebiete.models import Document, Rechtstatsache, Status

from ..helpers import count_queries, main_text
from .conftest import pdf_upload

pytestmark = pytest.mark.django_db
AUFGEHOBEN = Rechtstatsache.LegalStatus.AUFGEHOBEN


@pytest.fixture
def old_and_new(shisha, make_document, editor):
    successor = make_document(shisha, title="Checkliste Shisha 2025")
    old = make_document(shisha, title="Checkliste Shisha 2019")
    services.document_supersede(document=old, user=editor, reason="Neue Rauchschutzverordnung", successor=successor)
    return old, successor


@pytest.fixture
def appeal(shisha, make_rechtstatsache):
    follow_up = make_rechtstatsache(shisha, court="OVG NRW", aktenzeichen="4 B 12/24")
    first = make_rechtstatsache(
        shisha, court="VG Gelsenkirchen", aktenzeichen="19 L 3/23", legal_status=AUFGEHOBEN, follow_up=follow_up
    )
    return first, follow_up


# --- Muster ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["member", "outsider", "editor"])
def test_the_page_of_a_superseded_document_warns_and_links_the_successor(login, old_and_new, role):
    old, successor = old_and_new
    page = main_text(login(role).get(old.get_absolute_url()))
    assert 'class="kern-alert kern-alert--warning" role="alert"' in page
    assert "Dieses Dokument ist überholt" in page and "Neue Rauchschutzverordnung" in page
    assert f'<a class="kern-link" href="{successor.get_absolute_url()}">Checkliste Shisha 2025</a>' in page


@pytest.mark.parametrize(("role", "shown"), [("member", False), ("editor", True), ("office", True)])
def test_who_marked_it_is_shown_to_the_redaktion_only(login, old_and_new, role, shown):
    assert ("von Petra Neumann" in main_text(login(role).get(old_and_new[0].get_absolute_url()))) is shown


def test_a_withdrawn_successor_is_not_linked(login, old_and_new):
    old, successor = old_and_new
    Document.objects.filter(pk=successor.pk).update(status=Status.WITHDRAWN)
    page = main_text(login("member").get(old.get_absolute_url()))
    assert "Dieses Dokument ist überholt" in page and "Checkliste Shisha 2025" not in page


def test_the_list_row_warns_and_links_the_successor(login, shisha, old_and_new):
    old, successor = old_and_new
    page = main_text(login("member").get(shisha.url("document_list")))
    row = page[page.index("Checkliste Shisha 2019") :]
    row = row[: row.index("</tr>")]
    assert "überholt" in row and f'href="{successor.get_absolute_url()}">Checkliste Shisha 2025</a>' in row


def test_an_expired_document_says_so(login, shisha, make_document):
    document = make_document(
        shisha, valid_from=datetime.date(2020, 1, 1), valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert "Die Gültigkeit dieses Dokuments endete am" in main_text(login("member").get(document.get_absolute_url()))
    assert "Gültigkeit abgelaufen" in main_text(login("member").get(shisha.url("document_list")))


def test_the_search_result_says_superseded_and_names_the_successor(login, old_and_new):
    page = main_text(login("member").get(reverse("search"), {"q": "Checkliste Shisha 2019"}))
    assert "ÜBERHOLT – Nachfolger: Checkliste Shisha 2025" in page


def _rows(make_document, shisha, editor, count: int) -> None:
    for n in range(count):
        successor = make_document(shisha, title=f"Neu {n}", versions=0)
        old = make_document(shisha, title=f"Alt {n}", versions=0)
        services.document_supersede(document=old, user=editor, reason="ersetzt", successor=successor)


def test_successors_cost_no_query_per_row(client, member, editor, shisha, make_document, make_rechtstatsache):
    client.force_login(member)
    _rows(make_document, shisha, editor, 2)
    _decisions(make_rechtstatsache, shisha, 2)
    urls = [shisha.url("document_list"), shisha.url("rechtstatsache_list")]
    for url in urls:
        client.get(url)
    small = [count_queries(client, url) for url in urls]
    _rows(make_document, shisha, editor, 6)
    _decisions(make_rechtstatsache, shisha, 6)
    for url in urls:
        client.get(url)
    assert [count_queries(client, url) for url in urls] == small


# --- Rechtstatsachen ---------------------------------------------------------------------------


def _decisions(make_rechtstatsache, shisha, count: int) -> None:
    for n in range(count):
        follow_up = make_rechtstatsache(shisha, aktenzeichen=f"4 B {n}/24")
        make_rechtstatsache(shisha, aktenzeichen=f"19 L {n}/23", legal_status=AUFGEHOBEN, follow_up=follow_up)


@pytest.mark.parametrize("role", ["member", "outsider", "editor"])
def test_a_decision_aufgehoben_warns_and_links_its_follow_up(login, appeal, role):
    first, follow_up = appeal
    page = main_text(login(role).get(first.get_absolute_url()))
    assert "Diese Entscheidung ist aufgehoben." in page and 'role="alert"' in page
    assert f'href="{follow_up.get_absolute_url()}">OVG NRW, 4 B 12/24</a>' in page


def test_a_current_decision_shows_its_follow_up_without_warning(login, shisha, make_rechtstatsache, appeal):
    _first, follow_up = appeal
    pending = make_rechtstatsache(
        shisha, aktenzeichen="1 K 1/24", legal_status=Rechtstatsache.LegalStatus.NICHT_RECHTSKRAEFTIG
    )
    Rechtstatsache.objects.filter(pk=pending.pk).update(follow_up=follow_up)
    page = main_text(login("member").get(pending.get_absolute_url()))
    assert "Folgeentscheidung" in page and "Diese Entscheidung ist" not in page


def test_the_decision_list_row_warns(login, shisha, appeal):
    page = main_text(login("member").get(shisha.url("rechtstatsache_list")))
    row = page[page.index("VG Gelsenkirchen, 19 L 3/23") :]
    row = row[: row.index("</tr>")]
    assert 'kern-badge--warning"><span class="kern-label">aufgehoben' in row and "OVG NRW, 4 B 12/24" in row


def test_the_search_result_says_aufgehoben(login, appeal):
    page = main_text(login("member").get(reverse("search"), {"q": "19 L 3/23"}))
    assert "AUFGEHOBEN – Folgeentscheidung: OVG NRW, 4 B 12/24" in page


# --- Forms -----------------------------------------------------------------------------------


def test_superseding_without_a_reason_is_explained_and_keeps_the_successor(login, shisha, make_document):
    document = make_document(shisha)
    successor = make_document(shisha, title="Checkliste 2025")
    response = login("editor").post(document.get_supersede_url(), {"reason": " ", "successor": successor.pk})
    page = main_text(response)
    assert response.status_code == 200 and "Bitte geben Sie an, warum das Dokument überholt ist." in page
    assert f'<option value="{successor.pk}" selected>' in page
    assert not Document.objects.get(pk=document.pk).is_superseded


def test_a_successor_from_another_fachgebiet_is_explained(login, shisha, gluecksspiel, make_document):
    document = make_document(shisha)
    elsewhere = make_document(gluecksspiel)
    response = login("editor").post(document.get_supersede_url(), {"reason": "ersetzt", "successor": elsewhere.pk})
    page = main_text(response)
    assert "Der Nachfolger muss aus demselben Fachgebiet stammen." in page and 'value="ersetzt"' in page
    assert not Document.objects.get(pk=document.pk).is_superseded


def test_the_successor_choices_are_this_fachgebiets_current_documents(
    login, shisha, gluecksspiel, make_document, old_and_new
):
    document = make_document(shisha, title="Zu ersetzen")
    make_document(gluecksspiel, title="Merkblatt Spielhallen")
    page = main_text(login("editor").get(document.get_supersede_url()))
    assert "Checkliste Shisha 2025" in page
    assert "Checkliste Shisha 2019" not in page  # überholt itself
    assert "Merkblatt Spielhallen" not in page and f'<option value="{document.pk}"' not in page


def test_valid_until_before_valid_from_is_explained_and_input_kept(login, shisha, media_root):
    response = login("member").post(
        shisha.url("submit", section="muster"),
        {
            "kind": "checkliste",
            "title": "Checkliste Gültigkeit",
            "description": "Prüfpunkte.",
            "valid_from": "2024-06-01",
            "valid_until": "2024-05-31",
            "file": pdf_upload(),
        },
    )
    page = main_text(response)
    assert response.status_code == 200 and "„gültig bis“ kann nicht vor „gültig ab“ liegen." in page
    assert 'value="Checkliste Gültigkeit"' in page and 'value="2024-05-31"' in page
    assert not Document.objects.exists()


def test_a_follow_up_from_another_fachgebiet_is_explained(login, shisha, gluecksspiel, make_rechtstatsache):
    record = make_rechtstatsache(shisha)
    elsewhere = make_rechtstatsache(gluecksspiel, aktenzeichen="2 K 9/24")
    data = {
        "kind": record.kind,
        "court": record.court,
        "decision_date": record.decision_date.isoformat(),
        "aktenzeichen": record.aktenzeichen,
        "norms": record.norms,
        "headnote": record.headnote,
        "legal_status": AUFGEHOBEN,
        "follow_up": elsewhere.pk,
    }
    response = login("editor").post(record.get_edit_url(), data)
    assert "Die Folgeentscheidung muss aus demselben Fachgebiet stammen." in main_text(response)
    assert Rechtstatsache.objects.get(pk=record.pk).legal_status != AUFGEHOBEN


def test_a_decision_cannot_follow_itself(login, shisha, make_rechtstatsache):
    record = make_rechtstatsache(shisha)
    data = {
        "kind": record.kind,
        "court": record.court,
        "decision_date": record.decision_date.isoformat(),
        "headnote": record.headnote,
        "legal_status": record.legal_status,
        "follow_up": record.pk,
    }
    response = login("editor").post(record.get_edit_url(), data)
    assert "Eine Entscheidung kann nicht ihre eigene Folgeentscheidung sein." in main_text(response)


def test_a_renamed_successor_is_named_in_the_predecessors_search_result(login, old_and_new):
    _old, successor = old_and_new
    successor.title = "Checkliste Shisha 2026"
    successor.save()
    page = main_text(login("member").get(reverse("search"), {"q": "Checkliste Shisha 2019"}))
    assert "ÜBERHOLT – Nachfolger: Checkliste Shisha 2026" in page
