"""A real SAML 2.0 identity provider (pysaml2's IdP: `saml2.server.Server`) as a separate process.

`start()` runs this file with the test's Python; the process serves on 127.0.0.1:
- /metadata: the IdP's metadata (entityID = that URL, signing certificate, SSO and SLO endpoints);
- /sso (HTTP-Redirect): the AuthnRequest, then a login form; /login answers with a signed
  Response (signed assertion, the account's attributes and AuthnContextClassRef) as the usual
  auto-submitting HTTP-POST form to the portal's ACS;
- /slo (HTTP-Redirect): a LogoutRequest of the portal, recorded in `logouts.json`, answered with a
  LogoutResponse to the portal's SLS;
- /initiate-logout?sp=…&name_id=…: a LogoutRequest of the IdP to the portal (IdP-initiated logout).
People are read from `accounts.json` and the portal's SP metadata from `sp/*.xml` on every
request, so tests add both while the process runs. Signatures are made by xmlsec1 (Debian).
"""

from __future__ import annotations

import datetime
import html
import json
import re
import socket
import subprocess  # noqa: S404 - this file as our own child process, fixed arguments
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urljoin

import requests

PASSWORD = "Passwort-beim-Landesverbund"  # noqa: S105 - the test IdP's own accounts
PASSWORD_CONTEXT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
MFA_CONTEXT = "https://refeds.org/profile/mfa"
EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
TRANSIENT_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"


@dataclass
class SAMLIdentityProvider:
    base: str
    folder: Path
    process: subprocess.Popen
    accounts: dict = field(default_factory=dict)

    @property
    def entity_id(self) -> str:
        return f"{self.base}/metadata"

    def metadata(self) -> str:
        return requests.get(self.entity_id, timeout=10).text

    def register_sp(self, name: str, metadata: str) -> None:
        (self.folder / "sp" / f"{name}.xml").write_text(metadata, encoding="utf-8")

    def add_account(
        self, login: str, email: str, *, context: str = PASSWORD_CONTEXT, name_id: tuple[str, str] = (), **attributes
    ) -> str:
        """A person at the IdP: mail, givenName, sn and any further attribute (lists of values);
        `name_id` = (format, value), by default the address in the emailAddress format."""
        self.accounts[login] = {
            "email": email,
            "name_id": list(name_id) or [EMAIL_FORMAT, email],
            "context": context,
            "attributes": {"mail": [email], "givenName": [login.capitalize()], "sn": ["Beispiel"], **attributes},
        }
        (self.folder / "accounts.json").write_text(json.dumps(self.accounts), encoding="utf-8")
        return login

    def logouts(self) -> list[dict]:
        path = self.folder / "logouts.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start(folder: Path) -> SAMLIdentityProvider:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (folder / "sp").mkdir()
    (folder / "accounts.json").write_text("{}", encoding="utf-8")
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, __file__, str(port), str(folder)],
        stdout=subprocess.PIPE,
        stderr=(folder / "idp.log").open("w"),
        text=True,
    )
    line = process.stdout.readline()
    if not line.startswith("ready "):
        process.kill()
        raise RuntimeError(f"SAML-Test-Anmeldedienst startet nicht: {line!r} {(folder / 'idp.log').read_text()}")
    return SAMLIdentityProvider(base=line.split()[1], folder=folder, process=process)


def log_in_at_idp(idp: SAMLIdentityProvider, redirect_url: str, login: str) -> tuple[str, dict]:
    """Like a browser: the IdP's login form, then its auto-submitting form; returns (ACS URL, fields)."""
    session = requests.Session()
    page = session.get(redirect_url, timeout=10)
    assert page.status_code == 200, page.text
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    answer = session.post(urljoin(idp.base, action), data={**fields, "login": login, "password": PASSWORD}, timeout=10)
    assert answer.status_code == 200, answer.text
    acs = html.unescape(re.search(r'<form[^>]+action="([^"]+)"', answer.text).group(1))
    posted = {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', answer.text)
    }
    return acs, posted


# --- the process ---------------------------------------------------------------------------------


def _key_and_certificate(folder: Path) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test-Landesverbund")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / "idp.key", folder / "idp.crt"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


