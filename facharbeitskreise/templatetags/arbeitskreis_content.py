"""Template helpers for the content of an area: Markdown bodies."""

from __future__ import annotations

from django import template

from common.markdown import render_markdown

register = template.Library()


@register.filter
def arbeitskreis_markdown(text: str):
    return render_markdown(text)
