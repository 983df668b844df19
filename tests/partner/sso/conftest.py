"""A real OpenID Connect provider (npm "oidc-provider") for the whole test session, and the
Stadt Essen's provider row pointing at it."""

from __future__ import annotations

import pytest

from partner.sso.discovery import discover
from partner.sso.models import IdentityProvider

from . import idp as idp_process

PORTAL = "http://testserver"


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
