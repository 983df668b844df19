"""`{% load glossar %}{{ html|glossar_links }}`: glossary links in sanitised HTML.

`{{ html|glossar_links:term.slug }}` leaves that term itself unlinked (on its own page).
"""

from __future__ import annotations

from django import template

from fachgebiete.glossar_links import link_terms

register = template.Library()


@register.filter(is_safe=True)
def glossar_links(value, exclude: str = ""):
    return link_terms(value, exclude=exclude or "")
