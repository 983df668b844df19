"""`{% load glossary %}{{ html|glossary_links }}`: glossary links in sanitised HTML.

`{{ html|glossary_links:term.slug }}` leaves that term itself unlinked (on its own page).
"""

from __future__ import annotations

from django import template

from fachgebiete.glossary_links import link_terms

register = template.Library()


@register.filter(is_safe=True)
def glossary_links(value, exclude: str = ""):
    return link_terms(value, exclude=exclude or "")
