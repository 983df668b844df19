from __future__ import annotations

from django import forms
from django.utils import timezone

from ..models import Partner
from .discovery import DiscoveryError, discover
from .models import IdentityProvider


class SSOLoginForm(forms.Form):
    email = forms.EmailField(
        label="Dienstliche E-Mail-Adresse",
        help_text="Daran erkennen wir Ihre Behörde und leiten Sie zu deren Anmeldedienst weiter.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        self.provider = IdentityProvider.objects.for_email(email)
        if self.provider is None:
            raise forms.ValidationError(
                "Für die Behörde dieser Adresse ist kein Anmeldedienst eingerichtet. Bitte melden Sie sich mit "
                "E-Mail-Adresse und Passwort an.",
                code="no_provider",
            )
        return email


class IdentityProviderForm(forms.ModelForm):
    # Write-only: the stored secret is never put into a page again.
    client_secret = forms.CharField(
        label="Client-Geheimnis",
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Wird verschlüsselt gespeichert und nie wieder angezeigt. Leer lassen, um das bisherige zu behalten.",
    )

    class Meta:
        model = IdentityProvider
        fields = [
            "partner",
            "name",
            "issuer",
            "client_id",
            "client_secret_env",
            "admission",
            "entitlement_claim",
            "entitlement_value",
            "mfa_trusted",
            "mfa_values",
            "leaver_days",
            "is_active",
        ]
        widgets = {"admission": forms.RadioSelect}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        taken = IdentityProvider.objects.exclude(pk=self.instance.pk).values("partner")
        self.fields["partner"].queryset = Partner.objects.active().exclude(pk__in=taken)
        if self.instance.pk:
            self.fields["partner"].disabled = True
            if self.instance.has_secret:
                self.fields[
                    "client_secret"
                ].help_text = "Ein Geheimnis ist hinterlegt. Ein neues ersetzt es; leer lassen, um es zu behalten."

    def clean(self):
        data = super().clean()
        partner = data.get("partner") or (self.instance.partner if self.instance.pk else None)
        if partner is not None and not partner.domains.exists():
            self.add_error(
                "partner",
                "Für diese Behörde ist keine E-Mail-Domain hinterlegt; ohne sie findet die Anmeldung sie nicht.",
            )
        if data.get("admission") == IdentityProvider.Admission.ENTITLEMENT and not data.get("entitlement_value"):
            self.add_error("entitlement_value", "Bitte geben Sie den Wert an, der direkt zulässt.")
        if not data.get("client_secret") and not data.get("client_secret_env") and not self.instance.has_secret:
            self.add_error("client_secret", "Bitte geben Sie das Client-Geheimnis oder eine Umgebungsvariable an.")
        issuer = data.get("issuer")
        if issuer and not self.errors:
            try:
                self.discovered = discover(issuer)
            except DiscoveryError as error:
                self.add_error("issuer", str(error))
        return data

    def save(self, commit: bool = True) -> IdentityProvider:
        provider = super().save(commit=False)
        provider.authorization_endpoint = self.discovered["authorization_endpoint"]
        provider.end_session_endpoint = self.discovered.get("end_session_endpoint", "")
        if self.cleaned_data.get("client_secret"):
            provider.set_client_secret(self.cleaned_data["client_secret"])
        provider.changed_at = timezone.now()
        if commit:
            provider.save()
        return provider
