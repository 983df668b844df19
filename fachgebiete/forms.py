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
    """Partner choices: active authorities only; a new contribution suggests the author's own."""

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
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
        fields = ["kind", "title", "description", "partner", "valid_from", "review_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "valid_from": _date_widget(),
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
        valid_from, review_on = cleaned.get("valid_from"), cleaned.get("review_on")
        if valid_from and review_on and review_on < valid_from:
            self.add_error("review_on", _("Die Überprüfung kann nicht vor dem Beginn der Gültigkeit liegen."))
        return cleaned


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
            "source_url",
        ]
        widgets = {
            "decision_date": _date_widget(),
            "headnote": forms.Textarea(attrs={"rows": 4}),
            "summary": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["summary"].help_text = MARKDOWN_HELP
        if self.instance.pk and self.instance.file_id:
            self.fields["upload"].label = _("Datei ersetzen")

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
    )


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
