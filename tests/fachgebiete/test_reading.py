"""Members read published content; unpublished items exist only for their author and the Redaktion."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dokumente.services import FileStore
from fachgebiete.models import Article, ArticleAttachment, Document, FachgebietVisit, Rechtstatsache, Status

from ..helpers import count_queries, main_text
from .conftest import pdf_upload

pytestmark = pytest.mark.django_db


def test_the_index_lists_fachgebiete_with_counts_and_rubrics(login, shisha, make_article, make_document):
    make_article(shisha)
    make_document(shisha)
    make_article(shisha, Status.SUBMITTED, title="Noch nicht sichtbar")
    page = main_text(login("member").get("/fachgebiete/"))
    assert "Shisha" in page and "Weitere Rubriken" in page and "Lagebilder" in page
    assert "noch nicht besucht" in page


def test_the_overview_marks_what_is_new_since_the_last_visit(login, member, shisha, make_article):
    old = make_article(shisha, title="Alter Bericht")
    Article.objects.filter(pk=old.pk).update(published_at=timezone.now() - datetime.timedelta(days=10))
    FachgebietVisit.objects.create(user=member, fachgebiet=shisha, seen_at=timezone.now() - datetime.timedelta(days=1))
    make_article(shisha, title="Neuer Bericht")
    page = main_text(login("member").get(shisha.get_absolute_url()))
    assert "1 neu" in page and "Neuer Bericht" in page and "Alter Bericht" in page
    assert FachgebietVisit.objects.get(user=member, fachgebiet=shisha).seen_at > timezone.now() - datetime.timedelta(
        minutes=1
    )


def test_the_overview_includes_the_follow_button(login, shisha):
    assert "Per E-Mail informiert bleiben" in main_text(login("member").get(shisha.get_absolute_url()))


def test_article_body_is_sanitised_markdown(login, shisha, make_article):
    article = make_article(shisha, body="## Ablauf\n\n<script>alert(1)</script>**fett**")
    page = main_text(login("member").get(article.get_absolute_url()))
    assert "<h2>Ablauf</h2>" in page and "<strong>fett</strong>" in page and "<script>" not in page


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.RETURNED, Status.REJECTED, Status.WITHDRAWN])
def test_unpublished_items_are_404_for_other_members(login, shisha, make_article, status):
    article = make_article(shisha, status)
    assert login("outsider").get(article.get_absolute_url()).status_code == 404


def test_the_author_sees_the_state_of_an_own_submission(login, shisha, make_article):
    article = make_article(shisha, Status.RETURNED, review_comment="Bitte Quelle nennen.")
    page = main_text(login("member").get(article.get_absolute_url()))
    assert "Status: zurückgegeben" in page and "Bitte Quelle nennen." in page
    assert "Überarbeiten und erneut einreichen" in page


def test_the_redaktion_sees_submissions_of_its_fachgebiet_only(login, shisha, gluecksspiel, make_article):
    mine = make_article(shisha, Status.SUBMITTED)
    other = make_article(gluecksspiel, Status.SUBMITTED)
    client = login("editor")
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


def test_the_office_sees_every_submission(login, gluecksspiel, make_article):
    assert login("office").get(make_article(gluecksspiel, Status.SUBMITTED).get_absolute_url()).status_code == 200


def test_items_of_another_fachgebiet_are_not_found_under_this_one(login, shisha, gluecksspiel, make_article):
    article = make_article(gluecksspiel)
    assert login("member").get(shisha.url("article_detail", pk=article.pk)).status_code == 404


def test_rubrics_have_no_rechtstatsachen(login, lagebilder):
    page = main_text(login("member").get("/lagebilder/"))
    assert "Rechtstatsachen" not in page and "Informationen" in page
    assert login("member").get("/lagebilder/beitrag/rechtstatsachen/").status_code == 404


def test_a_rubric_is_not_reachable_as_fachgebiet(login, lagebilder):
    assert login("member").get("/fachgebiete/lagebilder/").status_code == 404


def test_empty_lists_say_so(login, shisha):
    for name in ("article_list", "document_list", "rechtstatsache_list"):
        assert "Hier ist noch nichts veröffentlicht." in main_text(login("member").get(shisha.url(name)))


def test_lists_show_only_published_items(login, shisha, make_article):
    make_article(shisha, title="Sichtbar")
    make_article(shisha, Status.SUBMITTED, title="Wartet")
    page = main_text(login("member").get(shisha.url("article_list")))
    assert "Sichtbar" in page and "Wartet" not in page


def test_superseded_documents_stay_findable_and_marked(login, shisha, make_document):
    make_document(shisha, title="Alte Checkliste", is_superseded=True, superseded_reason="ersetzt")
    page = main_text(login("member").get(shisha.url("document_list")))
    assert "Alte Checkliste" in page and "überholt" in page
    page = main_text(login("member").get(shisha.url("document_list") + "?validity=aktuell"))
    assert "Alte Checkliste" not in page and "Kein Dokument entspricht diesen Filtern." in page


# --- Filters ---------------------------------------------------------------------------------


def test_article_filters_by_kind_and_year(login, shisha, make_article):
    make_article(shisha, title="Prozess 2023", kind=Article.Kind.PROZESSABLAUF, stand=datetime.date(2023, 3, 1))
    make_article(shisha, title="Bericht 2024", kind=Article.Kind.ERFAHRUNGSBERICHT, stand=datetime.date(2024, 3, 1))
    client = login("member")
    page = main_text(client.get(shisha.url("article_list") + "?kind=prozessablauf"))
    assert "Prozess 2023" in page and "Bericht 2024" not in page
    page = main_text(client.get(shisha.url("article_list") + "?year=2024"))
    assert "Bericht 2024" in page and "Prozess 2023" not in page


def test_article_filters_by_authority(login, shisha, hagen, make_article):
    make_article(shisha, title="Aus Hagen", partner=hagen)
    make_article(shisha, title="Ohne Behörde")
    page = main_text(login("member").get(shisha.url("article_list") + f"?partner={hagen.pk}"))
    assert "Aus Hagen" in page and "Ohne Behörde" not in page


def test_authority_choices_come_from_one_plain_query(client, member, shisha, hagen, make_article):
    """Not Django's default iterator(): on PostgreSQL a server-side cursor (DECLARE, FETCH, CLOSE)."""
    make_article(shisha, title="Aus Hagen", partner=hagen)
    client.force_login(member)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(shisha.url("article_list")).content.decode()
    assert f'<option value="{hagen.pk}">{hagen.name}</option>' in page
    assert not [query for query in captured.captured_queries if query["sql"].startswith("DECLARE")]


