"""The portal's main navigation: only rubrics that are built appear here."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


def main_navigation(request) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    entries = [
        ("Start", "home"),
        ("Behörden & Institutionen", "partner:list"),
        ("Newsletter", "newsletter:archive"),
    ]
    if user.is_geschaeftsstelle:
        entries += [("Zulassungen", "partner:admission_list"), ("Nutzerverwaltung", "partner:account_list")]
    if user.has_perm("newsletter.manage_newsletter"):
        entries.append(("Newsletter-Versand", "newsletter:office_issue_list"))
    home = reverse("home")
    items = []
    for label, name in entries:
        url = reverse(name)
        current = request.path == url if url == home else request.path.startswith(url)
        items.append(NavItem(label=label, url=url, current=current))
    return items
