"""The search sources of the Fachgebiete: what they index, and that their access is the views' own.

`visible(user)` must show a person exactly the items whose page opens for them – checked here by
opening every indexed item's page as each role and comparing with the queryset.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models.signals import post_delete
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dokumente.models import StoredFile, TextStatus
from dokumente.services import FileStore
from fachgebiete import services
from fachgebiete.models import (
    Article,
    ArticleAttachment,
    Document,
    DocumentVersion,
    Fachgebiet,
    GlossaryTerm,
    Rechtstatsache,
    Status,
)
from fachgebiete.search import SOURCES, ArticleSource, DocumentSource, GlossarySource, RechtstatsacheSource
from partner.models import Partner
from suche.entry import Entry

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db

READERS = ["member", "outsider", "editor", "office"]


def read(stored: StoredFile, text: str, status: str = TextStatus.DONE) -> None:
    """What the background extraction leaves on a file."""
    StoredFile.objects.filter(pk=stored.pk).update(text=text, text_status=status)


def source(kind: str):
    return next(s for s in SOURCES if s.kind == kind)


def test_the_sources_and_their_labels():
    assert [(s.kind, s.label, s.label_plural, s.model) for s in SOURCES] == [
        ("information", "Information", "Informationen", Article),
        ("muster", "Muster / Arbeitshilfe", "Muster & Arbeitshilfen", Document),
        ("rechtstatsache", "Rechtstatsache", "Rechtstatsachen", Rechtstatsache),
        ("glossar", "Glossarbegriff", "Glossar", GlossaryTerm),
    ]


# --- Access: the views' rule, nothing else -----------------------------------------------------


@pytest.fixture
def contributions(member, outsider, editor, shisha, gluecksspiel, lagebilder, make_article, make_document):
    """Every state in two Fachgebiete and a rubric, by two authors, through the real workflow."""
    items = []
    for model, extra in (
        (Article, {"kind": Article.Kind.ERFAHRUNGSBERICHT, "summary": "Kurz.", "body": "Text."}),
        (Document, {"kind": Document.Kind.FORMULAR, "description": "Formular."}),
        (
            Rechtstatsache,
            {"court": "OVG NRW", "decision_date": datetime.date(2024, 1, 2), "headnote": "Leitsatz."},
        ),
    ):
        for fachgebiet in (shisha, gluecksspiel):
            for author in (member, outsider):
                title = (
                    {}
                    if model is Rechtstatsache
                    else {"title": f"{model.__name__} {fachgebiet.slug} {author.first_name}"}
                )
                submitted = services.contribution_submit(model(fachgebiet=fachgebiet, **extra, **title), user=author)
                published = services.contribution_submit(model(fachgebiet=fachgebiet, **extra, **title), user=author)
                services.contribution_publish(published, user=editor if fachgebiet == shisha else None)
                returned = services.contribution_submit(model(fachgebiet=fachgebiet, **extra, **title), user=author)
                services.contribution_return(returned, user=None, comment="Bitte Quelle nennen.")
                rejected = services.contribution_submit(model(fachgebiet=fachgebiet, **extra, **title), user=author)
                services.contribution_reject(rejected, user=None, comment="Kein Bezug zum Fachgebiet.")
                withdrawn = services.contribution_submit(model(fachgebiet=fachgebiet, **extra, **title), user=author)
                services.contribution_publish(withdrawn, user=None)
                services.contribution_unpublish(withdrawn, user=None)
                items += [submitted, published, returned, rejected, withdrawn]
    items += [make_article(lagebilder, title="Lagebild Ruhr 2024"), make_document(lagebilder, Status.SUBMITTED)]
    return items


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("kind", ["information", "muster", "rechtstatsache"])
def test_visible_is_exactly_what_the_pages_show(request, client, contributions, role, kind):
    user = request.getfixturevalue(role)
    client.force_login(user)
    src = source(kind)
    visible = set(src.visible(user).values_list("pk", flat=True))
    opened = set()
    for item in src.indexable():
        status = client.get(src.entry(item).url).status_code
        assert status in (200, 404), (item, status)
        if status == 200:
            opened.add(item.pk)
    assert visible == opened
    assert visible, "every role sees at least the published items"


def test_visible_follows_the_role(member, outsider, editor, office, contributions):
    src = source("information")
    published = set(Article.objects.published().values_list("pk", flat=True))
    own = set(Article.objects.filter(author=member).values_list("pk", flat=True))
    shisha_all = set(Article.objects.filter(fachgebiet__slug="shisha").values_list("pk", flat=True))
    assert set(src.visible(member).values_list("pk", flat=True)) == published | own
    assert set(src.visible(editor).values_list("pk", flat=True)) == published | shisha_all
    assert set(src.visible(office).values_list("pk", flat=True)) == set(Article.objects.values_list("pk", flat=True))
    assert not set(src.visible(outsider).values_list("pk", flat=True)) & (own - published)


def test_a_deactivated_account_opens_no_page_at_all(client, deactivated, contributions):
    """The search page sits behind the same gate: a deactivated account is logged out everywhere."""
    client.force_login(deactivated)
    for src in SOURCES:
        for item in list(src.indexable())[:3]:
            assert client.get(src.entry(item).url).status_code == 302


def test_the_glossary_is_visible_to_everyone_who_reads_it(login, member, outsider, make_glossary_term):
    term = make_glossary_term()
    src = source("glossar")
    for user in (member, outsider):
        assert list(src.visible(user)) == [term]
    assert login("outsider").get(src.entry(term).url).status_code == 200


@pytest.fixture
def make_glossary_term(db):
    def make(term: str = "Nadelstichtaktik", **fields) -> GlossaryTerm:
        fields.setdefault("definition", "Viele **kleine** Kontrollen, abgestimmt mit der Polizei.")
        return GlossaryTerm.objects.create(term=term, **fields)

    return make


# --- Entries -----------------------------------------------------------------------------------


def test_an_article_entry(login, member, essen, shisha, make_article):
    article = make_article(shisha, attachment=True, partner=essen, stand=datetime.date(2023, 3, 1))
    published_at = timezone.make_aware(datetime.datetime(2024, 2, 29, 23, 30))
    Article.objects.filter(pk=article.pk).update(published_at=published_at)
    entry = ArticleSource().entry(ArticleSource().indexable().get(pk=article.pk))
    assert type(entry) is Entry  # exactly the fields of the protocol
    assert entry.title == "Lebensmittelüberwachung bei Shisha-Kontrollen"
    assert entry.context == "Shisha · Informationen"
    assert entry.rubric == "fachgebiete"
    assert (entry.fachgebiet_id, entry.arbeitskreis_id, entry.partner_id) == (shisha.pk, None, essen.pk)
    assert entry.date == datetime.date(2024, 2, 29)  # the local date, not UTC's
    assert "Proben" in entry.b  # the summary, as the reader sees it: the snippet's source
    for word in ("Information", "Good-Practice-Modell", "Shisha", "Stadt Essen", "Kommune"):
        assert word in entry.words and word not in entry.b  # only to find it by
    assert "Lebensmittelüberwachung" in entry.c
    assert entry.d == "" and entry.keys == []  # the attachment is not read yet
    assert login("member").get(entry.url).status_code == 200


def test_an_article_entry_holds_the_text_of_attachments_that_could_be_read(shisha, member, make_article):
    article = make_article(shisha, attachment=True)
    second = FileStore().store(pdf_upload("Protokoll.pdf"), user=member)
    third = FileStore().store(pdf_upload("Scan.pdf"), user=member)
    ArticleAttachment.objects.create(article=article, file=second, position=1)
    ArticleAttachment.objects.create(article=article, file=third, position=2)
    first = article.attachments.first().file
    read(first, "Kohlenmonoxid gemessen")
    read(second, "Tabaksteuer geprüft")
    read(third, "", TextStatus.FAILED)
    entry = ArticleSource().entry(ArticleSource().indexable().get(pk=article.pk))
    assert entry.d == "Kohlenmonoxid gemessen\n\nTabaksteuer geprüft"


def test_an_unpublished_article_says_so_and_falls_back_to_its_stand(shisha, make_article):
    article = make_article(shisha, Status.SUBMITTED, stand=datetime.date(2022, 7, 1))
    entry = ArticleSource().entry(article)
    assert entry.context == "Shisha · Informationen · eingereicht"
    assert entry.date == datetime.date(2022, 7, 1)


def test_rubric_content_is_filed_under_its_rubric(lagebilder, make_article):
    entry = ArticleSource().entry(make_article(lagebilder, title="Lagebild Clankriminalität 2024"))
    assert entry.context == "Lagebilder · Informationen"
    assert entry.rubric == "lagebilder"
    assert entry.fachgebiet_id == lagebilder.pk


def test_a_document_entry_reads_the_current_version_only(login, shisha, essen, make_document):
    document = make_document(shisha, versions=2, partner=essen, valid_from=datetime.date(2024, 4, 1))
    old, current = document.versions.order_by("number")
    read(old.file, "Alte Fassung Bußgeld")
    read(current.file, "Neue Fassung Kohlenmonoxid")
    src = DocumentSource()
    entry = src.entry(src.indexable().get(pk=document.pk))
    assert type(entry) is Entry  # exactly the fields of the protocol
    assert entry.title == "Checkliste Shisha-Kontrolle"
    assert entry.context == "Shisha · Muster & Arbeitshilfen"
    assert entry.d == "Neue Fassung Kohlenmonoxid"
    assert entry.date == datetime.date(2024, 4, 1)
    assert (entry.rubric, entry.fachgebiet_id, entry.partner_id) == ("fachgebiete", shisha.pk, essen.pk)
    assert "Prüfpunkte" in entry.b  # the description: the snippet's source
    for word in ("Muster", "Arbeitshilfe", "Checkliste", "Stadt Essen"):
        assert word in entry.words and word not in entry.b
    assert "überholt" not in entry.words
    assert login("member").get(entry.url).status_code == 200

    read(current.file, "", TextStatus.PENDING)
    assert src.entry(src.indexable().get(pk=document.pk)).d == ""


def test_a_superseded_document_says_so(editor, shisha, make_document):
    document = make_document(shisha)
    services.document_supersede(document=document, user=editor, reason="Ersetzt durch die Fassung 2025")
    entry = DocumentSource().entry(DocumentSource().indexable().get(pk=document.pk))
    assert "überholt" in entry.words and "Ersetzt durch die Fassung 2025" in entry.b


def test_a_document_without_versions_has_no_file_text(shisha, make_document):
    assert DocumentSource().entry(make_document(shisha, versions=0)).d == ""


def test_a_rechtstatsache_entry(login, member, shisha, make_rechtstatsache):
    stored = FileStore().store(pdf_upload("Urteil.pdf"), user=member)
    record = make_rechtstatsache(
        shisha,
        file=stored,
        summary="Die Kammer bestätigt die **Untersagung**.",
        legal_status=Rechtstatsache.LegalStatus.NICHT_RECHTSKRAEFTIG,
    )
    read(stored, "Im Namen des Volkes")
    src = RechtstatsacheSource()
    entry = src.entry(src.indexable().get(pk=record.pk))
    assert type(entry) is Entry  # exactly the fields of the protocol
    assert entry.title == "VG Gelsenkirchen (Beispiel), 19 L 000/23 (Beispiel)"
    assert entry.context == "Shisha · Rechtstatsachen"
    assert entry.keys == ["19 L 000/23 (Beispiel)", "§ 15 GewO", "§ 4 GastG"]
    assert all(key in entry.a for key in entry.keys)
    assert "Untersagung ist bei wiederholten" in entry.b  # the headnote
    for word in ("VG Gelsenkirchen", "Urteil", "nicht rechtskräftig", "Shisha"):
        assert word in entry.words and word not in entry.b
    assert entry.c == "Die Kammer bestätigt die Untersagung."  # Markdown as the reader sees it
    assert entry.d == "Im Namen des Volkes"
    assert entry.date == datetime.date(2023, 5, 4)
    assert (entry.rubric, entry.fachgebiet_id, entry.partner_id) == ("fachgebiete", shisha.pk, None)
    assert login("member").get(entry.url).status_code == 200


def test_a_rechtstatsache_without_aktenzeichen_or_file(shisha, make_rechtstatsache):
    entry = RechtstatsacheSource().entry(make_rechtstatsache(shisha, aktenzeichen="", norms=""))
    assert entry.keys == [] and entry.a == "" and entry.d == ""
    assert entry.title == "VG Gelsenkirchen (Beispiel), 04.05.2023"


def test_a_rechtstatsache_filed_under_a_rubric_is_not_indexed(lagebilder, shisha, make_rechtstatsache):
    """Rubrics have no Rechtstatsachen pages; such a record (only the admin can make one) has no link."""
    stray = make_rechtstatsache(lagebilder)
    fine = make_rechtstatsache(shisha)
    assert list(RechtstatsacheSource().indexable()) == [fine]
    assert stray.pk not in RechtstatsacheSource().indexable().values_list("pk", flat=True)


def test_a_glossary_entry(login, shisha, make_glossary_term):
    term = make_glossary_term(synonyms="Politik der Nadelstiche\nNadelstichprinzip")
    term.fachgebiete.add(shisha)
    entry = GlossarySource().entry(term)
    assert type(entry) is Entry  # exactly the fields of the protocol
    assert entry.title == "Nadelstichtaktik" and entry.context == "Glossar"
    assert entry.a == "Politik der Nadelstiche\n\nNadelstichprinzip"
    assert "Glossar" in entry.words and entry.b == ""
    assert entry.c.startswith("Viele kleine Kontrollen")  # the definition, without its Markdown
    assert (entry.rubric, entry.fachgebiet_id, entry.date, entry.d) == ("glossar", None, None, "")
    assert login("member").get(entry.url).status_code == 200


def test_titles_are_cut_to_the_index_length(shisha, make_rechtstatsache):
    record = make_rechtstatsache(shisha, court="G" * 200, aktenzeichen="A" * 100)
    assert len(RechtstatsacheSource().entry(record).title) == 300


# --- Keeping the index current --------------------------------------------------------------


def pks(objects) -> set[int]:
    return {obj.pk for obj in objects}


def test_article_dependents(shisha, gluecksspiel, essen, polizei, make_article):
    with_attachment = make_article(shisha, attachment=True, partner=essen)
    other = make_article(shisha, partner=polizei)
    elsewhere = make_article(gluecksspiel, partner=essen)
    deps = ArticleSource().dependents()
    assert set(deps) == {ArticleAttachment, Fachgebiet, Partner}
    assert pks(deps[ArticleAttachment](with_attachment.attachments.get())) == {with_attachment.pk}
    assert pks(deps[Fachgebiet](shisha)) == {with_attachment.pk, other.pk}
    assert pks(deps[Partner](essen)) == {with_attachment.pk, elsewhere.pk}


def test_document_and_rechtstatsache_dependents(shisha, gluecksspiel, essen, make_document, make_rechtstatsache):
    document = make_document(shisha, versions=2, partner=essen)
    make_document(gluecksspiel)
    record = make_rechtstatsache(shisha)
    make_rechtstatsache(gluecksspiel)
    successor = make_document(shisha, title="Nachfolger")
    Document.objects.filter(pk=document.pk).update(successor=successor)
    follow_up = make_rechtstatsache(shisha)
    Rechtstatsache.objects.filter(pk=record.pk).update(follow_up=follow_up)
    deps = DocumentSource().dependents()
    assert set(deps) == {Document, DocumentVersion, Fachgebiet, Partner}
    assert pks(deps[DocumentVersion](document.versions.first())) == {document.pk}
    assert pks(deps[Fachgebiet](shisha)) == {document.pk, successor.pk}
    assert pks(deps[Partner](essen)) == {document.pk}
    assert pks(deps[Document](successor)) == {document.pk}
    assert set(RechtstatsacheSource().dependents()) == {Fachgebiet, Rechtstatsache}
    assert pks(RechtstatsacheSource().dependents()[Fachgebiet](shisha)) == {record.pk, follow_up.pk}
    assert pks(RechtstatsacheSource().dependents()[Rechtstatsache](follow_up)) == {record.pk}
    assert GlossarySource().dependents() == {}


@pytest.fixture
def on_delete():
    """Calls a dependents() callable from post_delete, as the index does, and records what it returned."""
    connected = []

    def watch(model, related) -> list:
        seen: list = []

        def receiver(sender, instance, **kwargs):
            seen.append(pks(related(instance)))

        post_delete.connect(receiver, sender=model, weak=False)
        connected.append((receiver, model))
        return seen

    yield watch
    for receiver, model in connected:
        post_delete.disconnect(receiver, sender=model)


def test_dependents_survive_the_cascade_of_a_deleted_parent(shisha, make_article, make_document, on_delete):
    article = make_article(shisha, attachment=True)
    document = make_document(shisha, versions=2)
    from_attachment = on_delete(ArticleAttachment, ArticleSource().dependents()[ArticleAttachment])
    from_version = on_delete(DocumentVersion, DocumentSource().dependents()[DocumentVersion])
    article.attachments.get().delete()
    assert from_attachment == [{article.pk}]  # the article stays: rebuild it without the attachment
    article.delete()
    document_pk = document.pk
    document.delete()
    # Versions go first in the cascade, while the document is still there: it is rebuilt, then removed.
    assert from_version == [{document_pk}, {document_pk}]
    version = DocumentVersion(document_id=document_pk, number=1)
    assert pks(DocumentSource().dependents()[DocumentVersion](version)) == set()


def test_for_files(member, shisha, make_article, make_document, make_rechtstatsache):
    article = make_article(shisha, attachment=True)
    document = make_document(shisha, versions=2)
    stored = FileStore().store(pdf_upload("Urteil.pdf"), user=member)
    record = make_rechtstatsache(shisha, file=stored)
    make_article(shisha, attachment=True)
    attachment_file = article.attachments.get().file_id
    version_files = list(document.versions.values_list("file_id", flat=True))
    assert list(ArticleSource().for_files([attachment_file])) == [article]
    assert list(DocumentSource().for_files(version_files)) == [document]
    assert list(RechtstatsacheSource().for_files([stored.pk, attachment_file])) == [record]
    assert not ArticleSource().for_files([stored.pk]).exists()
    assert not GlossarySource().for_files([stored.pk]).exists()


# --- Cost --------------------------------------------------------------------------------------


def _entry_queries(src) -> tuple[int, int]:
    """Queries to load every indexable object, and then to build all their entries."""
    with CaptureQueriesContext(connection) as loading:
        objects = list(src.indexable())
    with CaptureQueriesContext(connection) as building:
        for obj in objects:
            src.entry(obj)
    return len(loading.captured_queries), len(building.captured_queries)


def _make_some(shisha, lagebilder, essen, member, make_article, make_document, make_rechtstatsache, n: int):
    start = GlossaryTerm.objects.count()
    for i in range(start, start + n):
        fachgebiet = shisha if i % 2 else lagebilder
        make_article(fachgebiet, attachment=True, partner=essen)
        make_document(fachgebiet, versions=2, partner=essen)
        stored = FileStore().store(pdf_upload(f"Urteil {i}.pdf"), user=member)
        make_rechtstatsache(shisha, file=stored, aktenzeichen=f"19 L {i}/23")
        GlossaryTerm.objects.create(term=f"Begriff {i}", definition="Erläuterung.")
    for stored in StoredFile.objects.all():
        read(stored, "Text der Datei")


def test_entries_cost_a_fixed_number_of_queries(
    shisha, lagebilder, essen, member, make_article, make_document, make_rechtstatsache
):
    make = (shisha, lagebilder, essen, member, make_article, make_document, make_rechtstatsache)
    _make_some(*make, n=2)
    few = {src.kind: _entry_queries(src) for src in SOURCES}
    _make_some(*make, n=4)
    many = {src.kind: _entry_queries(src) for src in SOURCES}
    assert few == many
    assert all(building == 0 for _, building in many.values()), many
