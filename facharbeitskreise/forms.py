from __future__ import annotations

from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from partner.forms import AdmittedEmailField

from .access import Role
from .models import Arbeitskreis


class RequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Warum möchten Sie mitarbeiten? Die Leitung des Bereichs liest Ihre Begründung."),
        error_messages={"required": _("Bitte begründen Sie Ihren Antrag.")},
    )


class DecideForm(forms.Form):
    comment = forms.CharField(
        label=_("Anmerkung (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices, initial=Role.MITGLIED)


class MemberAddForm(RoleForm):
    field_order = ["user", "role"]
    user = AdmittedEmailField(
        label=_("E-Mail-Adresse der Person"),
        help_text=_("Die Person muss bereits ein zugelassenes Konto im Portal haben."),
    )


class GroupGrantForm(RoleForm):
    field_order = ["group", "role"]
    group = forms.ModelChoiceField(
        label=_("Gruppe"), queryset=Group.objects.order_by("name"), empty_label=_("Bitte wählen")
    )


class DescriptionForm(forms.ModelForm):
    class Meta:
        model = Arbeitskreis
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class ArbeitskreisForm(forms.ModelForm):
    class Meta:
        model = Arbeitskreis
        fields = ["name", "slug", "kind", "description", "is_confidential"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"slug": _("Kleinbuchstaben, Ziffern und Bindestriche, z. B. „rotlicht“.")}
