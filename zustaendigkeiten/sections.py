"""What "Wer ist zuständig?" adds to other apps' pages (common.sections; listed in the settings
SIKO_FACHGEBIET_SECTIONS, SIKO_PARTNER_SECTIONS, SIKO_PROFILE_SECTIONS)."""

from __future__ import annotations

from django.template.loader import render_to_string

from partner.models import PartnerType

from .models import Zustaendigkeit
from .regions import Region


def fachgebiet_section(request, fachgebiet) -> str:
    """On a Fachgebiet's overview: the directory's search with the Fachgebiet preset."""
    if fachgebiet.is_rubrik:
        return ""
    context = {"fachgebiet": fachgebiet, "regions": Region.choices, "types": PartnerType.choices}
    return render_to_string("zustaendigkeiten/fachgebiet_box.html", context, request=request)


def partner_section(request, partner) -> str:
    """On an authority's page: what its staff are responsible for (two queries)."""
    entries = Zustaendigkeit.objects.visible_to(request.user).filter(partner=partner).for_page()
    context = {"partner": partner, "entries": list(entries)}
    return render_to_string("zustaendigkeiten/partner_entries.html", context, request=request)


def profile_section(request) -> str:
    """On "Mein Profil": the entries the person is responsible for, to keep them current."""
    if not request.user.is_authenticated:
        return ""
    entries = list(Zustaendigkeit.objects.visible_to(request.user).filter(person=request.user).for_page())
    return render_to_string("zustaendigkeiten/profile_section.html", {"entries": entries}, request=request)
