"""The search sources of the closed areas: what they index, and that only members ever get it.

`visible(user)` must be the area's own rule: it is compared here with the pages themselves (an
outsider's 404 is the same as an empty queryset) for every role, including a group grant, an
archived area, the Geschäftsstelle without a grant and a deactivated former member.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models.signals import post_delete
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dokumente.models import StoredFile, TextStatus
from facharbeitskreise import content_services, services
from facharbeitskreise.access import Role
from facharbeitskreise.models import (
    Arbeitskreis,
    ArbeitskreisDocument,
    ArbeitskreisDocumentVersion,
    Meeting,
    Post,
    PostAttachment,
    Thread,
)
from facharbeitskreise.search import SOURCES, ArbeitskreisDocumentSource, MeetingSource, ThreadSource
from suche.entry import Entry

from .uploads import pdf_upload

pytestmark = pytest.mark.django_db


def read(stored: StoredFile | int, text: str, status: str = TextStatus.DONE) -> None:
    """What the background extraction leaves on a file."""
    StoredFile.objects.filter(pk=getattr(stored, "pk", stored)).update(text=text, text_status=status)


def entry_of(src, obj) -> Entry:
    return src.entry(src.indexable().get(pk=obj.pk))


def test_the_sources_and_their_labels():
    assert [(s.kind, s.label, s.label_plural, s.model) for s in SOURCES] == [
        ("bereichsdokument", "Dokument (Arbeitskreis)", "Dokumente (Arbeitskreise)", ArbeitskreisDocument),
        ("sitzung", "Sitzung", "Sitzungen", Meeting),
        ("diskussion", "Diskussion", "Diskussionen", Thread),
    ]


# --- Content of three areas ----------------------------------------------------------------------


def _meeting(arbeitskreis, user, title="Sitzung des Arbeitskreises", **fields) -> Meeting:
    starts = fields.pop("starts_at", timezone.now() + datetime.timedelta(days=7))
    meeting = Meeting(
        arbeitskreis=arbeitskreis, title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **fields
    )
    return content_services.meeting_create(meeting=meeting, user=user)


def _fill(arbeitskreis, user, tag: str) -> None:
    document = content_services.document_create(
        arbeitskreis=arbeitskreis,
        user=user,
        title=f"Lagebild {tag}",
        description="Stand der Kontrollen.",
        is_result=False,
        upload=pdf_upload(),
    )
    content_services.document_version_add(document=document, user=user, upload=pdf_upload("Lagebild v2.pdf"))
    _meeting(arbeitskreis, user, title=f"Sitzung {tag}", agenda="TOP 1: Lage", location="Polizeipräsidium Essen")
    thread = content_services.thread_create(
        arbeitskreis=arbeitskreis, user=user, title=f"Diskussion {tag}", body="Wie geht ihr vor?"
    )
    content_services.post_reply(thread=thread, user=user, body="So.", upload=pdf_upload("Vermerk.pdf"))


@pytest.fixture
def archived_arbeitskreis(db) -> Arbeitskreis:
    return Arbeitskreis.objects.create(name="Projekt 360°", slug="projekt-360", kind="projekt")


@pytest.fixture
def group_member(make_user, arbeitskreis, ak_lead):
    user = make_user("gerd.gruppe@essen.de", first_name="Gerd", last_name="Gruppe")
    group = Group.objects.create(name="Ordnungsamt Essen")
    user.groups.add(group)
    services.role_grant(arbeitskreis=arbeitskreis, group=group, role=Role.MITGLIED, actor=ak_lead)
    return user


@pytest.fixture
def archivist(make_user, archived_arbeitskreis):
    """Led the archived project; its content stays readable to its members."""
    user = make_user("anke.archiv@essen.de", first_name="Anke", last_name="Archiv", second_factor=True)
    services.role_grant(arbeitskreis=archived_arbeitskreis, user=user, role=Role.LEITUNG, actor=None)
    return user


@pytest.fixture
def content(arbeitskreis, other_arbeitskreis, archived_arbeitskreis, ak_lead, ak_contributor, other_lead, archivist):
    _fill(arbeitskreis, ak_contributor, "Rotlicht")
    _fill(other_arbeitskreis, other_lead, "Sozialleistungsbetrug")
    _fill(archived_arbeitskreis, archivist, "360°")
    services.arbeitskreis_archive(arbeitskreis=archived_arbeitskreis, actor=None)


ROLES = [
    "ak_lead",
    "ak_contributor",
    "ak_member",
    "group_member",
    "requester",
    "other_lead",
    "archivist",
    "outsider",
    "office",
    "deactivated",
]


# --- Access: the area's own rule ---------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_visible_is_exactly_what_the_pages_show(request, client, content, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    for src in SOURCES:
        visible = set(src.visible(user).values_list("pk", flat=True))
        opened = set()
        for item in src.indexable():
            status = client.get(src.entry(item).url).status_code
            if status == 200:
                opened.add(item.pk)
            else:  # 404 for outsiders; a deactivated account is logged out (302)
                assert status in (302, 404), (src.kind, item, status)
        assert visible == opened, (src.kind, role)


def _arbeitskreise(src, user) -> set[str]:
    return set(src.visible(user).values_list("arbeitskreis__slug", flat=True))


def test_who_sees_which_arbeitskreis(
    content, ak_member, group_member, other_lead, archivist, outsider, office, deactivated
):
    for src in SOURCES:
        assert _arbeitskreise(src, ak_member) == _arbeitskreise(src, group_member) == {"ak-welt"}
        assert _arbeitskreise(src, other_lead) == {"projekt-slb"}
        assert _arbeitskreise(src, archivist) == {"projekt-360"}  # archived: still readable to members
        assert _arbeitskreise(src, outsider) == _arbeitskreise(src, office) == _arbeitskreise(src, deactivated) == set()


def test_visible_to_is_the_rule_of_the_arbeitskreis_pages(content, ak_member, ak_lead, arbeitskreis):
    """Leaving an area takes its content with it at once: the index stores no access."""
    assert Thread.objects.visible_to(ak_member).exists()
    services.member_remove(arbeitskreis=arbeitskreis, user=ak_member, actor=ak_lead)
    for model in (ArbeitskreisDocument, Meeting, Thread):
        assert not model.objects.visible_to(ak_member).exists()


# --- Entries -----------------------------------------------------------------------------------


def test_a_document_entry_reads_the_current_version_only(login, arbeitskreis, ak_contributor, ak_member):
    document = content_services.document_create(
        arbeitskreis=arbeitskreis,
        user=ak_contributor,
        title="Handreichung Kontrollen",
        description="Ablauf gemeinsamer Kontrollen.",
        is_result=True,
        upload=pdf_upload(),
    )
    content_services.document_version_add(document=document, user=ak_contributor, upload=pdf_upload("v2.pdf"))
    first, second = document.versions.order_by("number")
    read(first.file_id, "Alte Fassung")
    read(second.file_id, "Neue Fassung Bordell")
    ArbeitskreisDocument.objects.filter(pk=document.pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2024, 12, 31, 23, 30), datetime.UTC)
    )
    src = ArbeitskreisDocumentSource()
    entry = entry_of(src, document)
    assert type(entry) is Entry  # exactly the fields of the protocol
    assert entry.title == "Handreichung Kontrollen"
    assert entry.context == "Facharbeitskreis Rotlicht · Dokument"
    assert (entry.rubric, entry.arbeitskreis_id, entry.fachgebiet_id, entry.partner_id) == (
        "arbeitskreise",
        arbeitskreis.pk,
        None,
        None,
    )
    assert "Ablauf gemeinsamer Kontrollen" in entry.b  # the description: the snippet's source
    for word in ("Dokument", "Facharbeitskreis", "Ergebnis"):
        assert word in entry.words and word not in entry.b  # only to find it by
    assert entry.d == "Neue Fassung Bordell"
    assert entry.date == datetime.date(2025, 1, 1)  # Berlin's date
    assert login(ak_member).get(entry.url).status_code == 200

    read(second.file_id, "", TextStatus.NO_TEXT)
    assert entry_of(src, document).d == ""


def test_a_meeting_entry_has_agenda_and_place_but_no_video_link(login, arbeitskreis, ak_lead, ak_member):
    starts = timezone.make_aware(datetime.datetime(2025, 3, 3, 23, 30), datetime.UTC)
    meeting = _meeting(
        arbeitskreis,
        ak_lead,
        title="3. Sitzung 2025",
        starts_at=starts,
        agenda="TOP 1: Lagebild Rotlicht\nTOP 2: Termine",
        location="Rathaus Essen, Raum 4",
        video_url="https://video.example.org/geheim-123",
    )
    entry = entry_of(MeetingSource(), meeting)
    assert type(entry) is Entry  # exactly the fields of the protocol
    assert entry.title == "3. Sitzung 2025"
    assert entry.context == "Facharbeitskreis Rotlicht · Sitzung"
    assert "TOP 1: Lagebild Rotlicht" in entry.c and "Rathaus Essen, Raum 4" in entry.c
    assert "Sitzung" in entry.words and entry.b == ""
    assert entry.date == datetime.date(2025, 3, 4)
    assert (entry.rubric, entry.arbeitskreis_id, entry.d) == ("arbeitskreise", arbeitskreis.pk, "")
    assert not any("geheim-123" in str(value) for value in asdict(entry).values())
    assert login(ak_member).get(entry.url).status_code == 200


def test_a_thread_entry_holds_every_post_and_the_readable_attachments(login, arbeitskreis, ak_member, ak_contributor):
    thread = content_services.thread_create(
        arbeitskreis=arbeitskreis,
        user=ak_member,
        title="Kontrollen nachts",
        body="Erster Beitrag",
        upload=pdf_upload("a.pdf"),
    )
    content_services.post_reply(thread=thread, user=ak_contributor, body="Zweiter Beitrag", upload=pdf_upload("b.pdf"))
    content_services.post_reply(thread=thread, user=ak_member, body="Dritter Beitrag", upload=pdf_upload("c.pdf"))
    a, b, c = PostAttachment.objects.order_by("pk")
    read(a.file_id, "Vermerk eins")
    read(b.file_id, "", TextStatus.PENDING)
    read(c.file_id, "Vermerk drei")
    thread.refresh_from_db()
    entry = entry_of(ThreadSource(), thread)
    assert type(entry) is Entry  # exactly the fields of the protocol
    assert entry.title == "Kontrollen nachts"
    assert entry.context == "Facharbeitskreis Rotlicht · Diskussion"
    assert entry.c == "Erster Beitrag\n\nZweiter Beitrag\n\nDritter Beitrag"
    assert entry.d == "Vermerk eins\n\nVermerk drei"
    assert entry.date == timezone.localdate(thread.last_post_at)
    assert (entry.rubric, entry.arbeitskreis_id) == ("arbeitskreise", arbeitskreis.pk)
    assert login(ak_member).get(entry.url).status_code == 200


# --- Keeping the index current --------------------------------------------------------------


def pks(objects) -> set[int]:
    return {obj.pk for obj in objects}


def test_dependents(content, arbeitskreis):
    document = ArbeitskreisDocument.objects.get(arbeitskreis=arbeitskreis)
    meeting = Meeting.objects.get(arbeitskreis=arbeitskreis)
    thread = Thread.objects.get(arbeitskreis=arbeitskreis)
    post = thread.posts.last()
    deps = ArbeitskreisDocumentSource().dependents()
    assert set(deps) == {ArbeitskreisDocumentVersion, Arbeitskreis}
    assert pks(deps[ArbeitskreisDocumentVersion](document.versions.first())) == {document.pk}
    assert pks(deps[Arbeitskreis](arbeitskreis)) == {document.pk}
    assert set(MeetingSource().dependents()) == {Arbeitskreis}
    assert pks(MeetingSource().dependents()[Arbeitskreis](arbeitskreis)) == {meeting.pk}
    deps = ThreadSource().dependents()
    assert set(deps) == {Post, PostAttachment, Arbeitskreis}
    assert pks(deps[Post](post)) == {thread.pk}
    assert pks(deps[PostAttachment](post.attachments.get())) == {thread.pk}
    assert pks(deps[Arbeitskreis](arbeitskreis)) == {thread.pk}


@pytest.fixture
def on_delete():
    """Calls dependents() callables from post_delete, as the index does, and records what they returned."""
    connected = []

    def watch(source) -> list:
        seen: list = []
        for model, related in source.dependents().items():

            def receiver(sender, instance, related=related, **kwargs):
                seen.append((sender.__name__, pks(related(instance))))

            post_delete.connect(receiver, sender=model, weak=False)
            connected.append((receiver, model))
        return seen

    yield watch
    for receiver, model in connected:
        post_delete.disconnect(receiver, sender=model)


def test_dependents_survive_deleting_posts_threads_and_arbeitskreise(content, arbeitskreis, ak_contributor, on_delete):
    thread = Thread.objects.get(arbeitskreis=arbeitskreis)
    reply = thread.posts.last()
    seen = on_delete(ThreadSource())
    content_services.post_delete(post=reply)  # the attachment, then the post: the thread stays
    assert seen == [("PostAttachment", {thread.pk}), ("Post", {thread.pk})]
    seen.clear()
    thread_pk = thread.pk
    content_services.thread_delete(thread=thread)
    # The post goes first in the cascade, while the thread is still there: rebuilt, then removed.
    assert seen == [("Post", {thread_pk})]
    seen.clear()
    seen_documents = on_delete(ArbeitskreisDocumentSource())
    arbeitskreis_pk, document_pk = arbeitskreis.pk, ArbeitskreisDocument.objects.get(arbeitskreis=arbeitskreis).pk
    arbeitskreis.delete()
    # Versions go before their document, everything of the area before the area: nothing left to rebuild.
    assert seen_documents == [
        ("ArbeitskreisDocumentVersion", {document_pk}),
        ("ArbeitskreisDocumentVersion", {document_pk}),
        ("Arbeitskreis", set()),
    ]
    assert seen == [("Arbeitskreis", set())]
    assert not ArbeitskreisDocument.objects.filter(arbeitskreis_id=arbeitskreis_pk).exists()


def test_for_files(content, arbeitskreis):
    document = ArbeitskreisDocument.objects.get(arbeitskreis=arbeitskreis)
    thread = Thread.objects.get(arbeitskreis=arbeitskreis)
    version_files = list(document.versions.values_list("file_id", flat=True))
    attachment_file = PostAttachment.objects.get(post__thread=thread).file_id
    assert list(ArbeitskreisDocumentSource().for_files(version_files)) == [document]
    assert list(ThreadSource().for_files([attachment_file, *version_files])) == [thread]
    assert not MeetingSource().for_files(version_files).exists()
    assert not ArbeitskreisDocumentSource().for_files([attachment_file]).exists()


# --- Cost --------------------------------------------------------------------------------------


def _entry_queries(src) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as loading:
        objects = list(src.indexable())
    with CaptureQueriesContext(connection) as building:
        for obj in objects:
            src.entry(obj)
    return len(loading.captured_queries), len(building.captured_queries)


def test_entries_cost_a_fixed_number_of_queries(arbeitskreis, other_arbeitskreis, ak_contributor, other_lead):
    _fill(arbeitskreis, ak_contributor, "eins")
    for stored in StoredFile.objects.all():
        read(stored, "Text der Datei")
    few = {src.kind: _entry_queries(src) for src in SOURCES}
    _fill(arbeitskreis, ak_contributor, "zwei")
    _fill(other_arbeitskreis, other_lead, "drei")
    for stored in StoredFile.objects.all():
        read(stored, "Text der Datei")
    many = {src.kind: _entry_queries(src) for src in SOURCES}
    assert few == many
    assert all(building == 0 for _, building in many.values()), many
