"""Template helpers for the content of an area: the overview's sections and Markdown bodies."""

from __future__ import annotations

from django import template
from django.utils import timezone

from common.markdown import render_markdown

register = template.Library()

OVERVIEW_ITEMS = 5


@register.simple_tag
def arbeitskreis_overview(arbeitskreis) -> dict:
    """Latest documents, next meetings and recent threads: three queries, whatever the area holds.

    Only ever called with an area the view has already admitted the user to (`access.arbeitskreis_for`).
    """
    return {
        "documents": list(arbeitskreis.documents.order_by("-updated_at", "-pk")[:OVERVIEW_ITEMS]),
        "meetings": list(arbeitskreis.meetings.upcoming(timezone.now())[:3]),
        "threads": list(arbeitskreis.threads.order_by("-last_post_at", "-pk")[:OVERVIEW_ITEMS]),
    }


@register.filter
def arbeitskreis_markdown(text: str):
    return render_markdown(text)
