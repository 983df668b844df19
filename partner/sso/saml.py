"""SAML 2.0 through allauth's `saml` provider (python3-saml): an `IdentityProvider` row as allauth's app.

The same adapter, admission policy, linking rule, second-factor rule and leaver rule as OpenID
Connect (partner.sso.adapter); this module only translates:
- `parse_metadata`: the IdP's metadata (URL or XML) → its login/logout addresses and certificate,
  read when the office saves, so that a wrong entry is refused with a message right away;
- `social_app`: allauth's (never saved) app for the row, with the attribute mapping;
- `PortalSAMLProvider`: allauth's provider, keeping also the AuthnContextClassRef (for the second
  factor) and NameID/SessionIndex (for single logout) of the assertion;
- `claims`: the assertion as the claims the adapter's rules read (email, email_verified, acr, …);
- `logout_url`: the LogoutRequest to the IdP after the portal's logout (single logout).
"""

from __future__ import annotations

import logging

from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.saml.provider import SAMLProvider
from allauth.socialaccount.providers.saml.utils import build_auth
from django.http import HttpResponseRedirect
from django.urls import reverse
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

from .models import IdentityProvider

logger = logging.getLogger(__name__)

EMAIL_NAMEID_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
TRANSIENT_NAMEID_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
TRUE_VALUES = {"true", "1", "t", "y", "yes", "ja"}
# The attributes ADFS, Keycloak and Shibboleth send by default (allauth's defaults, plus
# the common OIDs); a provider's own mapping (IdentityProvider.saml_attribute_mapping) comes first.
DEFAULT_ATTRIBUTE_MAPPING: dict[str, list[str]] = {
    "uid": ["urn:oasis:names:tc:SAML:attribute:subject-id"],
    "email": [
        "urn:oid:0.9.2342.19200300.100.1.3",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "email",
        "mail",
    ],
    "first_name": ["urn:oid:2.5.4.42", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"],
    "last_name": ["urn:oid:2.5.4.4", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname"],
}
MAPPING_KEYS = ("uid", "email", "email_verified", "first_name", "last_name")


class MetadataError(Exception):
    """The metadata cannot be read or names no usable IdP; the message is for the office."""


def parse_metadata(*, entity_id: str, url: str = "", xml: str = "") -> dict:
    """The IdP's entity id, login and logout address (HTTP-Redirect) and signing certificate."""
    where = f"unter {url}" if url else "im eingefügten XML"
    try:
        if url:
            xml = OneLogin_Saml2_IdPMetadataParser.get_metadata(url, timeout=10)
        data = OneLogin_Saml2_IdPMetadataParser.parse(xml, entity_id=entity_id or None)
    except Exception as error:  # noqa: BLE001 - urllib, lxml and python3-saml raise many kinds; all mean "unusable"
        raise MetadataError(f"Die SAML-Metadaten {where} sind nicht lesbar ({error}).") from None
    idp = data.get("idp") or {}
    if not idp.get("entityId"):
        raise MetadataError(
            f"Die SAML-Metadaten {where} enthalten keinen Identity Provider mit der Entity-ID „{entity_id}“."
        )
    sso_url = (idp.get("singleSignOnService") or {}).get("url", "")
    if not sso_url:
        raise MetadataError(f"Die SAML-Metadaten {where} nennen keine Anmeldeadresse mit HTTP-Redirect-Bindung.")
    certificate = idp.get("x509cert") or ((idp.get("x509certMulti") or {}).get("signing") or [""])[0]
    if not certificate:
        raise MetadataError(f"Die SAML-Metadaten {where} enthalten kein Signaturzertifikat.")
    return {
        "entity_id": idp["entityId"],
        "sso_url": sso_url,
        "slo_url": (idp.get("singleLogoutService") or {}).get("url", ""),
        "x509cert": certificate,
    }


def attribute_mapping(provider: IdentityProvider) -> dict[str, list[str]]:
    """The provider's mapping in front of the defaults: {"email": ["urn:oid:…", …], …}."""
    mapping = {key: list(names) for key, names in DEFAULT_ATTRIBUTE_MAPPING.items()}
    for key, names in (provider.saml_attribute_mapping or {}).items():
        own = [names] if isinstance(names, str) else list(names)
        mapping[key] = own + [name for name in mapping.get(key, []) if name not in own]
    return mapping


def social_app(provider: IdentityProvider) -> SocialApp:
    """allauth's app for a SAML provider; its URLs are /konto/saml/<Kürzel der Behörde>/…"""
    idp = {"entity_id": provider.saml_entity_id}
    if provider.saml_metadata_url:
        # Read again by allauth (cached 4 hours): a new certificate of the IdP arrives by itself.
        idp["metadata_url"] = provider.saml_metadata_url
    else:
        idp.update(
            x509cert=provider.saml_x509cert,
            sso_url=provider.authorization_endpoint,
            slo_url=provider.end_session_endpoint or None,
        )
    return SocialApp(
        provider="saml",
        provider_id=provider.provider_id,
        client_id=provider.provider_id,
        name=provider.name,
        settings={
            "idp": idp,
            "attribute_mapping": attribute_mapping(provider),
            # An unsolicited response (IdP-initiated login) is refused: it cannot be tied to a login here.
            "advanced": {"strict": True, "reject_idp_initiated_sso": True},
        },
    )


class PortalSAMLProvider(SAMLProvider):
    """allauth's SAML provider (SOCIALACCOUNT_PROVIDERS["saml"]["provider_class"]); its URLs stay allauth's."""

    package = "allauth.socialaccount.providers.saml"

    def redirect(self, request, process, next_url=None, data=None, force_authn=False, **kwargs):
        """allauth's, plus ForceAuthn for the portal's re-authentication (partner.sso.reauth)."""
        auth = build_auth(request, self)
        location = auth.login(return_to="", force_authn=force_authn)
        self.stash_redirect_state(request, process, next_url, data, state_id=auth.get_last_request_id(), **kwargs)
        return HttpResponseRedirect(location)

    def extract_extra_data(self, data):
        return {
            "attributes": data.get_attributes(),
            "authn_contexts": data.get_last_authn_contexts(),
            "name_id": data.get_nameid(),
            "name_id_format": data.get_nameid_format(),
            "name_id_nq": data.get_nameid_nq(),
            "name_id_spnq": data.get_nameid_spnq(),
            "session_index": data.get_session_index(),
        }


def _first(attributes: dict, names: list[str]) -> str:
    for name in names:
        values = attributes.get(name) or []
        if values:
            return str(values[0])
    return ""


def claims(provider: IdentityProvider, extra_data: dict) -> dict:
    """The assertion as claims: all attributes by name, plus email, email_verified and acr."""
    attributes = extra_data.get("attributes") or {}
    mapping = attribute_mapping(provider)
    email = _first(attributes, mapping["email"])
    if not email and extra_data.get("name_id_format") == EMAIL_NAMEID_FORMAT:
        email = extra_data.get("name_id") or ""
    verified_attribute = _first(attributes, mapping.get("email_verified", []))
    if verified_attribute:
        verified = verified_attribute.strip().lower() in TRUE_VALUES
    else:
        verified = provider.saml_email_trusted
    return {
        **attributes,
        "email": email,
        "email_verified": bool(email) and verified,
        "acr": list(extra_data.get("authn_contexts") or []),
    }


def has_lasting_identifier(provider: IdentityProvider, extra_data: dict) -> bool:
    """A transient NameID changes with every login: the account would not be found again.

    allauth takes the mapped "uid" attribute, else the NameID, as the account's key.
    """
    if _first(extra_data.get("attributes") or {}, attribute_mapping(provider).get("uid", [])):
        return True
    return extra_data.get("name_id_format") != TRANSIENT_NAMEID_FORMAT and bool(extra_data.get("name_id"))


def session_data(extra_data: dict) -> dict:
    """What single logout needs of this login (kept in the portal's session)."""
    return {
        key: extra_data.get(key) for key in ("name_id", "name_id_format", "name_id_nq", "name_id_spnq", "session_index")
    }


def logout_url(request, provider: IdentityProvider, data: dict) -> str:
    """A LogoutRequest to the IdP (HTTP-Redirect); it answers at /konto/saml/<Kürzel>/sls/."""
    if not provider.end_session_endpoint or not data.get("name_id"):
        return ""
    try:
        auth = build_auth(request, social_app(provider).get_provider(request))
        return auth.logout(
            return_to=request.build_absolute_uri(reverse("account_login")),
            name_id=data["name_id"],
            session_index=data.get("session_index"),
            name_id_format=data.get("name_id_format"),
            nq=data.get("name_id_nq"),
            spnq=data.get("name_id_spnq"),
        )
    except Exception:  # noqa: BLE001 - metadata unreachable or invalid: the portal's logout still happened
        logger.warning("SAML-Abmeldung beim Anmeldedienst %s nicht möglich", provider.provider_id, exc_info=True)
        return ""
