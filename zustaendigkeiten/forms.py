from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fachgebiete.models import Fachgebiet
from partner.filters import ListedChoiceIterator
from partner.models import User

from .models import Zustaendigkeit, may_enter_for_others, may_manage_all


class PersonChoiceField(forms.ModelChoiceField):
    iterator = ListedChoiceIterator

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.last_name}, {obj.first_name} ({obj.partner})"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ListedChoiceIterator

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.last_name}, {obj.first_name} ({obj.partner})"


def people_for(user: User):
    """Whom this person may register as responsible: herself; her authority's staff when she is its
    contact person; everybody of an authority for the Geschäftsstelle."""
    people = User.objects.admitted().filter(partner__is_active=True).select_related("partner")
    if may_manage_all(user):
        return people
    if user.is_contact_person and user.partner_id is not None:
        return people.filter(partner_id=user.partner_id)
    return people.filter(pk=user.pk)


class ZustaendigkeitForm(forms.ModelForm):
    fachgebiet = forms.ModelChoiceField(
        label=_("Fachgebiet"),
        queryset=Fachgebiet.objects.fachgebiete(),
        to_field_name="slug",
        empty_label=_("Bitte wählen"),
        error_messages={"required": _("Bitte wählen Sie das Fachgebiet.")},
    )
    person = PersonChoiceField(
        label=_("Zuständige Person"),
        queryset=User.objects.none(),
        empty_label=_("Bitte wählen"),
        error_messages={
            "required": _("Bitte wählen Sie die zuständige Person."),
            "invalid_choice": _("Diese Person können Sie nicht eintragen."),
        },
    )
    deputies = PeopleChoiceField(
        label=_("Vertretung"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Kolleginnen und Kollegen derselben Behörde; mehrere mit Strg bzw. Cmd auswählen."),
        error_messages={"invalid_choice": _("Diese Person können Sie nicht als Vertretung eintragen.")},
    )

    class Meta:
        model = Zustaendigkeit
        fields = ["fachgebiet", "region", "person", "unit", "phone", "deputies", "note"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}
        error_messages = {"region": {"required": _("Bitte wählen Sie die Stadt oder den Kreis.")}}

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["fachgebiet"].iterator = ListedChoiceIterator
        self.fields["fachgebiet"].widget.choices = self.fields["fachgebiet"].choices
        people = people_for(user)
        if self.instance.pk and not people.filter(pk=self.instance.person_id).exists():
            people = people | User.objects.filter(pk=self.instance.person_id).select_related("partner")
        self.fields["person"].queryset = people
        if not may_enter_for_others(user):
            # Only the own entries: the person is fixed.
            self.fields["person"].disabled = True
            self.fields["person"].initial = user.pk
        colleagues = User.objects.admitted().filter(partner__isnull=False).select_related("partner")
        if not may_manage_all(user):
            colleagues = colleagues.filter(partner_id=self.instance.partner_id if self.instance.pk else user.partner_id)
        self.fields["deputies"].queryset = colleagues.order_by("last_name", "first_name")

    def clean(self):
        cleaned = super().clean()
        person, deputies = cleaned.get("person"), cleaned.get("deputies") or []
        if person is None:
            return cleaned
        partner_id = self.instance.partner_id if self.instance.pk else person.partner_id
        if person.partner_id != partner_id:
            self.add_error("person", _("Die Person arbeitet nicht (mehr) bei der Behörde dieses Eintrags."))
        if any(deputy.pk == person.pk for deputy in deputies):
            self.add_error("deputies", _("Die zuständige Person kann nicht zugleich ihre eigene Vertretung sein."))
        if any(deputy.partner_id != person.partner_id for deputy in deputies):
            self.add_error(
                "deputies", _("Die Vertretung muss bei derselben Behörde arbeiten wie die zuständige Person.")
            )
        fachgebiet, region = cleaned.get("fachgebiet"), cleaned.get("region")
        if fachgebiet and region:
            same = Zustaendigkeit.objects.filter(
                fachgebiet=fachgebiet, region=region, partner_id=partner_id, person=person
            ).exclude(pk=self.instance.pk)
            if same.exists():
                raise forms.ValidationError(
                    _("%(person)s ist für dieses Fachgebiet und diesen Ort bereits eingetragen."),
                    params={"person": person.get_full_name()},
                )
        return cleaned
