"""The boxes other apps' pages show of "Wer ist zuständig?" (their templates load this library;
their code imports nothing of this app, so the dependency runs from here to them)."""

from __future__ import annotations

from django import template

from partner.models import PartnerType

from ..models import Zustaendigkeit
from ..regions import Region

register = template.Library()


@register.inclusion_tag("zustaendigkeiten/fachgebiet_box.html")
def wer_ist_zustaendig(fachgebiet) -> dict:
    """On a Fachgebiet's page: the directory's search with the Fachgebiet preset."""
    return {"fachgebiet": fachgebiet, "regions": Region.choices, "types": PartnerType.choices}


@register.inclusion_tag("zustaendigkeiten/partner_entries.html", takes_context=True)
def zustaendigkeiten_der_behoerde(context, partner) -> dict:
    """On an authority's page: what its staff are responsible for (two queries)."""
    user = context["request"].user
    entries = Zustaendigkeit.objects.visible_to(user).filter(partner=partner).for_page()
    return {"partner": partner, "entries": list(entries)}
