"""The audience part of an announcement form: render it with `{{ audience_form }}` beside the
room's own form, validate both, save both in one transaction (`form.save(commit=...)`)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common import generations
from facharbeitskreise.models import Arbeitskreis
from partner.models import Partner, PartnerType

from .announcements import ANNOUNCEMENTS
from .models import Audience, AudienceType, Scope

_CHOICE_NEEDED = {
    Scope.BEHOERDENARTEN: ("types", _("Bitte wählen Sie mindestens einen Behördentyp.")),
    Scope.PARTNER: ("partners", _("Bitte wählen Sie mindestens eine Behörde oder Institution.")),
    Scope.ARBEITSKREISE: ("arbeitskreise", _("Bitte wählen Sie mindestens einen Facharbeitskreis oder ein Projekt.")),
}


# A number past the database's integer range is no choice (SQLite raised OverflowError, a 500).
_BIGINT = range(-(2**63), 2**63)


class _ChoicesInRange(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # left to Django's own "invalid_pk_value"
            if number not in _BIGINT:
                message = self.error_messages["invalid_choice"]
                raise ValidationError(message, code="invalid_choice", params={"value": pk})
        return super()._check_values(value)


class AudienceForm(forms.ModelForm):
    """Scope plus the one selection it needs. `scopes` limits the offered scopes and `arbeitskreise` the
    offered closed areas (an area lead: `scopes=[Scope.ARBEITSKREISE]`, `arbeitskreise=` her areas)."""

    types = forms.MultipleChoiceField(
        label=_("Behördentypen"),
        choices=PartnerType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Audience
        fields = ["scope", "types", "partners", "arbeitskreise"]
        field_classes = {"partners": _ChoicesInRange, "arbeitskreise": _ChoicesInRange}
        widgets = {
            "scope": forms.RadioSelect,
            "partners": forms.CheckboxSelectMultiple,
            "arbeitskreise": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "scope": _("Nur diese Personen sehen den Eintrag – in Listen, Suche, Kalender und E-Mails."),
        }

    def __init__(self, *args, scopes=None, arbeitskreise=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("types", self.instance.type_values())
        if scopes is not None:
            self.fields["scope"].choices = [(value, label) for value, label in Scope.choices if value in scopes]
            if len(scopes) == 1:
                self.fields["scope"].initial = scopes[0]
            for scope, (field, _message) in _CHOICE_NEEDED.items():
                if scope not in scopes:
                    del self.fields[field]
        if "partners" in self.fields:
            self.fields["partners"].queryset = Partner.objects.active()
        if "arbeitskreise" in self.fields:
            self.fields["arbeitskreise"].queryset = (
                Arbeitskreis.objects.active() if arbeitskreise is None else arbeitskreise
            ).order_by("kind", "name")

    def clean(self):
        data = super().clean()
        needed = _CHOICE_NEEDED.get(data.get("scope"))
        if needed is not None and not data.get(needed[0]):
            self.add_error(needed[0], needed[1])
        return data

    def save(self, commit: bool = True) -> Audience:
        """The audience with only the selection its scope uses (the others emptied)."""
        audience = super().save(commit=False)
        if not commit:
            return audience
        audience.save()
        scope = audience.scope
        audience.partners.set(self.cleaned_data.get("partners", []) if scope == Scope.PARTNER else [])
        audience.arbeitskreise.set(self.cleaned_data.get("arbeitskreise", []) if scope == Scope.ARBEITSKREISE else [])
        audience.types.all().delete()
        if scope == Scope.BEHOERDENARTEN:
            AudienceType.objects.bulk_create(
                AudienceType(audience=audience, type=value) for value in self.cleaned_data["types"]
            )
            generations.changed(ANNOUNCEMENTS)  # bulk_create sends no post_save
        return audience
