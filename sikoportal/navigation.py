"""The portal's navigation: only rubrics that are built appear here.

Two bars: the rubrics every admitted user reads, and — only for those who have such tasks —
the administration (Redaktion, Geschäftsstelle). Each entry asks the same rule the view asks.

Cost per request: the main bar's addresses are reversed once per process (URLs do
not change while it runs). The administration bar asks three permission questions (several
queries); its answer is found at login and kept in the person's own session, together with the
"rights generation" it was computed under. A change of rights that reaches people while their
sessions go on (a Redaktion grant or revocation, to a person or a group; a group's permissions;
a deleted group) moves the generation on, in the shared cache so that every worker sees it, and
the next page of every session asks the rules again. A change of a person's own status, groups
or permissions ends her sessions (partner.sessions), and the stored bar with them. The answer
lives in the session, so it is never shown to another person; a login starts a new session,
and the stored user id is checked besides.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse

from common import generations, rights
from common.actors import request_user
from common.rubrics import RUBRICS
from facharbeitskreise.access import MANAGE_PERMISSION
from fachgebiete.access import is_editor_anywhere
from fachgebiete.models import FachgebietGroupObjectPermission, FachgebietUserObjectPermission

logger = logging.getLogger(__name__)

# Shared cache key of the rights generation; session key of the stored administration bar.
GENERATION_KEY = rights.GENERATION_KEY
SESSION_KEY = "siko_admin_navigation"

MAIN_ENTRIES = [("Start", "home", {})] + [(rubric.label, rubric.url_name, rubric.url_kwargs) for rubric in RUBRICS]


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


@cache
def _url(name: str, slug: str | None = None) -> str:
    """reverse() once per process: the URL configuration does not change while it runs."""
    return reverse(name, kwargs={"slug": slug} if slug else {})


def _items(request, entries: list[tuple[str, str, dict]]) -> list[NavItem]:
    home = _url("home")
    items = []
    for label, name, kwargs in entries:
        url = _url(name, kwargs.get("slug"))
        current = request.path == url if url == home else request.path.startswith(url)
        items.append(NavItem(label=label, url=url, current=current))
    return items


def main_navigation(request) -> list[NavItem]:
    if request_user(request) is None:
        return []
    return _items(request, MAIN_ENTRIES)


def admin_entries(user) -> list[tuple[str, str, dict]]:
    """The administration bar as the rules answer it now (several queries)."""
    entries = []
    if is_editor_anywhere(user):
        entries.append(("Redaktion", "fachgebiete:review_overview", {}))
    if user.is_geschaeftsstelle:
        entries += [
            ("Zulassungen", "partner:admission_list", {}),
            ("Nutzerverwaltung", "partner:account_list", {}),
            ("Redaktionen", "fachgebiete:office_editor_list", {}),
            ("Datenschutz", "partner:deletion_request_list", {}),
            ("Konten bestätigen", "partner:recertification", {}),
            ("Anmeldedienste", "partner:sso_provider_list", {}),
            ("Statistik", "statistik:overview", {}),
        ]
    if user.has_perm(MANAGE_PERMISSION):
        entries.append(("Arbeitskreise verwalten", "facharbeitskreise:office_arbeitskreis_list", {}))
    if user.has_perm("newsletter.manage_newsletter"):
        entries.append(("Newsletter-Versand", "newsletter:office_issue_list", {}))
    return entries


# The generation itself lives in common.rights (other apps keep answers under it too); the names
# stay here for the receivers below and the tests.
rights_generation = rights.rights_generation
# Every stored administration bar is outdated: now (this transaction's own later pages) and again
# at the commit, so that a page that read the old rights meanwhile is not kept.
rights_changed = generations.receiver(rights.GENERATION_KEY)


def connect() -> None:
    """Called from SikoportalConfig.ready(): the rights that the administration bar asks about.

    A change of a person's own privilege fields, groups or permissions ends her sessions
    (partner.sessions), and the stored bar goes with them; what reaches people without that –
    Redaktion grants, a group's permissions, a deleted group – is heard here."""
    for model in (FachgebietUserObjectPermission, FachgebietGroupObjectPermission):
        post_save.connect(rights_changed, sender=model, dispatch_uid=f"siko-nav-save-{model.__name__}")
        post_delete.connect(rights_changed, sender=model, dispatch_uid=f"siko-nav-delete-{model.__name__}")
    m2m_changed.connect(rights_changed, sender=Group.permissions.through, dispatch_uid="siko-nav-group-permissions")
    post_delete.connect(rights_changed, sender=Group, dispatch_uid="siko-nav-group-delete")
    user_logged_in.connect(remember_at_login, dispatch_uid="siko-nav-login")


def _stored_entries(request, user) -> list:
    generation = rights_generation(request)
    session = getattr(request, "session", None)
    stored = session.get(SESSION_KEY) if session is not None else None
    if stored and stored.get("generation") == generation and stored.get("user") == user.pk:
        return stored["entries"]
    entries = admin_entries(user)
    if session is not None:
        session[SESSION_KEY] = {"generation": generation, "user": user.pk, "entries": entries}
    return entries


def remember_at_login(sender, request, user, **kwargs) -> None:
    """Receiver of user_logged_in: the bar is asked for with the login, not on the first page."""
    if request is not None and hasattr(request, "session"):
        _stored_entries(request, user)


def admin_navigation(request) -> list[NavItem]:
    user = request_user(request)
    if user is None:
        return []
    return _items(request, _stored_entries(request, user))
