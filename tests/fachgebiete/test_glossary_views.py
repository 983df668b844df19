"""The glossary pages: everyone admitted reads; the Redaktion of any Fachgebiet and the Geschäftsstelle edit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fachgebiete.models import GlossaryTerm
from tests.helpers import count_queries, main_text

LIST = reverse("fachgebiete:glossary")
CREATE = reverse("fachgebiete:glossary_create")
READERS = ["member", "outsider", "editor", "office"]
EDITORS = ["editor", "office"]
NOT_EDITORS = ["member", "outsider"]


def _edit(term):
    return reverse("fachgebiete:glossary_edit", kwargs={"slug": term.slug})


def _delete(term):
    return reverse("fachgebiete:glossary_delete", kwargs={"slug": term.slug})


@pytest.fixture
def nadelstich(make_term):
    return make_term(
        "Nadelstichtaktik",
        "Viele **kleine** Kontrollen, abgestimmt mit der [Polizei](https://polizei.nrw/).",
        synonyms="Politik der Nadelstiche",
    )


# --- Reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous"])
def test_anonymous_is_sent_to_login(role, login, nadelstich):
    for url in (LIST, nadelstich.get_absolute_url(), CREATE, _edit(nadelstich), _delete(nadelstich)):
        response = login(role).get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", READERS)
def test_every_admitted_user_reads_the_list(role, login, nadelstich):
    response = login(role).get(LIST)
    assert response.status_code == 200
    assert "Nadelstichtaktik" in main_text(response)


@pytest.mark.parametrize("role", READERS)
def test_every_admitted_user_reads_an_entry(role, login, nadelstich):
    response = login(role).get(nadelstich.get_absolute_url())
    text = main_text(response)
    assert response.status_code == 200
    assert "<strong>kleine</strong>" in text
    assert "Auch: Politik der Nadelstiche" in text


def test_unknown_entry_is_404(login, db):
    assert (
        login("member").get(reverse("fachgebiete:glossary_detail", kwargs={"slug": "gibt-es-nicht"})).status_code == 404
    )


def test_detail_renders_markdown_sanitised(login, make_term):
    term = make_term("Strohmann", "Text <script>alert(1)</script> mit [Link](javascript:alert(1))")
    text = main_text(login("member").get(term.get_absolute_url()))
    assert "<script>" not in text
    assert "javascript:" not in text


def test_detail_links_other_terms_but_not_itself(login, make_term):
    make_term("Spielhalle")
    term = make_term("Abstandsgebot", "Das Abstandsgebot gilt für jede Spielhalle.")
    text = main_text(login("member").get(term.get_absolute_url()))
    assert '<a href="/glossar/spielhalle/" class="glossary-link">Spielhalle</a>' in text
    assert 'href="/glossar/abstandsgebot/" class="glossary-link"' not in text


def test_detail_shows_fachgebiete_and_see_also(login, make_term, shisha):
    co = make_term("Kohlenmonoxid")
    bar = make_term("Shisha-Bar")
    bar.fachgebiete.add(shisha)
    bar.see_also.add(co)
    text = main_text(login("member").get(bar.get_absolute_url()))
    assert "Shisha" in text and "Kohlenmonoxid" in text
    # "see also" works both ways
    assert "Shisha-Bar" in main_text(login("member").get(co.get_absolute_url()))


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_readers_see_no_edit_buttons(role, login, nadelstich):
    text = main_text(login(role).get(nadelstich.get_absolute_url()))
    assert _edit(nadelstich) not in text
    assert CREATE not in main_text(login(role).get(LIST))


@pytest.mark.parametrize("role", EDITORS)
def test_editors_see_edit_buttons(role, login, nadelstich):
    assert _edit(nadelstich) in main_text(login(role).get(nadelstich.get_absolute_url()))
    assert CREATE in main_text(login(role).get(LIST))


def test_empty_glossary_says_so(login, db):
    assert "enthält noch keine Begriffe" in main_text(login("member").get(LIST))


# --- A–Z -----------------------------------------------------------------------------------


def test_umlauts_are_filed_under_their_base_letter(login, make_term):
    make_term("Öffentliche Ordnung")
    make_term("Ordnungsamt")
    make_term("Abstandsgebot")
    make_term("Ärztlicher Dienst")
    assert GlossaryTerm.objects.get(term="Öffentliche Ordnung").letter == "O"
    order = list(GlossaryTerm.objects.values_list("term", flat=True))
    assert order == ["Abstandsgebot", "Ärztlicher Dienst", "Öffentliche Ordnung", "Ordnungsamt"]
    text = main_text(login("member").get(LIST, {"buchstabe": "A"}))
    assert "Ärztlicher Dienst" in text and "Ordnungsamt" not in text


def test_terms_starting_with_a_digit_get_their_own_letter(login, make_term):
    make_term("360°-Analyse")
    text = main_text(login("member").get(LIST, {"buchstabe": "#"}))
    assert "360°-Analyse" in text


def test_letter_navigation_links_only_letters_with_entries(login, make_term):
    make_term("Nadelstichtaktik")
    text = main_text(login("member").get(LIST))
    assert 'aria-label="Glossar nach Anfangsbuchstaben"' in text
    assert 'href="?buchstabe=N"' in text
    assert 'href="?buchstabe=Q"' not in text
    assert 'Q<span class="kern-sr-only">: keine Einträge</span>' in text


def test_current_letter_is_marked(login, make_term):
    make_term("Nadelstichtaktik")
    text = main_text(login("member").get(LIST, {"buchstabe": "n"}))
    assert 'href="?buchstabe=N" aria-current="page"' in text


def test_unknown_letter_shows_everything(login, make_term):
    make_term("Nadelstichtaktik")
    make_term("Spielhalle")
    text = main_text(login("member").get(LIST, {"buchstabe": "<x>"}))
    assert "Nadelstichtaktik" in text and "Spielhalle" in text


def test_text_filter_searches_terms_synonyms_and_definitions(login, make_term):
    make_term("FIU", "Zentralstelle beim Zoll.", synonyms="Financial Intelligence Unit")
    make_term("Spielhalle", "Erlaubnis nach § 33i GewO.")
    client = login("member")
    assert "FIU" in main_text(client.get(LIST, {"q": "intelligence"}))
    assert "Spielhalle" in main_text(client.get(LIST, {"q": "33i"}))
    assert "FIU" not in main_text(client.get(LIST, {"q": "33i"}))


def test_text_filter_ignores_case_of_umlauts(login, make_term):
    make_term("Öffentliche Ordnung")
    assert "Öffentliche Ordnung" in main_text(login("member").get(LIST, {"q": "öffentlich"}))


def test_text_filter_without_match_says_so(login, make_term):
    make_term("Spielhalle")
    assert "Kein Begriff entspricht" in main_text(login("member").get(LIST, {"q": "Zeppelin"}))


def test_list_is_paginated(login, make_term, settings):
    settings.SIKO_PAGE_SIZE = 2
    for name in ("Abstandsgebot", "Barzahlung", "Drogenhandel"):
        make_term(name)
    client = login("member")
    assert "Drogenhandel" not in main_text(client.get(LIST))
    assert "Drogenhandel" in main_text(client.get(LIST, {"seite": 2}))


def test_list_query_count_does_not_grow(login, make_term, shisha, gluecksspiel):
    client = login("member")
    make_term("Abstandsgebot").fachgebiete.add(gluecksspiel)
    small = count_queries(client, LIST)
    for n in range(30):
        make_term(f"Begriff {n:02d}").fachgebiete.add(shisha, gluecksspiel)
    assert count_queries(client, LIST) == small


# --- Editing -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_readers_may_not_create(role, login, db):
    client = login(role)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"term": "Neu", "definition": "Text"}).status_code == 403
    assert not GlossaryTerm.objects.exists()


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_readers_may_not_edit_or_delete(role, login, nadelstich):
    client = login(role)
    assert client.get(_edit(nadelstich)).status_code == 403
    assert client.post(_edit(nadelstich), {"term": "Anders", "definition": "Text"}).status_code == 403
    assert client.post(_delete(nadelstich)).status_code == 403
    nadelstich.refresh_from_db()
    assert nadelstich.term == "Nadelstichtaktik"


@pytest.mark.parametrize("role", EDITORS)
def test_editors_create_a_term(role, login, shisha):
    client = login(role)
    assert client.get(CREATE).status_code == 200
    response = client.post(
        CREATE,
        {
            "term": "  Shisha-Bar ",
            "definition": "Gaststätte mit Wasserpfeifen.",
            "synonyms": "Shisha-Bars\nShishabar\n\nShisha-Bars",
            "fachgebiete": [shisha.pk],
        },
    )
    term = GlossaryTerm.objects.get()
    assert response.status_code == 302 and response["Location"] == term.get_absolute_url()
    assert term.term == "Shisha-Bar" and term.slug == "shisha-bar"
    assert term.synonym_list == ["Shisha-Bars", "Shishabar"]
    assert list(term.fachgebiete.all()) == [shisha]


@pytest.mark.parametrize("role", EDITORS)
def test_editors_edit_a_term(role, login, nadelstich, make_term):
    other = make_term("Verwaltungsansatz")
    response = login(role).post(
        _edit(nadelstich), {"term": "Nadelstichtaktik", "definition": "Neu gefasst.", "see_also": [other.pk]}
    )
    assert response.status_code == 302
    nadelstich.refresh_from_db()
    assert nadelstich.definition == "Neu gefasst."
    assert list(nadelstich.see_also.all()) == [other]


def test_renaming_keeps_the_address(login, nadelstich):
    login("office").post(_edit(nadelstich), {"term": "Nadelstich-Taktik", "definition": "Text"})
    nadelstich.refresh_from_db()
    assert nadelstich.term == "Nadelstich-Taktik" and nadelstich.slug == "nadelstichtaktik"


@pytest.mark.parametrize("role", EDITORS)
def test_delete_asks_first(role, login, nadelstich):
    response = login(role).get(_delete(nadelstich))
    assert response.status_code == 200
    assert "endgültig" in main_text(response)
    assert GlossaryTerm.objects.filter(pk=nadelstich.pk).exists()


@pytest.mark.parametrize("role", EDITORS)
def test_editors_delete_a_term(role, login, nadelstich):
    response = login(role).post(_delete(nadelstich))
    assert response.status_code == 302 and response["Location"] == LIST
    assert not GlossaryTerm.objects.exists()


def test_editor_of_a_revoked_fachgebiet_may_not_edit(login, editor, shisha, nadelstich):
    from guardian.shortcuts import remove_perm

    remove_perm("fachgebiete.edit_fachgebiet", editor, shisha)
    assert login("editor").get(_edit(nadelstich)).status_code == 403


def test_duplicate_term_is_refused(login, nadelstich):
    response = login("office").post(CREATE, {"term": "nadelstichTAKTIK", "definition": "Doppelt."})
    assert response.status_code == 200
    assert "Diesen Begriff gibt es im Glossar bereits." in main_text(response)
    assert GlossaryTerm.objects.count() == 1


def test_term_that_is_another_terms_synonym_is_refused(login, nadelstich):
    response = login("office").post(CREATE, {"term": "Politik der Nadelstiche", "definition": "Doppelt."})
    assert "ist bereits als andere Schreibweise von „Nadelstichtaktik“ eingetragen" in main_text(response)
    assert GlossaryTerm.objects.count() == 1


def test_synonym_of_another_term_is_refused(login, nadelstich):
    response = login("office").post(
        CREATE, {"term": "Kontrolldruck", "definition": "Text", "synonyms": "Nadelstichtaktik"}
    )
    assert "„Nadelstichtaktik“ gehört bereits zum Begriff „Nadelstichtaktik“" in main_text(response)
    assert GlossaryTerm.objects.count() == 1


def test_empty_definition_is_refused_and_input_kept(login, db):
    response = login("office").post(CREATE, {"term": "Strohmann", "definition": "   "})
    text = main_text(response)
    assert response.status_code == 200
    assert "Bitte geben Sie eine Erläuterung ein." in text
    assert 'value="Strohmann"' in text
    assert "data-error-summary" in text


def test_empty_term_is_refused(login, db):
    response = login("office").post(CREATE, {"term": "", "definition": "Text"})
    assert "Bitte geben Sie den Begriff ein." in main_text(response)


def test_a_term_cannot_see_also_itself(login, nadelstich):
    response = login("office").get(_edit(nadelstich))
    assert f'name="see_also" value="{nadelstich.pk}"' not in main_text(response)


def test_reserved_slug_is_not_taken(make_term):
    assert make_term("Neu").slug == "neu-2"


def test_slug_spells_out_umlauts(make_term):
    assert make_term("Glücksspielstaatsvertrag").slug == "gluecksspielstaatsvertrag"
    assert make_term("Glücksspiel-Staatsvertrag").slug == "gluecksspiel-staatsvertrag"
