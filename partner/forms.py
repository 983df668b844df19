from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm, ResetPasswordForm, SignupForm
from allauth.account.models import EmailAddress
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Partner, PartnerKind, PartnerType, User, email_domain
from .services import NewPartner

OTHER_AUTHORITY = "andere"


def _partner_choices() -> list:
    grouped: dict[str, list[tuple[str, str]]] = {label: [] for _, label in PartnerKind.choices}
    for partner in Partner.objects.active().only("pk", "name", "kind"):
        grouped[partner.get_kind_display()].append((str(partner.pk), partner.name))
    return [
        ("", _("Bitte wählen")),
        *[(label, options) for label, options in grouped.items() if options],
        (OTHER_AUTHORITY, _("Andere Behörde (nicht aufgeführt)")),
    ]


class RegistrationForm(SignupForm):
    """Registration for staff of partner authorities; admission follows by the Geschäftsstelle."""

    first_name = forms.CharField(
        label=_("Vorname"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Nachname"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    authority = forms.ChoiceField(
        label=_("Behörde / Institution"),
        help_text=_("Die Behörde, für die Sie tätig sind."),
    )
    other_authority = forms.CharField(
        label=_("Name der Behörde"),
        max_length=200,
        required=False,
        help_text=_("Nur ausfüllen, wenn Sie oben „Andere Behörde“ gewählt haben."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    unit = forms.CharField(
        label=_("Organisationseinheit"),
        max_length=200,
        help_text=_("z. B. Fachbereich Öffentliche Sicherheit und Ordnung, KK 32"),
    )
    function = forms.CharField(
        label=_("Funktion"),
        max_length=200,
        help_text=_("z. B. Sachbearbeitung Gewerbeüberwachung"),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    access_reason = forms.CharField(
        label=_("Wofür benötigen Sie den Zugang?"),
        max_length=2000,
        help_text=_("Kurz Ihr Aufgabengebiet und den Bezug zur Bekämpfung der Clankriminalität."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    privacy_ack = forms.BooleanField(
        label=_("Ich habe die Datenschutzerklärung zur Kenntnis genommen."),
        error_messages={
            "required": _("Bitte bestätigen Sie, dass Sie die Datenschutzerklärung zur Kenntnis genommen haben.")
        },
    )

    field_order = [
        "email",
        "first_name",
        "last_name",
        "authority",
        "other_authority",
        "unit",
        "function",
        "phone",
        "access_reason",
        "password1",
        "password2",
        "privacy_ack",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = _partner_choices()
        self.fields["email"].label = _("Dienstliche E-Mail-Adresse")
        self.fields["email"].help_text = _("Die Adresse Ihrer Behörde; private Adressen werden nicht zugelassen.")
        for name in ("email", "password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
        self.fields["privacy_ack"].help_text = format_html(
            '<a class="kern-link" href="{}" target="_blank" rel="noopener">Datenschutzerklärung lesen '
            "(öffnet in einem neuen Fenster)</a>",
            reverse("datenschutz"),
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        authority = cleaned.get("authority")
        email = cleaned.get("email")
        if authority == OTHER_AUTHORITY:
            cleaned["partner"] = None
            if not cleaned.get("other_authority", "").strip():
                self.add_error("other_authority", _("Bitte nennen Sie den Namen Ihrer Behörde."))
        elif authority:
            cleaned["partner"] = Partner.objects.active().filter(pk=authority).first()
            cleaned["other_authority"] = ""
            if cleaned["partner"] is None:
                self.add_error("authority", _("Bitte wählen Sie eine Behörde aus der Liste."))
            elif email and not Partner.objects.for_email(email).exists():
                self.add_error(
                    "email",
                    _(
                        "Die Domain „%(domain)s“ ist keiner Partnerbehörde zugeordnet. Bitte "
                        "verwenden Sie Ihre dienstliche E-Mail-Adresse oder wählen Sie „Andere "
                        "Behörde“, wenn Ihre Behörde nicht aufgeführt ist."
                    )
                    % {"domain": email_domain(email)},
                )
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "unit", "function", "phone", "is_contact_person"]
        labels = {"first_name": _("Vorname"), "last_name": _("Nachname")}
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, reason_required: bool = False, label: str = "", help_text: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        self.fields["reason"].required = reason_required
        self.fields["reason"].help_text = help_text
        if reason_required:
            self.fields["reason"].error_messages["required"] = _("Bitte geben Sie eine Begründung an.")


class AdmitOtherAuthorityForm(DecisionForm):
    """Admitting an "Andere Behörde" applicant: assign an authority of the list, or create it."""

    partner = forms.ModelChoiceField(
        label=_("Behörde zuordnen"),
        queryset=Partner.objects.active(),
        required=False,
        empty_label=_("Neue Behörde anlegen (Angaben unten)"),
        error_messages={"invalid_choice": _("Diese Behörde gibt es nicht (mehr). Bitte wählen Sie aus der Liste.")},
    )
    new_name = forms.CharField(label=_("Name der neuen Behörde"), max_length=200, required=False)
    new_type = forms.ChoiceField(label=_("Behördentyp"), choices=[("", _("Bitte wählen")), *PartnerType.choices])
    new_kind = forms.ChoiceField(
        label=_("Art der Partnerschaft"), choices=PartnerKind.choices, initial=PartnerKind.NETZWERKPARTNER
    )
    new_city = forms.CharField(label=_("Ort"), max_length=100, required=False)
    add_domain = forms.BooleanField(required=False, initial=True)

    field_order = ["partner", "new_name", "new_type", "new_kind", "new_city", "add_domain", "reason"]

    def __init__(self, *args, account: User, owner: Partner | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.hide_optional_marker = True
        self.fields["new_type"].required = False
        self.fields["new_kind"].required = False
        if owner is not None:
            self.fields["partner"].initial = owner.pk
        self.fields["partner"].help_text = _(
            "Angegeben hat die Person: „%(other)s“. Fehlt die Behörde in der Liste, legen Sie sie hier an."
        ) % {"other": account.other_authority or "–"}
        self.fields["new_name"].initial = account.other_authority
        self.fields["add_domain"].label = _("Die E-Mail-Domain „%(domain)s“ der neuen Behörde zuordnen") % {
            "domain": email_domain(account.email)
        }

    def clean(self):
        data = super().clean()
        if data.get("partner") is None:
            for name, message in (
                ("new_name", _("Bitte geben Sie den Namen der neuen Behörde an oder wählen Sie eine aus der Liste.")),
                ("new_type", _("Bitte wählen Sie den Behördentyp der neuen Behörde.")),
                ("new_city", _("Bitte geben Sie den Ort der neuen Behörde an.")),
            ):
                if not (data.get(name) or "").strip():
                    self.add_error(name, message)
            name = (data.get("new_name") or "").strip()
            if name and Partner.objects.filter(name__iexact=name).exists():
                self.add_error("new_name", _("Diese Behörde gibt es bereits. Bitte wählen Sie sie aus der Liste."))
        return data

    def partner_choice(self):
        """The authority to assign: a Partner, or the NewPartner to create with the admission."""
        data = self.cleaned_data
        if data["partner"] is not None:
            return data["partner"]
        return NewPartner(
            name=data["new_name"].strip(),
            type=data["new_type"],
            kind=data["new_kind"] or PartnerKind.NETZWERKPARTNER,
            city=data["new_city"].strip(),
            add_domain=data["add_domain"],
        )


class LoginEmailChangeForm(DecisionForm):
    """The Geschäftsstelle enters a person's new login address, with the reason for the record."""

    email = forms.EmailField(
        label=_("Neue Anmeldeadresse"),
        max_length=254,
        help_text=_(
            "Eine Adresse unter der bisherigen Domain der Person. Sie erhält an diese Adresse einen "
            "Bestätigungslink; erst danach meldet sie sich mit ihr an. Die bisherige Adresse wird "
            "benachrichtigt."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    field_order = ["email", "reason"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(
            *args,
            reason_required=True,
            label=_("Begründung der Änderung"),
            help_text=_("Nur für die Akte der Geschäftsstelle; die Person erfährt sie nicht."),
            **kwargs,
        )


class AddLoginEmailForm(AddEmailForm):
    """allauth's form to change one's own login address, limited to the own authority's domains."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        domains = get_adapter().own_login_domains(self.user) if self.user else []
        self.fields["email"].help_text = (
            _(
                "Eine Adresse Ihrer Behörde (%(domains)s). Für eine andere Adresse wenden Sie sich "
                "bitte an die Geschäftsstelle."
            )
            % {"domains": get_adapter().domain_list(domains)}
            if domains
            else _("Ihre Anmeldeadresse ändert die Geschäftsstelle für Sie.")
        )

    def clean_email(self) -> str:
        value = super().clean_email()
        get_adapter().clean_own_login_email(self.user, value)
        return value


class AdmittedEmailField(forms.EmailField):
    """An e-mail address that must belong to an admitted account; cleans to that User.

    By default an unknown and a not admitted address get the same message, so that a form
    outside the Geschäftsstelle reveals nothing about accounts; the office may tell them apart
    through `error_messages`.
    """

    default_error_messages = {
        "unknown": _("Unter dieser E-Mail-Adresse gibt es kein zugelassenes Konto im Portal."),
        "not_admitted": _("Unter dieser E-Mail-Adresse gibt es kein zugelassenes Konto im Portal."),
    }

    def clean(self, value):
        email = super().clean(value)
        if not email:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        if not user.is_admitted:
            raise forms.ValidationError(self.error_messages["not_admitted"], code="not_admitted")
        return user


class VerifiedResetPasswordForm(ResetPasswordForm):
    """allauth's password reset, sent only to a confirmed address of the account.

    allauth also finds an account by an address that still waits for its confirmation; a reset
    link sent there would hand the account to whoever reads that mailbox (e.g. an address the
    Geschäftsstelle entered but the person never confirmed). The page answers the same either way.
    """

    def clean_email(self) -> str:
        email = super().clean_email()
        confirmed = set(
            EmailAddress.objects.filter(user__in=self.users, email__iexact=email, verified=True).values_list(
                "user_id", flat=True
            )
        )
        self.users = [user for user in self.users if user.pk in confirmed]
        return email


class DeletionRequestForm(forms.Form):
    """The person asks for the deletion of their account (Art. 17 DSGVO)."""

    reason = forms.CharField(
        label=_("Anmerkung (freiwillig)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel, ob Sie die Behörde wechseln. Nur die Geschäftsstelle liest sie."),
    )
    confirm = forms.BooleanField(
        label=_("Ich habe verstanden, dass mein Konto nach der Bestätigung endgültig gelöscht wird."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie die Folgen der Löschung verstanden haben.")},
    )


class DeletionConfirmForm(forms.Form):
    """The Geschäftsstelle confirms a deletion request; nothing can be undone afterwards."""

    confirm = forms.BooleanField(
        label=_("Ich habe den Antrag geprüft. Das Konto soll jetzt gelöscht werden."),
        error_messages={"required": _("Bitte bestätigen Sie, dass das Konto gelöscht werden soll.")},
    )
