"""A real OpenID Connect provider (npm "oidc-provider") for the whole test session, and the
Stadt Essen's provider row pointing at it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from partner.sso.discovery import discover
from partner.sso.models import IdentityProvider
from partner.sso.saml import parse_metadata

from . import idp as idp_process
from . import saml_idp

PORTAL = "http://testserver"
# python3-saml refuses single-label host names such as "testserver": the SAML tests' portal host.
SAML_HOST = "portal.siko.test"


@pytest.fixture(scope="session")
def idp(tmp_path_factory):
    process = idp_process.start(
        tmp_path_factory.mktemp("idp"), portal_urls=[PORTAL], provider_ids=["stadt-essen", "lka-nrw"]
    )
    yield process
    process.stop()


def provider_for(partner, idp, **fields) -> IdentityProvider:
    config = discover(idp.issuer)
    provider = IdentityProvider(
        partner=partner,
        name=f"Anmeldedienst {partner.short_name or partner.name}",
        issuer=idp.issuer,
        client_id=idp_process.CLIENT_ID,
        authorization_endpoint=config["authorization_endpoint"],
        end_session_endpoint=config.get("end_session_endpoint", ""),
        **fields,
    )
    provider.set_client_secret(idp_process.CLIENT_SECRET)
    provider.save()
    return provider


@pytest.fixture
def essen_idp(essen, idp) -> IdentityProvider:
    """Stadt Essen logs in through its own provider; the office admits every newcomer itself."""
    return provider_for(essen, idp)


@pytest.fixture(scope="session")
def saml_server(tmp_path_factory):
    process = saml_idp.start(tmp_path_factory.mktemp("saml-idp"))
    yield process
    process.stop()


@pytest.fixture
def portal(settings) -> Client:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, SAML_HOST]
    return Client(HTTP_HOST=SAML_HOST)


def saml_provider_for(partner, server, portal: Client, **fields) -> IdentityProvider:
    found = parse_metadata(entity_id=server.entity_id, url=server.entity_id)
    provider = IdentityProvider.objects.create(
        partner=partner,
        name=f"Landesverbund für {partner.name}",
        protocol=IdentityProvider.Protocol.SAML,
        saml_entity_id=server.entity_id,
        saml_metadata_url=server.entity_id,
        saml_x509cert=found["x509cert"],
        authorization_endpoint=found["sso_url"],
        end_session_endpoint=found["slo_url"],
        **fields,
    )
    # The authority's IT registers the portal with the SP metadata the portal publishes.
    metadata = portal.get(reverse("saml_metadata", args=[provider.provider_id]))
    assert metadata.status_code == 200, metadata.content
    server.register_sp(provider.provider_id, metadata.content.decode())
    return provider


@pytest.fixture
def saml_essen(essen, saml_server, portal) -> IdentityProvider:
    return saml_provider_for(essen, saml_server, portal, saml_email_trusted=True)
