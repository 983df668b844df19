"""List filters of the three sections; every choice list costs one query, whatever the list's length."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.fragments import KeptChoicesMixin
from partner.filters import FilterForm
from partner.models import Partner

from .models import Article, Document, Rechtstatsache


def _years(queryset, field: str) -> list[tuple[int, int]]:
    return [(day.year, str(day.year)) for day in queryset.dates(field, "year", order="DESC")]


def _partners(queryset) -> object:
    return Partner.objects.filter(pk__in=queryset.values("partner_id")).order_by("name")


class _SectionFilter(KeptChoicesMixin, django_filters.FilterSet):
    """`choices`: the lists content_choices() would read, kept from an earlier request
    (common.fragments); without them they are read here, one query each."""

    q = django_filters.CharFilter(label=_("Suchbegriff"), method="filter_text")

    def __init__(self, data=None, queryset=None, **kwargs) -> None:
        super().__init__(data, queryset, **kwargs)
        if "partner" in self.filters:
            self.filters["partner"].queryset = _partners(queryset)


class ArticleFilter(_SectionFilter):
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=Article.Kind.choices, empty_label=_("Alle Arten"))
    partner = django_filters.ModelChoiceFilter(
        label=_("Behörde"), queryset=Partner.objects.none(), empty_label=_("Alle Behörden")
    )
    year = django_filters.ChoiceFilter(label=_("Jahr (Stand)"), field_name="stand__year", empty_label=_("Alle Jahre"))
    sort = django_filters.OrderingFilter(
        label=_("Sortierung"),
        empty_label=_("Neueste zuerst"),
        fields=(("stand", "stand"), ("title", "title")),
        field_labels={
            "-stand": _("Stand, neueste zuerst"),
            "stand": _("Stand, älteste zuerst"),
            "title": _("Titel A–Z"),
        },
        choices=[
            ("-stand", _("Stand, neueste zuerst")),
            ("stand", _("Stand, älteste zuerst")),
            ("title", _("Titel A–Z")),
        ],
    )

    class Meta:
        model = Article
        fields = ["q", "kind", "partner", "year", "sort"]
        form = FilterForm

    def content_choices(self) -> dict[str, list[tuple]]:
        return {"year": _years(self.queryset, "stand")}

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value) | Q(body__icontains=value))


class DocumentFilter(_SectionFilter):
    class Validity:
        CURRENT = "aktuell"
        SUPERSEDED = "ueberholt"

    kind = django_filters.ChoiceFilter(label=_("Art"), choices=Document.Kind.choices, empty_label=_("Alle Arten"))
    partner = django_filters.ModelChoiceFilter(
        label=_("Zuständige Behörde"), queryset=Partner.objects.none(), empty_label=_("Alle Behörden")
    )
    validity = django_filters.ChoiceFilter(
        label=_("Gültigkeit"),
        choices=[(Validity.CURRENT, _("nur aktuelle")), (Validity.SUPERSEDED, _("nur überholte"))],
        empty_label=_("aktuelle und überholte"),
        method="filter_validity",
    )
    year = django_filters.ChoiceFilter(
        label=_("Jahr (gültig ab)"), field_name="valid_from__year", empty_label=_("Alle Jahre")
    )
    sort = django_filters.OrderingFilter(
        label=_("Sortierung"),
        empty_label=_("Titel A–Z"),
        fields=(("valid_from", "valid_from"), ("published_at", "published_at")),
        choices=[
            ("-valid_from", _("gültig ab, neueste zuerst")),
            ("-published_at", _("zuletzt veröffentlicht")),
        ],
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "partner", "validity", "year", "sort"]
        form = FilterForm

    def content_choices(self) -> dict[str, list[tuple]]:
        return {"year": _years(self.queryset, "valid_from")}

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_validity(self, queryset, name, value):
        return queryset.filter(is_superseded=value == self.Validity.SUPERSEDED)


class RechtstatsacheFilter(_SectionFilter):
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=Rechtstatsache.Kind.choices, empty_label=_("Alle Arten"))
    court = django_filters.ChoiceFilter(label=_("Gericht / Stelle"), empty_label=_("Alle Gerichte"))
    year = django_filters.ChoiceFilter(
        label=_("Jahr der Entscheidung"), field_name="decision_date__year", empty_label=_("Alle Jahre")
    )
    legal_status = django_filters.ChoiceFilter(
        label=_("Rechtskraft"), choices=Rechtstatsache.LegalStatus.choices, empty_label=_("Alle")
    )
    norm = django_filters.CharFilter(
        label=_("Norm"), field_name="norms", method="filter_norm", help_text=_("z. B. „§ 33i GewO“ oder „33i“")
    )
    sort = django_filters.OrderingFilter(
        label=_("Sortierung"),
        empty_label=_("Entscheidung, neueste zuerst"),
        fields=(("decision_date", "decision_date"), ("court", "court")),
        choices=[("decision_date", _("Entscheidung, älteste zuerst")), ("court", _("Gericht A–Z"))],
    )

    class Meta:
        model = Rechtstatsache
        fields = ["q", "kind", "court", "year", "legal_status", "norm", "sort"]
        form = FilterForm

    def content_choices(self) -> dict[str, list[tuple]]:
        courts = self.queryset.order_by("court").values_list("court", flat=True).distinct()
        return {"year": _years(self.queryset, "decision_date"), "court": [(court, court) for court in courts]}

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(court__icontains=value)
            | Q(aktenzeichen__icontains=value)
            | Q(headnote__icontains=value)
            | Q(summary__icontains=value)
        )

    def filter_norm(self, queryset, name, value):
        # "§33i gewo" finds "§ 33i GewO": spacing after the paragraph sign does not matter.
        term = value.replace("§", "").strip()
        return queryset.filter(norms__icontains=term) if term else queryset