def test_rechtstatsachen_filter_by_norm_court_status_and_sort(login, shisha, make_rechtstatsache):
    make_rechtstatsache(
        shisha,
        court="OVG NRW (Beispiel)",
        aktenzeichen="4 B 1/24",
        norms="§ 33i GewO",
        decision_date=datetime.date(2024, 1, 5),
    )
    make_rechtstatsache(
        shisha,
        court="VG Köln (Beispiel)",
        aktenzeichen="1 L 2/22",
        norms="§ 15 GewO",
        legal_status=Rechtstatsache.LegalStatus.UEBERHOLT,
        decision_date=datetime.date(2022, 1, 5),
    )
    client = login("member")
    url = shisha.url("rechtstatsache_list")
    page = main_text(client.get(url + "?norm=%C2%A733i+gewo"))
    assert "4 B 1/24" in page and "1 L 2/22" not in page
    page = main_text(client.get(url + "?court=VG+K%C3%B6ln+%28Beispiel%29"))
    assert "1 L 2/22" in page and "4 B 1/24" not in page
    page = main_text(client.get(url + "?legal_status=ueberholt"))
    assert "1 L 2/22" in page and "4 B 1/24" not in page
    page = main_text(client.get(url + "?sort=decision_date"))
    assert page.index("1 L 2/22") < page.index("4 B 1/24")


# --- Query bounds ------------------------------------------------------------------------------


def _fill(shisha, make_article, make_document, make_rechtstatsache, count: int) -> None:
    for number in range(count):
        make_article(shisha, title=f"Bericht {number}", attachment=number % 2 == 0)
        make_document(shisha, title=f"Muster {number}", versions=2)
        make_rechtstatsache(shisha, aktenzeichen=f"{number} K 1/24")


@pytest.mark.parametrize(
    "url",
    [
        lambda fachgebiet: "/fachgebiete/",
        lambda fachgebiet: fachgebiet.get_absolute_url(),
        lambda fachgebiet: fachgebiet.url("article_list"),
        lambda fachgebiet: fachgebiet.url("document_list"),
        lambda fachgebiet: fachgebiet.url("rechtstatsache_list"),
        lambda fachgebiet: "/fachgebiete/meine-beitraege/",
    ],
    ids=["index", "overview", "informationen", "muster", "rechtstatsachen", "meine"],
)
def test_lists_take_a_fixed_number_of_queries(
    client, member, shisha, make_article, make_document, make_rechtstatsache, url
):
    client.force_login(member)
    _fill(shisha, make_article, make_document, make_rechtstatsache, 2)
    client.get(url(shisha))  # the first visit of an area counts nothing as new: one query less
    small = count_queries(client, url(shisha))
    _fill(shisha, make_article, make_document, make_rechtstatsache, 8)
    client.get(url(shisha))  # the new content renders the cached filter form anew once (test_list_cache)
    assert count_queries(client, url(shisha)) == small


