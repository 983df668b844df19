""" "Redaktion anywhere?" kept in the person's own session per rights generation (common.rights,
fachgebiete.access.editor_somewhere): a member's Fachgebiet pages ask no rights query; a grant or
revocation, directly or through a group, shows on the very next page; one person's answer never
reaches another; and a kept answer can only ever refuse, never grant."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from guardian.shortcuts import assign_perm, remove_perm

from common import rights
from fachgebiete.access import PERMISSION, can_edit_here
from fachgebiete.models import Status
from tests.helpers import logged_in_client, recorded_sql

pytestmark = pytest.mark.django_db

RIGHTS_TABLES = ("auth_permission", "fachgebietuserobjectpermission", "fachgebietgroupobjectpermission")


def _is_editor_on(client: Client, fachgebiet) -> bool:
    response = client.get(fachgebiet.url("article_list"))
    assert response.status_code == 200
    return response.context["is_editor"]


def test_a_members_list_page_asks_no_rights_query(member, shisha):
    client = logged_in_client(member)
    url = shisha.url("article_list")
    client.get(url)  # the session's first page asks once
    with recorded_sql() as statements:
        assert client.get(url).status_code == 200
    assert statements and not [sql for sql in statements if any(table in sql for table in RIGHTS_TABLES)]


def test_grants_and_revocations_show_on_the_next_page(member, shisha):
    client = logged_in_client(member)
    assert not _is_editor_on(client, shisha)
    assign_perm(f"fachgebiete.{PERMISSION}", member, shisha)
    assert _is_editor_on(client, shisha)
    assert client.get(shisha.url("review_queue")).status_code == 200
    remove_perm(f"fachgebiete.{PERMISSION}", member, shisha)
    assert not _is_editor_on(client, shisha)
    assert client.get(shisha.url("review_queue")).status_code == 403


def test_a_group_grant_shows_on_the_next_page(member, shisha):
    client = logged_in_client(member)
    group = Group.objects.create(name="Redaktion Shisha")
    group.user_set.add(member)  # her groups changed: partner.sessions ends her sessions
    client = logged_in_client(member)
    assert not _is_editor_on(client, shisha)
    assign_perm(f"fachgebiete.{PERMISSION}", group, shisha)
    assert _is_editor_on(client, shisha)
    group.delete()
    assert not _is_editor_on(client, shisha)


def test_answers_never_cross_between_people_however_requests_interleave(member, editor, office, shisha):
    clients = {
        "member": logged_in_client(member),
        "editor": logged_in_client(editor),
        "office": logged_in_client(office),
    }
    expected = {"member": False, "editor": True, "office": True}
    for _ in range(3):
        for role in ("editor", "member", "office", "member", "editor"):
            assert _is_editor_on(clients[role], shisha) is expected[role], role


def test_a_kept_answer_of_another_user_or_generation_is_not_trusted(rf, member, editor, shisha):
    request = rf.get("/")
    request.user = editor
    generation = rights.rights_generation()
    request.session = {"siko_rights:fachgebiete-editor": {"generation": generation, "user": member.pk, "value": False}}
    assert can_edit_here(request, shisha)  # the member's "no" is not the editor's
    request = rf.get("/")
    request.user = editor
    request.session = {"siko_rights:fachgebiete-editor": {"generation": "alt", "user": editor.pk, "value": False}}
    assert can_edit_here(request, shisha)  # an old generation's "no" does not count


def test_a_kept_yes_still_asks_the_rule_for_each_fachgebiet(rf, member, shisha):
    """Even a (wrongly) kept "yes" grants nothing: the Fachgebiet's own rule is asked."""
    request = rf.get("/")
    request.user = member
    request.session = {
        "siko_rights:fachgebiete-editor": {"generation": rights.rights_generation(), "user": member.pk, "value": True}
    }
    assert not can_edit_here(request, shisha)


def test_the_start_page_counts_waiting_items_only_for_a_redaktion(member, shisha, make_article):
    client = logged_in_client(member)
    make_article(shisha, Status.SUBMITTED, title="Wartender Beitrag")
    client.get("/")
    with recorded_sql() as statements:
        page = client.get("/").content.decode()
    assert "auf Ihre Prüfung" not in page
    assert not [sql for sql in statements if "fachgebietuserobjectpermission" in sql]  # no count asked
    assign_perm(f"fachgebiete.{PERMISSION}", member, shisha)
    assert "1 Beitrag wartet auf Ihre Prüfung." in client.get("/").content.decode()


def test_a_members_detail_page_asks_no_rights_query_and_still_hides_drafts(
    member, office, make_user, shisha, make_document
):
    """The detail page reads the item without the grants for a person in no Redaktion (kept "no");
    a draft stays hidden from her, and a grant shows it on the very next page."""
    published = make_document(shisha, title="Veröffentlichtes Muster")
    draft = make_document(shisha, Status.SUBMITTED, title="Entwurf")
    draft.author = make_user("andere@essen.de")
    draft.save()
    client = logged_in_client(member)
    client.get(published.get_absolute_url())  # the session's first page asks once
    with recorded_sql() as statements:
        page = client.get(published.get_absolute_url())
    assert page.status_code == 200
    assert statements and not [sql for sql in statements if any(table in sql for table in RIGHTS_TABLES)]
    assert len(statements) <= 5  # session, user, Fachgebiet, the document, its versions
    log_link = "Protokoll: Wer hat welche Version abgerufen?"
    assert log_link not in page.content.decode()
    assert log_link in logged_in_client(office).get(published.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assign_perm(f"fachgebiete.{PERMISSION}", member, shisha)
    assert client.get(draft.get_absolute_url()).status_code == 200
    remove_perm(f"fachgebiete.{PERMISSION}", member, shisha)
    assert client.get(draft.get_absolute_url()).status_code == 404
