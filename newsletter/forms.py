from __future__ import annotations

import csv
import io

from django import forms
from django.conf import settings
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from dokumente import virusscan
from partner.models import email_domain

from . import content
from .models import Issue, Subscriber

MAX_IMPORT_LINES = 5000
MAX_IMPORT_BYTES = 2 * 1024 * 1024


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["number", "title", "issue_date", "body", "portal_links"]
        labels = {"number": _("Nummer der Ausgabe")}
        widgets = {
            "issue_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "body": forms.Textarea(attrs={"rows": 18}),
            "portal_links": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Our own static help texts; the field template renders help text as HTML.
        self.fields["body"].help_text = content.MARKDOWN_HELP
        self.fields["portal_links"].help_text = content.LINKS_HELP
        if not self.instance.pk and not self.is_bound:
            last = Issue.objects.aggregate(n=Max("number"))["n"] or 0
            self.initial.setdefault("number", last + 1)

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        content.validate_body(body)
        return body

    def clean_portal_links(self) -> str:
        links = self.cleaned_data["portal_links"]
        content.parse_portal_links(links)
        return links


class SubscribeForm(forms.Form):
    """Public sign-up of staff of partner authorities without a portal account."""

    email = forms.EmailField(
        label=_("Dienstliche E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Ihr Name"),
        max_length=200,
        required=False,
        help_text=_("Für die persönliche Anrede im Newsletter, z. B. „Erika Mustermann“."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    privacy_ack = forms.BooleanField(
        label=_("Ich möchte den Newsletter erhalten und habe die Datenschutzerklärung zur Kenntnis genommen."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie den Newsletter erhalten möchten.")},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email_domain(email) in settings.SIKO_BLOCKED_EMAIL_DOMAINS:
            raise forms.ValidationError(
                _("Bitte verwenden Sie Ihre dienstliche E-Mail-Adresse; private Adressen werden nicht angenommen.")
            )
        return email


class SubscriberAddForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    name = forms.CharField(label=_("Name"), max_length=200, required=False, help_text=_("Für die Anrede."))


class ImportForm(forms.Form):
    addresses = forms.CharField(
        label=_("Adressen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Eine Adresse je Zeile, wahlweise mit Namen: „adresse@behoerde.de“, „adresse@behoerde.de; Vorname "
            "Nachname“ oder „Vorname Nachname &lt;adresse@behoerde.de&gt;“."
        ),
    )
    csv_file = forms.FileField(
        label=_("oder CSV-Datei"),
        required=False,
        help_text=_("Erste Spalte E-Mail-Adresse, zweite Spalte (optional) Name; Trennzeichen Semikolon oder Komma."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv,text/plain"}),
    )

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        if upload and upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Die Datei ist zu groß (höchstens 2 MB)."))
        if upload:
            # Read only, never stored – scanned all the same: every upload passes the virus scan.
            virusscan.check_upload(upload, upload.name)
        return upload

    def clean(self) -> dict:
        cleaned = super().clean()
        lines: list[str] = []
        upload = cleaned.get("csv_file")
        if upload:
            raw = upload.read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")  # Excel on Windows
            try:
                dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
            except csv.Error:
                dialect = csv.excel
            for row in csv.reader(io.StringIO(text), dialect):
                cells = [cell.strip() for cell in row if cell.strip()]
                lines.append(";".join(cells[:2]))
        lines += (cleaned.get("addresses") or "").splitlines()
        if not any(line.strip() for line in lines) and not self.errors:
            raise forms.ValidationError(_("Bitte geben Sie Adressen ein oder wählen Sie eine CSV-Datei."))
        if len(lines) > MAX_IMPORT_LINES:
            raise forms.ValidationError(
                _("Bitte importieren Sie höchstens %(max)s Adressen auf einmal.") % {"max": MAX_IMPORT_LINES}
            )
        cleaned["lines"] = lines
        return cleaned


class SubscriberFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("alle"))] + list(Subscriber.Status.choices)
    )
    q = forms.CharField(label=_("Suche"), required=False, max_length=200, help_text=_("Adresse oder Name"))
