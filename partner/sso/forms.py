from __future__ import annotations

from django import forms
from django.utils import timezone

from ..models import Partner
from .discovery import DiscoveryError, discover
from .models import IdentityProvider
from .saml import MAPPING_KEYS, MetadataError, parse_metadata

MAPPING_LABELS = {
    "email": "SAML-Attribut der E-Mail-Adresse",
    "email_verified": "SAML-Attribut „E-Mail-Adresse bestätigt“",
    "first_name": "SAML-Attribut des Vornamens",
    "last_name": "SAML-Attribut des Nachnamens",
    "uid": "SAML-Attribut der dauerhaften Kennung",
}


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
            "protocol",
            "issuer",
            "client_id",
            "client_secret_env",
            "saml_entity_id",
            "saml_metadata_url",
            "saml_metadata_xml",
            "saml_email_trusted",
            "admission",
            "entitlement_claim",
            "entitlement_value",
            "mfa_trusted",
            "mfa_values",
            "leaver_days",
            "is_active",
        ]
        widgets = {"admission": forms.RadioSelect, "protocol": forms.RadioSelect}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The attribute mapping as one field per key, after the metadata (not as raw JSON).
        mapping = self.instance.saml_attribute_mapping or {}
        extra = {}
        for key in MAPPING_KEYS:
            names = mapping.get(key) or []
            extra[f"saml_attribute_{key}"] = forms.CharField(
                label=MAPPING_LABELS[key],
                required=False,
                max_length=300,
                initial=names[0] if names else "",
                help_text="Nur SAML; leer lassen für die üblichen Attribute (urn:oid:…, ADFS-Claims).",
            )
        order = list(self.fields)
        order.remove("client_secret")
        order.insert(order.index("client_secret_env"), "client_secret")  # with the other OIDC fields
        position = order.index("saml_email_trusted")
        order[position:position] = list(extra)
        fields = {**self.fields, **extra}
        self.fields = {name: fields[name] for name in order}
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
        if data.get("protocol") == IdentityProvider.Protocol.SAML:
            self._clean_saml(data)
        else:
            self._clean_oidc(data)
        return data

    def _clean_oidc(self, data: dict) -> None:
        for name in ("issuer", "client_id"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, "Für OpenID Connect bitte angeben.")
        if not data.get("client_secret") and not data.get("client_secret_env") and not self.instance.has_secret:
            self.add_error("client_secret", "Bitte geben Sie das Client-Geheimnis oder eine Umgebungsvariable an.")
        issuer = data.get("issuer")
        if issuer and not self.errors:
            try:
                self.discovered = discover(issuer)
            except DiscoveryError as error:
                self.add_error("issuer", str(error))

    def _clean_saml(self, data: dict) -> None:
        url, xml = data.get("saml_metadata_url"), (data.get("saml_metadata_xml") or "").strip()
        if not data.get("saml_entity_id") and "saml_entity_id" not in self.errors:
            self.add_error("saml_entity_id", "Für SAML bitte die Entity-ID des Anmeldedienstes angeben.")
        if not url and not xml and "saml_metadata_url" not in self.errors:
            self.add_error(
                "saml_metadata_url", "Bitte die Adresse der Metadaten angeben oder die Metadaten als XML einfügen."
            )
        if url and xml:
            self.add_error(
                "saml_metadata_xml", "Bitte entweder die Adresse der Metadaten oder das XML angeben, nicht beides."
            )
        if not self.errors:
            try:
                self.discovered = parse_metadata(entity_id=data["saml_entity_id"], url=url, xml=xml)
            except MetadataError as error:
                self.add_error("saml_metadata_url" if url else "saml_metadata_xml", str(error))

    def save(self, commit: bool = True) -> IdentityProvider:
        provider = super().save(commit=False)
        if provider.is_saml:
            provider.authorization_endpoint = self.discovered["sso_url"]
            provider.end_session_endpoint = self.discovered["slo_url"]
            provider.saml_x509cert = self.discovered["x509cert"]
            provider.saml_attribute_mapping = {
                key: [self.cleaned_data[f"saml_attribute_{key}"].strip()]
                for key in MAPPING_KEYS
                if self.cleaned_data.get(f"saml_attribute_{key}", "").strip()
            }
        else:
            provider.authorization_endpoint = self.discovered["authorization_endpoint"]
            provider.end_session_endpoint = self.discovered.get("end_session_endpoint", "")
        if self.cleaned_data.get("client_secret"):
            provider.set_client_secret(self.cleaned_data["client_secret"])
        provider.changed_at = timezone.now()
        if commit:
            provider.save()
        return provider
