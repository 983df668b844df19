"""The identity provider of a partner authority (exported by the app's models package, partner/models/__init__.py)."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..mfa_adapter import decrypt_secret, encrypt_secret


def url_origin(url: str) -> str:
    """ "https://login.example.de" of a URL; empty for an empty or relative one."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def claim_values(value) -> set[str]:
    """A claim as a set of strings: a list, or one string of space-separated values."""
    if isinstance(value, str):
        return set(value.split())
    if isinstance(value, (list, tuple)):
        return {str(item) for item in value}
    return set()


class IdentityProviderQuerySet(models.QuerySet["IdentityProvider"]):
    def active(self) -> IdentityProviderQuerySet:
        return self.filter(is_active=True, partner__is_active=True)

    def for_email(self, email: str):
        """The active provider of the authority whose domains cover the address, or None."""
        from ..models import Partner

        partners = Partner.objects.active().for_email(email)
        return self.active().filter(partner__in=partners).select_related("partner").first()


class IdentityProvider(models.Model):
    """An authority's own login service (OpenID Connect or SAML 2.0), used instead of the portal's password.

    OpenID Connect: the client secret is never shown again: it comes from an environment variable
    named here, or is stored encrypted with the key of the second factors (SIKO_MFA_ENCRYPTION_KEY).
    SAML: the IdP's metadata (by URL or as XML) gives its login/logout addresses and certificate
    (partner.sso.saml); no secret on the portal's side.
    """

    class Protocol(models.TextChoices):
        OIDC = "oidc", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    class Admission(models.TextChoices):
        OFFICE = "office", _("Antrag: die Geschäftsstelle entscheidet über die Zulassung")
        ENTITLEMENT = "entitlement", _("Berechtigung des Anmeldedienstes lässt direkt zu")

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="identity_provider", verbose_name=_("Behörde")
    )
    name = models.CharField(_("Bezeichnung"), max_length=120, help_text=_("z. B. „Keycloak der Stadt Essen“"))
    protocol = models.CharField(_("Verfahren"), max_length=10, choices=Protocol.choices, default=Protocol.OIDC)
    issuer = models.URLField(
        _("Aussteller (Issuer)"),
        max_length=500,
        blank=True,
        help_text=_("Nur OpenID Connect: die Adresse, unter der /.well-known/openid-configuration liegt."),
    )
    client_id = models.CharField(_("Client-ID"), max_length=200, blank=True, help_text=_("Nur OpenID Connect."))
    client_secret_encrypted = models.TextField(_("Client-Geheimnis (verschlüsselt)"), blank=True)
    client_secret_env = models.CharField(
        _("Client-Geheimnis aus Umgebungsvariable"),
        max_length=100,
        blank=True,
        validators=[RegexValidator(r"^[A-Z][A-Z0-9_]*$", _("Nur Großbuchstaben, Ziffern und Unterstriche."))],
        help_text=_("Name einer Umgebungsvariable des Servers; hat Vorrang vor einem hier gespeicherten Geheimnis."),
    )
    saml_entity_id = models.CharField(
        _("Entity-ID des Anmeldedienstes (SAML)"),
        max_length=500,
        blank=True,
        help_text=_("Nur SAML: die entityID des Identity Providers, wie sie in seinen Metadaten steht."),
    )
    saml_metadata_url = models.URLField(
        _("Adresse der SAML-Metadaten"),
        max_length=500,
        blank=True,
        help_text=_("Nur SAML: das Portal liest die Metadaten dort bei jeder Anmeldung (zwischengespeichert)."),
    )
    saml_metadata_xml = models.TextField(
        _("SAML-Metadaten (XML)"),
        blank=True,
        help_text=_("Nur SAML, statt einer Adresse: die Metadaten des Identity Providers als XML."),
    )
    # From the metadata when the office saves (partner.sso.saml.parse_metadata).
    saml_x509cert = models.TextField(_("Signaturzertifikat des Anmeldedienstes (SAML)"), blank=True)
    saml_attribute_mapping = models.JSONField(
        _("Zuordnung der SAML-Attribute"),
        default=dict,
        blank=True,
        help_text=_("Nur SAML: welche Attribute E-Mail, Vor- und Nachname und Kennung tragen."),
    )
    saml_email_trusted = models.BooleanField(
        _("E-Mail-Adressen des Anmeldedienstes gelten als bestätigt (SAML)"),
        default=False,
        help_text=_(
            "SAML kennt keine Bestätigung der Adresse. Nur ankreuzen, wenn die Adressen aus dem Verzeichnis der "
            "Behörde stammen und nicht von den Beschäftigten selbst eingetragen werden. Ohne dieses Häkchen zählt "
            "nur ein zugeordnetes Attribut „email_verified“."
        ),
    )
    # From the provider's discovery document (OIDC) or metadata (SAML) when the office saves.
    authorization_endpoint = models.URLField(_("Anmeldeadresse des Anmeldedienstes"), max_length=500, blank=True)
    end_session_endpoint = models.URLField(_("Abmeldeadresse des Anmeldedienstes"), max_length=500, blank=True)
    admission = models.CharField(
        _("Zulassung bei der ersten Anmeldung"), max_length=20, choices=Admission.choices, default=Admission.OFFICE
    )
    entitlement_claim = models.CharField(
        _("Claim oder Attribut der Berechtigung"),
        max_length=200,
        default="groups",
        help_text=_(
            "OpenID Connect: z. B. groups, roles; SAML: der Name des Attributs, z. B. urn:oid:1.3.6.1.4.1.5923.1.1.1.7"
        ),
    )
    entitlement_value = models.CharField(
        _("Wert der Berechtigung"),
        max_length=200,
        blank=True,
        help_text=_("Wer diesen Wert im Claim mitbringt, wird direkt zugelassen (z. B. „siko-ruhr“)."),
    )
    mfa_trusted = models.BooleanField(
        _("Zweiten Faktor des Anmeldedienstes anerkennen"),
        default=False,
        help_text=_(
            "Meldet der Anmeldedienst eine Anmeldung mit zweitem Faktor (amr/acr), gilt sie im Portal als "
            "Zwei-Faktor-Anmeldung. Sonst gelten die Regeln des Portals."
        ),
    )
    mfa_values = models.CharField(
        _("Werte für einen zweiten Faktor (amr/acr)"),
        max_length=200,
        default="mfa otp hwk swk",
        help_text=_(
            "Durch Leerzeichen getrennt; ein passender Wert in amr oder acr (OpenID Connect) bzw. in der "
            "AuthnContextClassRef (SAML, z. B. „https://refeds.org/profile/mfa“) genügt."
        ),
    )
    leaver_days = models.PositiveIntegerField(
        _("Ruhend nach Tagen ohne Anmeldung über den Anmeldedienst"),
        default=30,
        help_text=_("Wer die Behörde verlassen hat, kann sich dort nicht mehr anmelden; sein Portalkonto ruht dann."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    changed_at = models.DateTimeField(_("geändert am"), default=timezone.now)

    objects = IdentityProviderQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anmeldedienst einer Behörde")
        verbose_name_plural = _("Anmeldedienste der Behörden")
        ordering = ["partner__name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.partner})"

    @property
    def is_saml(self) -> bool:
        return self.protocol == self.Protocol.SAML

    @property
    def provider_id(self) -> str:
        """allauth's id of this provider (in its URLs and on SocialAccount.provider)."""
        return self.partner.slug

    def set_client_secret(self, secret: str) -> None:
        self.client_secret_encrypted = encrypt_secret(secret) if secret else ""

    def client_secret(self) -> str:
        if self.client_secret_env:
            return os.environ.get(self.client_secret_env, "")
        return decrypt_secret(self.client_secret_encrypted) if self.client_secret_encrypted else ""

    @property
    def has_secret(self) -> bool:
        return bool(self.client_secret_env or self.client_secret_encrypted)

    def origins(self) -> list[str]:
        """Where the portal's forms send the browser: the provider's login and logout pages."""
        found = {url_origin(self.authorization_endpoint or self.issuer), url_origin(self.end_session_endpoint)}
        return sorted(origin for origin in found if origin)

    def mfa_asserted(self, claims: dict) -> bool:
        """Whether the provider reports a second factor and the office trusts it for that.

        OpenID Connect reports it in `amr`/`acr`; SAML's AuthnContextClassRef arrives as `acr`.
        """
        if not self.mfa_trusted:
            return False
        wanted = set(self.mfa_values.split())
        return bool(wanted & (claim_values(claims.get("amr")) | claim_values(claims.get("acr"))))

    def entitles(self, claims: dict) -> bool:
        """Whether the claims admit directly under this provider's admission policy."""
        if self.admission != self.Admission.ENTITLEMENT or not self.entitlement_value:
            return False
        return self.entitlement_value in claim_values(claims.get(self.entitlement_claim))
