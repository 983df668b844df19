"""Global search: what a user may see, ranked and marked; never what they may not see."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from devtools.generate import pdf_bytes
from facharbeitskreise.models import Arbeitskreis, ArbeitskreisDocument, Meeting, Thread
from facharbeitskreise.models.base import Role
from facharbeitskreise.services import role_grant
from fachgebiete.models import Article, Document, GlossaryTerm, Rechtstatsache
from fachgebiete.models.content import Status
from partner.models import Partner, PartnerKind, PartnerType
from suche.index import reindex
from suche.models import SearchEntry
from suche.query import Filters, search

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db

SECRET = "Wolkenkuckucksheim"


def article(fachgebiet, author, status=Status.PUBLISHED, **fields) -> Article:
    fields.setdefault("title", "Lebensmittelüberwachung bei Shisha-Kontrollen")
    fields.setdefault("kind", Article.Kind.GOOD_PRACTICE)
    fields.setdefault("summary", "Proben für eine gerichtsverwertbare Beweissicherung.")
    fields.setdefault("body", "Die Lebensmittelüberwachung entnimmt Proben des Tabaks.")
    now = datetime.datetime(2025, 3, 1, 10, tzinfo=datetime.UTC)
    return Article.objects.create(
        fachgebiet=fachgebiet,
        author=author,
        status=status,
        submitted_at=now,
        published_at=now if status == Status.PUBLISHED else None,
        **fields,
    )


def rechtstatsache(fachgebiet, author, **fields) -> Rechtstatsache:
    fields.setdefault("court", "OVG NRW")
    fields.setdefault("decision_date", datetime.date(2021, 6, 14))
    fields.setdefault("aktenzeichen", "4 B 1234/21")
    fields.setdefault("norms", "§ 33i GewO; § 15 GewO")
    fields.setdefault("headnote", "Das Abstandsgebot zwischen Spielhallen ist verfassungsgemäß.")
    return Rechtstatsache.objects.create(
        fachgebiet=fachgebiet,
        author=author,
        status=Status.PUBLISHED,
        published_at=datetime.datetime.now(datetime.UTC),
        **fields,
    )


def titles(results) -> list[str]:
    return [re.sub(r"</?mark>", "", str(hit.title)) for hit in results.hits]


# --- Finding things -------------------------------------------------------------------


def test_german_word_forms_find_each_other(member, shisha):
    article(shisha, member, title="Kontrolle einer Spielhalle in Gelsenkirchen")
    assert titles(search(member, "Spielhallen")) == ["Kontrolle einer Spielhalle in Gelsenkirchen"]
    assert titles(search(member, "spielhalle")) == ["Kontrolle einer Spielhalle in Gelsenkirchen"]


def test_part_of_a_compound_finds_the_compound(member, gluecksspiel):
    article(
        gluecksspiel, member, title="Neuer Glücksspielstaatsvertrag 2021", summary="Änderungen für Vollzugsbehörden."
    )
    results = search(member, "staatsvertrag")
    assert titles(results) == ["Neuer Glücksspielstaatsvertrag 2021"]
    assert "<mark>Glücksspielstaatsvertrag</mark>" in str(results.hits[0].title)


def test_long_words_and_the_last_word_match_as_prefixes(member, shisha):
    article(shisha, member, title="Ansprechpartnerin beim Zollamt", body="Kontakt für Kontrollen in Duisburg.")
    article(shisha, member, title="Ansprechpartner der Stadt", body="Kontakt für Kontrollen in Essen.")
    # "Ansprechpartner" (long) also as "Ansprechpartnerin"; "zoll", the last word, also as "Zollamt".
    assert titles(search(member, "Ansprechpartner Zoll")) == ["Ansprechpartnerin beim Zollamt"]
    both = {"Ansprechpartnerin beim Zollamt", "Ansprechpartner der Stadt"}
    assert both <= set(titles(search(member, "Ansprechpartner")))  # (and the member, a listed contact)


def test_aktenzeichen_and_norm_find_their_record_exactly_and_first(member, gluecksspiel):
    wanted = rechtstatsache(gluecksspiel, member)
    rechtstatsache(
        gluecksspiel,
        member,
        aktenzeichen="4 B 1235/21",
        norms="§ 24 GlüStV",
        headnote="Spielhallen in Gelsenkirchen: 4 B 1234 wird zitiert.",
    )
    for query in ("4 B 1234/21", "4b 1234/21", "§ 33i GewO", "§33i gewo"):
        results = search(member, query)
        assert results.hits, query
        first = results.hits[0]
        assert first.url == wanted.get_absolute_url(), query
        assert first.exact, query


def test_a_question_in_plain_words_finds_the_answer(member, shisha, gluecksspiel, make_user):
    zoll = Partner.objects.create(
        name="Hauptzollamt Duisburg",
        short_name="HZA Duisburg",
        slug="hza-duisburg",
        kind=PartnerKind.KOOPERATIONSPARTNER,
        type=PartnerType.ZOLL,
        city="Duisburg",
    )
    make_user("zora.zoll@zoll.bund.de", partner=zoll, first_name="Zora", last_name="Zöllner", is_contact_person=True)
    make_user("ungelistet@zoll.bund.de", partner=zoll, first_name="Ulf", last_name="Ungelistet")
    doc = Document.objects.create(
        fachgebiet=shisha,
        author=member,
        status=Status.PUBLISHED,
        published_at=datetime.datetime.now(datetime.UTC),
        kind=Document.Kind.VORLAGE,
        title="Untersagungsverfügung Shisha-Bar (Muster)",
        description="Vorlage für die Untersagung nach § 15 GewO.",
    )
    rechtstatsache(gluecksspiel, member, headnote="Das Abstandsgebot für Spielhallen ist rechtmäßig.")

    assert search(member, "Muster Untersagungsverfügung Shisha").hits[0].url == doc.get_absolute_url()
    assert search(member, "Urteil Spielhalle Abstandsgebot").hits[0].type_label == "Rechtstatsache"
    people = search(member, "Ansprechpartner Zoll Duisburg")
    names = titles(people)
    assert "Zora Zöllner" in names
    assert "Ulf Ungelistet" not in names
    entry = SearchEntry.objects.get(kind="person", title="Zora Zöllner")
    stored = [entry.text_a, entry.text_b, entry.text_c, entry.text_d, entry.words]
    assert "zora.zoll@zoll.bund.de" not in " ".join(stored)


def test_glossary_terms_are_found(member):
    GlossaryTerm.objects.create(term="Nadelstichtaktik", definition="Viele kleine, abgestimmte Kontrollen.")
    assert titles(search(member, "nadelstich")) == ["Nadelstichtaktik"]


def test_no_entry_holds_every_word_then_any_word_is_enough_and_the_page_says_so(client, member, shisha):
    article(shisha, member, title="Shisha-Tabak ohne Steuerbanderole")
    results = search(member, "Shisha Quittungsblock")
    assert results.broadened and titles(results) == ["Shisha-Tabak ohne Steuerbanderole"]
    client.force_login(member)
    text = main_text(client.get(reverse("search"), {"q": "Shisha Quittungsblock"}))
    assert "Kein Eintrag enthält alle Suchbegriffe" in text


# --- Access -------------------------------------------------------------------------------


@pytest.fixture
def closed_arbeitskreis(db, member, make_user) -> Arbeitskreis:
    arbeitskreis = Arbeitskreis.objects.create(name="Projekt Nordlicht", slug="nordlicht", is_confidential=True)
    lead = make_user("lea.leitung@essen.de", second_factor=True)
    role_grant(arbeitskreis=arbeitskreis, user=lead, role=Role.LEITUNG, actor=lead)
    role_grant(arbeitskreis=arbeitskreis, user=member, role=Role.MITGLIED, actor=lead)
    ArbeitskreisDocument.objects.create(
        arbeitskreis=arbeitskreis, title=f"Lagebild {SECRET}", description=f"Nur intern: {SECRET} Ost."
    )
    Meeting.objects.create(
        arbeitskreis=arbeitskreis,
        title=f"Sitzung {SECRET}",
        starts_at=datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 5, 1, 11, tzinfo=datetime.UTC),
        agenda=f"TOP 1: {SECRET}",
    )
    Thread.objects.create(arbeitskreis=arbeitskreis, title=f"Diskussion {SECRET}")
    return arbeitskreis


def test_members_of_a_closed_arbeitskreis_find_its_documents_meetings_and_threads(member, closed_arbeitskreis):
    results = search(member, SECRET)
    assert results.total == 3
    assert {hit.type_label for hit in results.hits} == {"Dokument (Arbeitskreis)", "Sitzung", "Diskussion"}


@pytest.mark.parametrize("who", ["outsider", "office"])
def test_a_closed_arbeitskreise_content_never_shows_for_others(client, request, who, closed_arbeitskreis):
    user = request.getfixturevalue(who)
    results = search(user, SECRET)
    assert results.total == 0 and results.hits == [] and results.facets == []
    client.force_login(user)
    # The page for the secret word must be the page for a word that exists nowhere, apart from the echo.
    for params in ({"q": SECRET}, {"q": SECRET, "typ": "bereichsdokument"}, {"q": "Nordlicht"}):
        word = params["q"]
        html = _without_tokens(client.get(reverse("search"), params).content.decode())
        blank = _without_tokens(client.get(reverse("search"), {**params, "q": "Qxzyqw"}).content.decode())
        assert html.replace(word, "Qxzyqw") == blank


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_removed_member_no_longer_finds_the_arbeitskreis(member, closed_arbeitskreis):
    from facharbeitskreise.services import member_remove

    assert search(member, SECRET).total == 3
    member_remove(arbeitskreis=closed_arbeitskreis, user=member, actor=None)
    assert search(member, SECRET).total == 0


def test_submissions_are_found_by_author_and_redaktion_only(member, outsider, make_user, shisha):
    from fachgebiete.services import editor_grant

    article(shisha, member, status=Status.SUBMITTED, title="Entwurf Razzia-Checkliste")
    editor = make_user("rita.redaktion@essen.de")
    editor_grant(fachgebiet=shisha, user=editor, by=editor)
    assert search(member, "Razzia-Checkliste").total == 1
    assert search(editor, "Razzia-Checkliste").total == 1
    assert search(outsider, "Razzia-Checkliste").total == 0


# --- Facets, page, bad input ---------------------------------------------------------------


def test_facets_count_and_filter(member, shisha, gluecksspiel, essen):
    article(shisha, member, title="Kontrollbericht Shisha Essen", partner=essen)
    article(gluecksspiel, member, title="Kontrollbericht Spielhalle")
    rechtstatsache(gluecksspiel, member, headnote="Kontrollbericht als Beweismittel.")
    results = search(member, "Kontrollbericht")
    assert results.total == 3
    facets = {facet.param: {option.value: option.count for option in facet.options} for facet in results.facets}
    assert facets["typ"] == {"information": 2, "rechtstatsache": 1}
    assert facets["fachgebiet"] == {"shisha": 1, "gluecksspiel": 2}
    assert facets["behoerde"] == {"stadt-essen": 1}
    assert facets["jahr"]["2021"] == 1
    assert search(member, "Kontrollbericht", Filters(kind="rechtstatsache")).total == 1
    assert search(member, "Kontrollbericht", Filters(fachgebiet=shisha)).total == 1
    assert search(member, "Kontrollbericht", Filters(year=2021)).total == 1
    assert search(member, "Kontrollbericht", Filters(partner=essen)).total == 1


def test_the_page_filters_by_facet_links_and_ignores_unknown_values(client, member, shisha, gluecksspiel):
    article(shisha, member, title="Kontrollbericht Shisha")
    article(gluecksspiel, member, title="Kontrollbericht Spielhalle")
    client.force_login(member)
    page = client.get(reverse("search"), {"q": "Kontrollbericht", "fachgebiet": "shisha"})
    text = main_text(page)
    assert "1 Treffer für „Kontrollbericht“" in text
    assert "Fachgebiet: Shisha" in text  # the active filter, removable
    unknown = client.get(
        reverse("search"), {"q": "Kontrollbericht", "typ": "<script>", "jahr": "x", "fachgebiet": "gibt-es-nicht"}
    )
    assert unknown.status_code == 200
    assert "2 Treffer" in main_text(unknown)


def test_facet_links_keep_the_other_parameters_and_return_to_the_first_page(client, member, shisha, gluecksspiel):
    article(shisha, member, title="Kontrollbericht Shisha")
    article(gluecksspiel, member, title="Kontrollbericht Spielhalle")
    client.force_login(member)
    html = main_text(client.get(reverse("search") + "?q=Kontrollbericht&fachgebiet=shisha&seite=1&x=a+b&x=%C3%BC"))
    links = re.findall(r'href="(\?[^"]*)"', html.replace("&amp;", "&"))
    # Another facet's option: added last. The chosen option, its active filter and "Alle Filter
    # entfernen": without the filter.
    assert "?q=Kontrollbericht&fachgebiet=shisha&x=a+b&x=%C3%BC&typ=information" in links
    assert links.count("?q=Kontrollbericht&x=a+b&x=%C3%BC") == 3
    assert not [link for link in links if "seite" in link]


def test_hits_show_their_date_in_german_with_a_machine_readable_time(client, member, gluecksspiel):
    rechtstatsache(gluecksspiel, member, decision_date=datetime.date(2021, 6, 4))
    client.force_login(member)
    html = main_text(client.get(reverse("search"), {"q": "Abstandsgebot"}))
    assert '<time datetime="2021-06-04">04.06.2021</time>' in html


def test_snippets_are_escaped_and_marked(member, shisha):
    # The summary is plain text, shown as typed: escaped. (The body is Markdown: a script in it is
    # not shown on the page, so not in the snippet either – see test_search_snippets.)
    article(
        shisha, member, title="Hinweis", summary="Vorsicht <script>alert(1)</script> bei der Kohlenmonoxid-Messung."
    )
    hit = search(member, "Kohlenmonoxid").hits[0]
    assert "<script>" not in str(hit.snippet)
    assert "&lt;script&gt;" in str(hit.snippet)
    assert "<mark>Kohlenmonoxid-Messung</mark>" in str(hit.snippet) or "<mark>Kohlenmonoxid</mark>" in str(hit.snippet)


def test_empty_and_too_long_queries(client, member):
    client.force_login(member)
    empty = client.get(reverse("search"))
    assert empty.status_code == 200 and "Durchsucht wird alles" in main_text(empty)
    long_query = "Shisha " * 40
    response = client.get(reverse("search"), {"q": long_query})
    assert "Bitte geben Sie höchstens 200 Zeichen ein" in main_text(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert long_query.strip() in response.content.decode()  # what was typed stays in the box


def test_every_page_has_the_search_box_for_members(client, member):
    client.force_login(member)
    html = client.get(reverse("fachgebiete:index")).content.decode()
    assert 'role="search" aria-label="Portal durchsuchen"' in html


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("search"), {"q": "Shisha"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


# 5: the 39 hits are "mehr als 5" (SIKO_SEARCH_COUNT_LIMIT), facets without numbers – as few queries.
@pytest.mark.parametrize("count_limit", [None, 5])
def test_the_result_page_runs_a_fixed_number_of_queries(
    client, settings, count_limit, member, shisha, closed_arbeitskreis
):
    if count_limit:
        settings.SIKO_SEARCH_COUNT_LIMIT = count_limit
    client.force_login(member)
    url = reverse("search") + "?q=Kontrolle"
    article(shisha, member, title="Kontrolle 1", partner=member.partner)
    first = count_queries(client, url)  # compiles the visibility rules: reads the person's permissions
    few = count_queries(client, url)  # the rules kept for the session (suche.query._rules)
    assert few <= first - 2
    for number in range(2, 40):
        article(shisha, member, title=f"Kontrolle {number}", partner=member.partner)
    assert search(member, "Kontrolle").capped == bool(count_limit)
    assert count_queries(client, url) == few


def test_pages_follow_the_ranking_and_a_page_past_the_end_shows_the_last(member, shisha):
    for number in range(1, 26):
        item = article(shisha, member, title=f"Kontrollbericht {number:02d}")
        # Newer first among equal ranks: each report a day later than the one before.
        Article.objects.filter(pk=item.pk).update(
            published_at=datetime.datetime(2025, 1, number, 10, tzinfo=datetime.UTC)
        )
    reindex()
    first = search(member, "Kontrollbericht", per_page=10)
    second = search(member, "Kontrollbericht", page=2, per_page=10)
    last = search(member, "Kontrollbericht", page=3, per_page=10)
    titles = [str(hit.title) for result in (first, second, last) for hit in result.hits]
    assert [re.sub(r"\D", "", title) for title in titles] == [f"{number:02d}" for number in range(25, 0, -1)]
    assert (first.total, second.page.number, len(last.hits)) == (25, 2, 5)
    assert search(member, "Kontrollbericht", page=99, per_page=10).page.number == 3
    assert search(member, "Kontrollbericht", page="x", per_page=10).page.number == 1
    assert search(member, "Kontrollbericht", page=-4, per_page=10).page.number == 1


def test_an_absurd_page_number_shows_the_last_page(client, member, shisha):
    article(shisha, member, title="Kontrollbericht")
    assert search(member, "Kontrollbericht", page="9" * 30).page.number == 1
    client.force_login(member)
    response = client.get(reverse("search"), {"q": "Kontrollbericht", "seite": "9" * 30})
    assert response.status_code == 200 and "1 Treffer für „Kontrollbericht“" in main_text(response)


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(member, shisha):
    older_title_hit = article(shisha, member, title="Vergnügungssteuer bei Shisha-Bars", body="Nichts weiter.")
    Article.objects.filter(pk=older_title_hit.pk).update(
        published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    article(shisha, member, title="Hinweise", body="Zur Vergnügungssteuer siehe die Satzung.")
    reindex()
    assert search(member, "Vergnügungssteuer").hits[0].url == older_title_hit.get_absolute_url()


def test_a_source_whose_rule_admits_nothing_is_left_out(deactivated, member, closed_arbeitskreis):
    # A deactivated account has no area: that rule compiles to no SQL at all (EmptyResultSet). The
    # page is closed to such an account anyway; the service must still answer, without the area.
    results = search(deactivated, SECRET)
    assert results.total == 0 and results.hits == [] and results.facets == []
    assert search(member, SECRET).total == 3


def test_the_planner_settings_of_the_search_end_with_its_statement(member, shisha):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the search switches sequential scans and JIT off for its own statement")
    article(shisha, member, title="Kontrollbericht")
    settings = "SELECT current_setting('enable_seqscan'), current_setting('jit')"
    with connection.cursor() as cursor:  # inside the test's transaction, like a request's
        cursor.execute(settings)
        before = cursor.fetchone()
        assert search(member, "Kontrollbericht").total == 1
        cursor.execute(settings)
        assert cursor.fetchone() == before
    assert before[0] == "on"


# --- Keeping the index in step ---------------------------------------------------------------


def test_the_index_follows_edits_deletions_and_renames(member, shisha):
    item = article(shisha, member, title="Alter Titel")
    item.title = "Neuer Titel zur Shisha-Kontrolle"
    item.save()
    assert titles(search(member, "Titel")) == ["Neuer Titel zur Shisha-Kontrolle"]
    shisha.name = "Shisha-Bars"
    shisha.save()
    assert search(member, "Titel").hits[0].context.startswith("Shisha-Bars")
    item.delete()
    assert search(member, "Titel").total == 0
    assert not SearchEntry.objects.filter(kind="information").exists()


def test_reindex_rebuilds_and_drops_stale_entries(member, shisha):
    item = article(shisha, member, title="Kontrolle Nord")
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(kind="information", object_id=999_999, title="weg", url="/", rubric="fachgebiete")
    assert reindex() >= 1
    assert list(SearchEntry.objects.filter(kind="information").values_list("object_id", flat=True)) == [item.pk]


def test_text_inside_an_uploaded_file_is_found(member, shisha, django_capture_on_commit_callbacks):
    from dokumente.services import files_atomic, version_add

    with django_capture_on_commit_callbacks(execute=True):
        with files_atomic() as files:
            doc = Document.objects.create(
                fachgebiet=shisha,
                author=member,
                status=Status.PUBLISHED,
                published_at=datetime.datetime.now(datetime.UTC),
                kind=Document.Kind.LEITFADEN,
                title="Leitfaden Kontrollen",
                description="Allgemeine Hinweise.",
            )
            version_add(
                doc,
                upload=SimpleUploadedFile(
                    "Leitfaden.pdf", pdf_bytes("Leitfaden", ["Die Vergnügungssteuer wird monatlich erhoben."])
                ),
                user=member,
                files=files,
            )
    results = search(member, "Vergnügungssteuer")
    assert titles(results) == ["Leitfaden Kontrollen"]
    assert "<mark>Vergnügungssteuer</mark>" in str(results.hits[0].snippet)