def serve(port: int, folder: Path) -> None:  # pragma: no cover - runs in the child process
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
    from saml2.config import IdPConfig
    from saml2.metadata import entity_descriptor
    from saml2.saml import NAME_FORMAT_URI, NameID
    from saml2.server import Server

    base = f"http://127.0.0.1:{port}"
    key_file, cert_file = _key_and_certificate(folder)

    def config() -> IdPConfig:
        conf = IdPConfig()
        conf.load(
            {
                "entityid": f"{base}/metadata",
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(f"{base}/sso", BINDING_HTTP_REDIRECT)],
                            "single_logout_service": [(f"{base}/slo", BINDING_HTTP_REDIRECT)],
                        },
                        "name_id_format": [EMAIL_FORMAT, TRANSIENT_FORMAT],
                        "want_authn_requests_signed": False,
                        "policy": {"default": {"lifetime": {"minutes": 15}, "name_form": NAME_FORMAT_URI}},
                    }
                },
                "key_file": key_file,
                "cert_file": cert_file,
                "xmlsec_binary": "/usr/bin/xmlsec1",
                "metadata": {"local": sorted(str(path) for path in (folder / "sp").glob("*.xml"))},
            }
        )
        return conf

    def form_page(body: str) -> list[bytes]:
        return [f"<!doctype html><html><body>{body}</body></html>".encode()]

    def app(environ, start_response):
        path = environ["PATH_INFO"]
        query = {key: values[0] for key, values in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            query.update({k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode()).items()})
        if path == "/metadata":
            start_response("200 OK", [("Content-Type", "application/samlmetadata+xml")])
            return [str(entity_descriptor(config())).encode()]
        server = Server(config=config())
        if path == "/sso":
            server.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
            hidden = "".join(
                f'<input type="hidden" name="{name}" value="{html.escape(query.get(name, ""))}">'
                for name in ("SAMLRequest", "RelayState")
            )
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return form_page(
                f'<form method="post" action="/login">{hidden}<label>Kennung <input name="login"></label>'
                '<label>Passwort <input name="password" type="password"></label><button>Anmelden</button></form>'
            )
        if path == "/login":
            accounts = json.loads((folder / "accounts.json").read_text(encoding="utf-8"))
            account = accounts.get(query.get("login", ""))
            if account is None or query.get("password") != PASSWORD:
                start_response("403 Forbidden", [("Content-Type", "text/plain")])
                return [b"Anmeldung fehlgeschlagen"]
            request = server.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
            response_args = server.response_args(request.message, [BINDING_HTTP_POST])
            response = server.create_authn_response(
                account["attributes"],
                userid=account["email"],
                name_id=NameID(format=account["name_id"][0], text=account["name_id"][1]),
                authn={"class_ref": account["context"], "authn_auth": f"{base}/metadata"},
                sign_response=True,
                sign_assertion=True,
                sign_alg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                digest_alg="http://www.w3.org/2001/04/xmlenc#sha256",
                **response_args,
            )
            answer = server.apply_binding(
                BINDING_HTTP_POST,
                str(response),
                response_args["destination"],
                query.get("RelayState", ""),
                response=True,
            )
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [answer["data"].encode() if isinstance(answer["data"], str) else answer["data"]]
        if path == "/slo":
            request = server.parse_logout_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
            message = request.message
            logouts_file = folder / "logouts.json"
            logouts = json.loads(logouts_file.read_text(encoding="utf-8")) if logouts_file.exists() else []
            logouts.append(
                {
                    "name_id": message.name_id.text,
                    "session_index": [index.text for index in message.session_index],
                    "issuer": message.issuer.text,
                }
            )
            logouts_file.write_text(json.dumps(logouts), encoding="utf-8")
            response = server.create_logout_response(message, [BINDING_HTTP_REDIRECT], sign=False)
            destination = server.metadata.single_logout_service(message.issuer.text, BINDING_HTTP_REDIRECT, "spsso")
            answer = server.apply_binding(
                BINDING_HTTP_REDIRECT,
                str(response),
                destination[0]["location"],
                query.get("RelayState", ""),
                response=True,
                sign=False,
            )
            start_response("302 Found", answer["headers"])
            return [b""]
        if path == "/initiate-logout":
            # IdP-initiated single logout: the IdP tells the portal that this person logged out here.
            destination = server.metadata.single_logout_service(query["sp"], BINDING_HTTP_REDIRECT, "spsso")
            location = destination[0]["location"]
            _, request = server.create_logout_request(
                location,
                query["sp"],
                name_id=NameID(format=EMAIL_FORMAT, text=query["name_id"]),
                sign=False,
            )
            answer = server.apply_binding(BINDING_HTTP_REDIRECT, str(request), location, "", sign=False)
            start_response("302 Found", answer["headers"])
            return [b""]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"unbekannt"]

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the base class's signature
            sys.stderr.write(format % args + "\n")

    httpd = make_server("127.0.0.1", port, app, handler_class=QuietHandler)
    print(f"ready {base}", flush=True)
    httpd.serve_forever()


if __name__ == "__main__":  # pragma: no cover
    serve(int(sys.argv[1]), Path(sys.argv[2]))
