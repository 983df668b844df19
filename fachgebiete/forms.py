from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.markdown import MARKDOWN_HELP
from dokumente.forms import UploadField
from partner.forms import AdmittedEmailField
from partner.models import Partner

from .models import Article, Document, Rechtstatsache

_DATE = {"type": "date"}


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs=_DATE, format="%Y-%m-%d")


class _ContributionForm(forms.ModelForm):
    """Partner choices: active authorities only; a new contribution suggests the author's own.
    `fachgebiet`: where the item is (to be) filed, for links to other items of it."""

    def __init__(self, *args, user=None, fachgebiet=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fachgebiet = fachgebiet
        if "partner" in self.fields:
            self.fields["partner"].queryset = Partner.objects.active().order_by("name")
            self.fields["partner"].empty_label = "Keine Angabe"
            if user is not None and not self.instance.pk and not self.is_bound:
                self.initial.setdefault("partner", user.partner_id)


class ArticleForm(_ContributionForm):
    attachment = UploadField(label=_("Anhang"), required=False)

    class Meta:
        model = Article
        fields = ["kind", "title", "summary", "body", "partner", "stand"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "stand": _date_widget(),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = MARKDOWN_HELP
        if self.instance.pk:
            self.fields["attachment"].label = _("Weiterer Anhang")


class DocumentForm(_ContributionForm):
    file = UploadField(label=_("Datei"))
    note = forms.CharField(
        label=_("Änderungshinweis"),
        max_length=300,
        required=False,
        help_text=_("Optional, z. B. „Erstfassung“ oder was sich gegenüber der Vorversion geändert hat."),
    )

    class Meta:
        model = Document
        fields = ["kind", "title", "description", "partner", "valid_from", "valid_until", "review_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "valid_from": _date_widget(),
            "valid_until": _date_widget(),
            "review_on": _date_widget(),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Editing the description; new files go through "Neue Version hochladen".
            del self.fields["file"]
            del self.fields["note"]

    def clean(self):
        cleaned = super().clean()
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        review_on = cleaned.get("review_on")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("„gültig bis“ kann nicht vor „gültig ab“ liegen."))
        if valid_from and review_on and review_on < valid_from:
            self.add_error("review_on", _("Die Wiedervorlage kann nicht vor dem Beginn der Gültigkeit liegen."))
        return cleaned

    def save(self, commit: bool = True):
        return _with_new_review_date(self, super().save(commit=False), commit)


def _with_new_review_date(form: forms.ModelForm, item, commit: bool):
    """A changed Wiedervorlage date is reminded of afresh (once when due, once when overdue)."""
    if "review_on" in form.changed_data:
        item.reset_review_reminders()
    if commit:
        item.save()
        form.save_m2m()
    return item


class RechtstatsacheForm(_ContributionForm):
    upload = UploadField(label=_("Datei"), required=False, help_text=_("Optional, z. B. die Entscheidung als PDF."))

    class Meta:
        model = Rechtstatsache
        fields = [
            "kind",
            "court",
            "decision_date",
            "aktenzeichen",
            "norms",
            "headnote",
            "summary",
            "legal_status",
            "follow_up",
            "review_on",
            "source_url",
        ]
        widgets = {
            "decision_date": _date_widget(),
            "review_on": _date_widget(),
            "headnote": forms.Textarea(attrs={"rows": 4}),
            "summary": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["summary"].help_text = MARKDOWN_HELP
        if self.instance.pk and self.instance.file_id:
            self.fields["upload"].label = _("Datei ersetzen")
        follow_up = self.fields["follow_up"]
        follow_up.empty_label = "Keine"
        # Every decision validates (so one from elsewhere gets a clear message); the list offers
        # the Fachgebiet's own published ones.
        follow_up.queryset = Rechtstatsache.objects.published().select_related("fachgebiet")
        offered = follow_up.queryset.exclude(pk=self.instance.pk).order_by("-decision_date", "-pk")
        if self.fachgebiet is not None:
            offered = offered.filter(fachgebiet=self.fachgebiet)
        follow_up.widget.choices = [("", follow_up.empty_label), *((r.pk, r.title) for r in offered)]

    def clean_follow_up(self):
        follow_up = self.cleaned_data.get("follow_up")
        if follow_up is None:
            return None
        if self.instance.pk and follow_up.pk == self.instance.pk:
            raise forms.ValidationError(_("Eine Entscheidung kann nicht ihre eigene Folgeentscheidung sein."))
        if self.fachgebiet is not None and follow_up.fachgebiet_id != self.fachgebiet.pk:
            raise forms.ValidationError(_("Die Folgeentscheidung muss aus demselben Fachgebiet stammen."))
        return follow_up

    def save(self, commit: bool = True):
        return _with_new_review_date(self, super().save(commit=False), commit)

    def clean_norms(self) -> str:
        parts = [part.strip() for part in self.cleaned_data["norms"].replace(",", ";").split(";")]
        return "; ".join(part for part in parts if part)


FORMS = {"informationen": ArticleForm, "muster": DocumentForm, "rechtstatsachen": RechtstatsacheForm}


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar an die einreichende Person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pflicht beim Zurückgeben und Ablehnen; wird per E-Mail mitgeteilt."),
    )


class VersionForm(forms.Form):
    file = UploadField(label=_("Neue Version"))
    note = forms.CharField(label=_("Änderungshinweis"), max_length=300, required=False)


class AttachmentForm(forms.Form):
    file = UploadField(label=_("Anhang"))


class SupersedeForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund"),
        max_length=300,
        help_text=_("z. B. „ersetzt durch die Checkliste 2024“ oder „Rechtslage geändert“."),
        error_messages={"required": _("Bitte geben Sie an, warum das Dokument überholt ist.")},
    )
    successor = forms.ModelChoiceField(
        label=_("Nachfolger"),
        required=False,
        queryset=Document.objects.none(),
        empty_label="Kein Nachfolger",
        help_text=_("Optional: das Dokument desselben Fachgebiets, das an seine Stelle tritt."),
        error_messages={"invalid_choice": _("Bitte wählen Sie ein veröffentlichtes Dokument als Nachfolger.")},
    )

    def __init__(self, *args, document: Document, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        successor = self.fields["successor"]
        # Validated against every published document, so that one from another Fachgebiet gets a
        # clear message; offered are the current ones of this Fachgebiet.
        successor.queryset = Document.objects.published()
        offered = successor.queryset.filter(fachgebiet_id=document.fachgebiet_id, is_superseded=False)
        offered = offered.exclude(pk=document.pk).order_by("title", "pk")
        successor.widget.choices = [("", successor.empty_label), *((d.pk, d.title) for d in offered)]

    def clean_successor(self):
        successor = self.cleaned_data.get("successor")
        if successor is None:
            return None
        if successor.pk == self.document.pk:
            raise forms.ValidationError(_("Ein Dokument kann nicht sein eigener Nachfolger sein."))
        if successor.fachgebiet_id != self.document.fachgebiet_id:
            raise forms.ValidationError(_("Der Nachfolger muss aus demselben Fachgebiet stammen."))
        return successor


class EditorGrantForm(forms.Form):
    # Cleans to the User. Only the Geschäftsstelle uses this form, so it may tell apart an
    # unknown address from an account that is not admitted.
    email = AdmittedEmailField(
        label=_("E-Mail-Adresse der Person"),
        error_messages={
            "unknown": _("Zu dieser Adresse gibt es kein Konto im Portal."),
            "not_admitted": _("Dieses Konto ist nicht zugelassen."),
        },
    )
