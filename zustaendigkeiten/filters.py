from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from fachgebiete.models import Fachgebiet
from partner.filters import FilterForm
from partner.models import PartnerType

from .models import Zustaendigkeit
from .regions import Region


class ZustaendigkeitFilter(django_filters.FilterSet):
    fachgebiet = django_filters.ModelChoiceFilter(
        label=_("Fachgebiet"),
        queryset=Fachgebiet.objects.fachgebiete(),
        to_field_name="slug",
        empty_label=_("Alle Fachgebiete"),
    )
    # A place shows its own entries and the statewide ones: they answer for it too.
    region = django_filters.ChoiceFilter(
        label=_("Stadt / Kreis"),
        choices=Region.choices,
        empty_label=_("Alle Städte und Kreise"),
        method="filter_region",
    )
    typ = django_filters.ChoiceFilter(
        label=_("Behördentyp"), field_name="partner__type", choices=PartnerType.choices, empty_label=_("Alle Typen")
    )
    meine = django_filters.BooleanFilter(
        label=_("Nur Einträge, die ich pflegen darf"), method="filter_mine", widget=forms.CheckboxInput
    )

    class Meta:
        model = Zustaendigkeit
        fields = ["fachgebiet", "region", "typ", "meine"]
        form = FilterForm

    def filter_region(self, queryset, name, value):
        return queryset.filter(region__in={value, Region.LANDESWEIT})

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Zustaendigkeit.objects.maintained_by(self.request.user).values("pk"))
