"""The provider's discovery document (/.well-known/openid-configuration), read when the office saves."""

from __future__ import annotations

import requests


class DiscoveryError(Exception):
    """The provider cannot be reached or answers something else; the message is for the office."""


def discover(issuer: str) -> dict:
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=10)
        response.raise_for_status()
        config = response.json()
    except (requests.RequestException, ValueError) as error:
        raise DiscoveryError(f"Der Anmeldedienst unter {url} antwortet nicht wie erwartet ({error}).") from None
    if config.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise DiscoveryError(
            f"Der Anmeldedienst nennt sich „{config.get('issuer', '')}“, nicht „{issuer}“. Bitte den Aussteller genau "
            "so eintragen, wie ihn der Anmeldedienst angibt."
        )
    if not config.get("authorization_endpoint"):
        raise DiscoveryError("Der Anmeldedienst nennt keine Anmeldeadresse (authorization_endpoint).")
    return config
