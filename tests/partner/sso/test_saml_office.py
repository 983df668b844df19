"""The Geschäftsstelle sets up a SAML provider: metadata by URL (from the real test IdP) or as XML,
entity id, attribute mapping; wrong entries are refused with a message and nothing is saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partner.models import AuditEvent
from partner.sso.models import IdentityProvider
from partner.sso.saml import MetadataError, attribute_mapping, parse_metadata, social_app

MAIL_ATTRIBUTE = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def _form(server, essen, **changes) -> dict:
    data = {
        "partner": essen.pk,
        "name": "Landesverbund NRW für Essen",
        "protocol": IdentityProvider.Protocol.SAML,
        "issuer": "",
        "client_id": "",
        "client_secret": "",
        "client_secret_env": "",
        "saml_entity_id": server.entity_id,
        "saml_metadata_url": server.entity_id,
        "saml_metadata_xml": "",
        "saml_attribute_email": "",
        "saml_attribute_email_verified": "",
        "saml_attribute_first_name": "",
        "saml_attribute_last_name": "",
        "saml_attribute_uid": "",
        "saml_email_trusted": "on",
        "admission": IdentityProvider.Admission.OFFICE,
        "entitlement_claim": "urn:oid:1.3.6.1.4.1.5923.1.1.1.7",
        "entitlement_value": "",
        "mfa_values": "https://refeds.org/profile/mfa",
        "leaver_days": "30",
        "is_active": "on",
    }
    return {**data, **changes}


def test_office_sets_up_a_saml_provider_from_its_metadata_url(office_client, saml_server, essen):
    response = office_client.post(
        reverse("partner:sso_provider_create"), _form(saml_server, essen, saml_attribute_email=MAIL_ATTRIBUTE)
    )
    assert response["Location"] == reverse("partner:sso_provider_list"), response.content.decode()
    provider = IdentityProvider.objects.get()
    assert provider.is_saml
    assert provider.authorization_endpoint == f"{saml_server.base}/sso"
    assert provider.end_session_endpoint == f"{saml_server.base}/slo"
    assert provider.saml_x509cert.startswith("MII")
    assert provider.saml_attribute_mapping == {"email": [MAIL_ATTRIBUTE]}
    assert attribute_mapping(provider)["email"][0] == MAIL_ATTRIBUTE  # in front of the defaults
    assert provider.origins() == [saml_server.base]
    assert AuditEvent.objects.filter(target=f"partner.identityprovider:{provider.pk}").exists()
    page = office_client.get(reverse("partner:sso_provider_list")).content.decode()
    assert "SAML 2.0: " + saml_server.entity_id in page
    edit = office_client.get(reverse("partner:sso_provider_edit", args=[provider.pk])).content.decode()
    assert "/konto/saml/stadt-essen/acs/" in edit and f'value="{MAIL_ATTRIBUTE}"' in edit


def test_metadata_as_xml_works_without_a_url(office_client, saml_server, essen):
    form = _form(saml_server, essen, saml_metadata_url="", saml_metadata_xml=saml_server.metadata())
    assert office_client.post(reverse("partner:sso_provider_create"), form).status_code == 302
    provider = IdentityProvider.objects.get()
    assert provider.authorization_endpoint == f"{saml_server.base}/sso"
    app_idp = social_app(provider).settings["idp"]
    assert app_idp["sso_url"] == f"{saml_server.base}/sso" and app_idp["x509cert"] == provider.saml_x509cert


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"saml_entity_id": "https://anderer.example/idp"}, "saml_metadata_url", "keinen Identity Provider"),
        ({"saml_metadata_url": "", "saml_metadata_xml": "<kein xml"}, "saml_metadata_xml", "nicht lesbar"),
        ({"saml_metadata_url": ""}, "saml_metadata_url", "Adresse der Metadaten angeben"),
        ({"saml_metadata_xml": "<x/>"}, "saml_metadata_xml", "nicht beides"),
        ({"saml_entity_id": ""}, "saml_entity_id", "Entity-ID"),
    ],
)
def test_wrong_saml_entries_are_refused_and_kept(office_client, saml_server, essen, changes, field, message):
    response = office_client.post(reverse("partner:sso_provider_create"), _form(saml_server, essen, **changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert 'value="Landesverbund NRW für Essen"' in response.content.decode()
    assert not IdentityProvider.objects.exists()


def test_unreachable_metadata_url_is_a_message(office_client, saml_server, essen):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    form = _form(saml_server, essen, saml_metadata_url=f"http://127.0.0.1:{port}/metadata")
    response = office_client.post(reverse("partner:sso_provider_create"), form)
    assert "nicht lesbar" in " ".join(response.context["form"].errors["saml_metadata_url"])
    assert not IdentityProvider.objects.exists()


def test_oidc_still_needs_issuer_and_client(office_client, saml_server, essen):
    form = _form(saml_server, essen, protocol=IdentityProvider.Protocol.OIDC)
    response = office_client.post(reverse("partner:sso_provider_create"), form)
    errors = response.context["form"].errors
    assert "Für OpenID Connect bitte angeben." in errors["issuer"] and "client_id" in errors
    assert not IdentityProvider.objects.exists()


def test_metadata_without_signing_certificate_is_refused(saml_server):
    xml = saml_server.metadata()
    start = xml.index("<ns0:KeyDescriptor")
    end = xml.index("</ns0:KeyDescriptor>") + len("</ns0:KeyDescriptor>")
    with pytest.raises(MetadataError, match="kein Signaturzertifikat"):
        parse_metadata(entity_id=saml_server.entity_id, xml=xml[:start] + xml[end:])
