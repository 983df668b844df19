from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.fragments import KeptChoicesMixin

from .models import AuditEvent, Partner, PartnerKind, PartnerType, User


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """A select's rows read with one plain query. Django's default reads them with `iterator()`,
    which on PostgreSQL opens a server-side cursor (DECLARE … WITH HOLD, FETCH, CLOSE) — three
    statements and a materialised result for a list of a few dozen authorities."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class FilterForm(forms.Form):
    # Every filter is optional; the "– optional" marker would only add noise.
    hide_optional_marker = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.iterator = ListedChoiceIterator
                field.widget.choices = field.choices


class PartnerFilter(KeptChoicesMixin, django_filters.FilterSet):
    """The filter of "Behörden & Institutionen"; its towns are kept with the list (partner.listing)."""

    q = django_filters.CharFilter(label=_("Name enthält"), method="filter_name")
    type = django_filters.ChoiceFilter(label=_("Behördentyp"), choices=PartnerType.choices, empty_label=_("Alle Typen"))
    kind = django_filters.ChoiceFilter(
        label=_("Art der Partnerschaft"), choices=PartnerKind.choices, empty_label=_("Alle")
    )
    city = django_filters.ChoiceFilter(label=_("Ort"), choices=[], empty_label=_("Alle Orte"))

    class Meta:
        model = Partner
        fields = ["q", "type", "kind", "city"]
        form = FilterForm

    def content_choices(self) -> dict[str, list[tuple]]:
        cities = Partner.objects.active().order_by("city").values_list("city", flat=True).distinct()
        return {"city": [(city, city) for city in cities]}

    def filter_name(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))


class AccountFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name oder E-Mail enthält"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=User.Status.choices, empty_label=_("Alle"))
    partner = django_filters.ModelChoiceFilter(
        label=_("Behörde"), queryset=Partner.objects.all(), empty_label=_("Alle Behörden")
    )

    class Meta:
        model = User
        fields = ["q", "status", "partner"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(first_name__icontains=value) | Q(last_name__icontains=value) | Q(email__icontains=value)
        )


class AuditFilter(django_filters.FilterSet):
    """The Geschäftsstelle's audit list: every filter matches who acted *or* whom it concerned."""

    q = django_filters.CharFilter(label=_("Person (Name oder E-Mail enthält)"), method="filter_text")
    person = django_filters.NumberFilter(widget=forms.HiddenInput, method="filter_person")
    partner = django_filters.ModelChoiceFilter(
        label=_("Behörde"), queryset=Partner.objects.all(), empty_label=_("Alle Behörden"), method="filter_partner"
    )
    kind = django_filters.ChoiceFilter(label=_("Ereignis"), choices=AuditEvent.Kind.choices, empty_label=_("Alle"))
    bereich = django_filters.CharFilter(label=_("Bereich (Kürzel enthält)"), lookup_expr="icontains")
    target = django_filters.CharFilter(widget=forms.HiddenInput)
    since = django_filters.DateFilter(
        label=_("von (Datum)"), field_name="at", lookup_expr="date__gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = django_filters.DateFilter(
        label=_("bis (Datum)"), field_name="at", lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = AuditEvent
        fields = ["q", "person", "partner", "kind", "bereich", "target", "since", "until"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(actor_name__icontains=value) | Q(subject_name__icontains=value))

    def filter_person(self, queryset, name, value):
        return queryset.filter(Q(actor_id=value) | Q(subject_id=value))

    def filter_partner(self, queryset, name, value):
        return queryset.filter(Q(actor__partner=value) | Q(subject__partner=value))
