"""The test identity provider (oidc_provider.mjs, npm "oidc-provider") as a separate process."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess  # noqa: S404 - our own node script, fixed arguments
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import requests

SCRIPT = Path(__file__).resolve().parent / "oidc_provider.mjs"
ROOT = Path(__file__).resolve().parents[3]
CLIENT_ID = "siko-portal"
CLIENT_SECRET = "Geheimnis-des-Portals-2026"  # noqa: S105 - the test provider's own client
PASSWORD = "Passwort-beim-Anmeldedienst"  # noqa: S105


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class IdentityProviderProcess:
    issuer: str
    accounts_file: Path
    process: subprocess.Popen
    accounts: dict = field(default_factory=dict)

    def add_account(self, login: str, email: str, *, verified: bool = True, groups=(), amr=("pwd",), **claims) -> str:
        """A person at the authority's provider; returns the login name for its form."""
        self.accounts[login] = {
            "password": PASSWORD,
            "claims": {
                "email": email,
                "email_verified": verified,
                "given_name": login.capitalize(),
                "family_name": "Beispiel",
                "groups": list(groups),
                **claims,
            },
            "amr": list(amr),
        }
        self.accounts_file.write_text(json.dumps(self.accounts), encoding="utf-8")
        return login

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start(tmp_dir: Path, *, portal_urls: list[str], provider_ids: list[str]) -> IdentityProviderProcess:
    """Start the provider; `portal_urls` are the portal's origins the redirects may go back to."""
    port = _free_port()
    accounts_file = tmp_dir / "accounts.json"
    accounts_file.write_text("{}", encoding="utf-8")
    client = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": [f"{url}/konto/oidc/{pid}/login/callback/" for url in portal_urls for pid in provider_ids],
        "post_logout_redirect_uris": [f"{url}/konto/login/" for url in portal_urls],
    }
    env = {
        **os.environ,
        "PORT": str(port),
        "OIDC_ACCOUNTS": str(accounts_file),
        "OIDC_CLIENTS": json.dumps([client]),
        "NODE_PATH": str(ROOT / "node_modules"),
    }
    process = subprocess.Popen(  # noqa: S603
        ["node", str(SCRIPT)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    line = process.stdout.readline()
    if not line.startswith("ready "):
        process.kill()
        raise RuntimeError(f"Test-Anmeldedienst startet nicht: {line!r}")
    return IdentityProviderProcess(issuer=line.split()[1], accounts_file=accounts_file, process=process)


def log_in_at_provider(idp: IdentityProviderProcess, authorize_url: str, login: str, *, back_to: str) -> str:
    """Go through the provider's login form like a browser; returns the redirect back to the portal."""
    session = requests.Session()
    page = session.get(authorize_url, timeout=10)
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)
    response = session.post(
        urljoin(idp.issuer, action), data={"login": login, "password": PASSWORD}, allow_redirects=False
    )
    while True:
        location = urljoin(idp.issuer, response.headers["Location"])
        if location.startswith(back_to):
            return location
        response = session.get(location, allow_redirects=False, timeout=10)
