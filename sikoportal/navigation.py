"""The portal's navigation: only rubrics that are built appear here.

Two bars: the rubrics every admitted user reads, and — only for those who have such tasks —
the administration (Redaktion, Geschäftsstelle). Each entry asks the same rule the view asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from facharbeitskreise.roles import MANAGE_PERMISSION
from fachgebiete.access import is_editor_anywhere


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


def _items(request, entries: list[tuple[str, str, dict]]) -> list[NavItem]:
    home = reverse("home")
    items = []
    for label, name, kwargs in entries:
        url = reverse(name, kwargs=kwargs)
        current = request.path == url if url == home else request.path.startswith(url)
        items.append(NavItem(label=label, url=url, current=current))
    return items


def _user(request):
    """The user, or None on an error page for a request the auth middleware never saw
    (an unknown Host header is refused before it runs)."""
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def main_navigation(request) -> list[NavItem]:
    if _user(request) is None:
        return []
    return _items(
        request,
        [
            ("Start", "home", {}),
            ("Fachgebiete", "fachgebiete:index", {}),
            ("Arbeitskreise & Projekte", "facharbeitskreise:area_list", {}),
            ("Lagebilder", "fachgebiete:rubrik_overview", {"slug": "lagebilder"}),
            ("Informationsaustausch", "fachgebiete:rubrik_overview", {"slug": "informationsaustausch"}),
            ("Prävention", "fachgebiete:rubrik_overview", {"slug": "praevention"}),
            ("Glossar", "fachgebiete:glossar", {}),
            ("Behörden & Institutionen", "partner:list", {}),
            ("Newsletter", "newsletter:archive", {}),
        ],
    )


def admin_navigation(request) -> list[NavItem]:
    user = _user(request)
    if user is None:
        return []
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
        ]
    if user.has_perm(MANAGE_PERMISSION):
        entries.append(("Arbeitskreise verwalten", "facharbeitskreise:office_area_list", {}))
    if user.has_perm("newsletter.manage_newsletter"):
        entries.append(("Newsletter-Versand", "newsletter:office_issue_list", {}))
    return _items(request, entries)