def test_review_pages_take_a_fixed_number_of_queries(client, editor, shisha, make_article, make_document):
    client.force_login(editor)
    make_article(shisha, Status.SUBMITTED)
    client.get(shisha.url("review_queue"))  # the session's first page asks "Redaktion anywhere?" (common.rights)
    small = [count_queries(client, shisha.url("review_queue")), count_queries(client, "/fachgebiete/redaktion/")]
    for number in range(6):
        make_article(shisha, Status.SUBMITTED, title=f"A{number}")
        make_document(shisha, Status.SUBMITTED, title=f"D{number}")
    assert [
        count_queries(client, shisha.url("review_queue")),
        count_queries(client, "/fachgebiete/redaktion/"),
    ] == small


def test_documents_are_listed_with_their_current_version(login, shisha, make_document):
    document = make_document(shisha, versions=3)
    page = main_text(login("member").get(shisha.url("document_list")))
    assert "Version 3" in page and document.get_download_url() in page
    assert Document.objects.get(pk=document.pk).current_version.number == 3


def test_article_list_counts_each_articles_attachments(client, member, shisha, make_article, make_document):
    """The count is a subquery per shown row: right for each row, also for rows without any."""
    client.force_login(member)
    with_two = make_article(shisha, title="Bericht mit zwei Anhängen", attachment=True)
    ArticleAttachment.objects.create(article=with_two, file=FileStore().store(pdf_upload("Anlage.pdf"), user=member))
    make_article(shisha, title="Bericht ohne Anhang")
    page = main_text(client.get(shisha.url("article_list")))
    rows = re.findall(r"<tr class=\"kern-table__row\">(.*?)</tr>", page, re.S)
    cells = {re.search(r">(Bericht [^<]+)</a>", row).group(1): re.findall(r"numeric\">(\d+)<", row) for row in rows[1:]}
    assert cells == {"Bericht mit zwei Anhängen": ["2"], "Bericht ohne Anhang": ["0"]}


def test_muster_detail_takes_a_fixed_number_of_queries(client, member, shisha, make_document):
    """Whatever the number of versions (each with its file and uploader)."""
    client.force_login(member)
    one = make_document(shisha, title="Eine Fassung", versions=1)
    six = make_document(shisha, title="Sechs Fassungen", versions=6)
    client.get(one.get_absolute_url())  # the first visit of an area counts nothing as new
    assert count_queries(client, six.get_absolute_url()) == count_queries(client, one.get_absolute_url())


@pytest.mark.parametrize(
    ("section", "invitation"),
    [
        ("informationen", "Reichen Sie den ersten Beitrag ein."),
        ("muster", "Reichen Sie das erste Muster ein."),
        ("rechtstatsachen", "Reichen Sie die erste Rechtstatsache ein."),
    ],
)
def test_an_empty_section_invites_the_first_contribution(login, shisha, section, invitation):
    response = login("member").get(f"{shisha.get_absolute_url()}{section}/")
    page = main_text(response)
    assert "Hier ist noch nichts veröffentlicht." in page and invitation in page
    submit = reverse("fachgebiete:submit", kwargs={"slug": shisha.slug, "section": section})
    assert f'<a class="kern-link" href="{submit}">{invitation}</a>' in response.content.decode()


def test_the_pages_of_a_filtered_list_keep_the_filter(login, settings, shisha, make_document):
    settings.SIKO_PAGE_SIZE = 2
    for number in range(3):
        make_document(shisha, title=f"Checkliste {number}", kind=Document.Kind.CHECKLISTE)
    make_document(shisha, title="Mustervorlage Anhörung", kind=Document.Kind.VORLAGE)
    client = login("member")
    first = client.get(f"{shisha.get_absolute_url()}muster/", {"kind": Document.Kind.CHECKLISTE})
    html = first.content.decode()
    assert 'aria-label="Seitennavigation"' in html and "Seite 1 von 2" in main_text(first)
    assert f'href="?kind={Document.Kind.CHECKLISTE}&amp;seite=2">Nächste Seite' in html
    second = client.get(f"{shisha.get_absolute_url()}muster/", {"kind": Document.Kind.CHECKLISTE, "seite": "2"})
    html = second.content.decode()
    assert f'href="?kind={Document.Kind.CHECKLISTE}&amp;seite=1">Vorherige Seite' in html
    assert "Seite 2 von 2" in main_text(second) and "Mustervorlage Anhörung" not in main_text(second)
