from __future__ import annotations

from django import forms

from common.markdown import MARKDOWN_HELP

from .models import Fachgebiet, GlossaryTerm
from .models.glossary import split_synonyms


class GlossaryTermForm(forms.ModelForm):
    class Meta:
        model = GlossaryTerm
        fields = ["term", "definition", "synonyms", "fachgebiete", "see_also"]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 10}),
            "synonyms": forms.Textarea(attrs={"rows": 3}),
            "fachgebiete": forms.CheckboxSelectMultiple,
            "see_also": forms.CheckboxSelectMultiple,
        }
        error_messages = {"definition": {"required": "Bitte geben Sie eine Erläuterung ein."}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].error_messages["required"] = "Bitte geben Sie den Begriff ein."
        self.fields["definition"].help_text = MARKDOWN_HELP
        self.fields["fachgebiete"].queryset = Fachgebiet.objects.order_by("position", "name")
        self.fields["fachgebiete"].help_text = "Fachgebiete, zu denen der Begriff gehört."
        others = GlossaryTerm.objects.order_by("sort_key", "term")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["see_also"].queryset = others
        self.fields["see_also"].help_text = "Verwandte Begriffe; der Verweis erscheint bei beiden Begriffen."
        self._others = list(others.only("term", "synonyms"))
        for name in ("fachgebiete", "see_also"):
            self.fields[name].template_name = "fachgebiete/forms/checkbox_group.html"

    def _owner_of(self, variant: str) -> GlossaryTerm | None:
        key = variant.casefold()
        return next((t for t in self._others if key in {v.casefold() for v in t.variants}), None)

    def clean_term(self) -> str:
        term = " ".join(self.cleaned_data["term"].split())
        owner = self._owner_of(term)
        if owner is not None:
            if owner.term.casefold() == term.casefold():
                raise forms.ValidationError("Diesen Begriff gibt es im Glossar bereits.")
            raise forms.ValidationError(f"„{term}“ ist bereits als andere Schreibweise von „{owner.term}“ eingetragen.")
        return term

    def clean_synonyms(self) -> str:
        variants = split_synonyms(self.cleaned_data["synonyms"])
        term = self.cleaned_data.get("term", "").casefold()
        problems = []
        for variant in variants:
            owner = self._owner_of(variant)
            if owner is not None:
                problems.append(f"„{variant}“ gehört bereits zum Begriff „{owner.term}“.")
        if problems:
            raise forms.ValidationError(problems)
        return "\n".join(v for v in variants if v.casefold() != term)


class GlossaryFilterForm(forms.Form):
    q = forms.CharField(
        label="Suchbegriff",
        required=False,
        max_length=100,
        help_text="Sucht in Begriffen, Schreibweisen und Erläuterungen.",
    )
