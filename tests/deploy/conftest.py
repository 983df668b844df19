"""Helpers for the checks of deploy/: the tools (Debian's nginx, systemd-analyze, openssl) and copies
of the shipped files with the machine's paths replaced by the test's own.

The files are checked as shipped: a copy only swaps the placeholders an operator swaps too (host
name, certificate, ports, directories), and every swap must find its placeholder, so a renamed
path in deploy/ fails here instead of silently testing something else.

Without a tool the test is skipped with the Debian package to install, except where
SIKO_REQUIRE_DEPLOY_TOOLS=1 (CI installs them; there a missing tool is a failure).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

DEPLOY = Path(settings.BASE_DIR) / "deploy"
SYSTEMD = DEPLOY / "systemd"
NGINX_SITE = DEPLOY / "nginx" / "sikoportal.conf"
APP_DIR = "/srv/sikoportal"


def require_tool(command: str, package: str) -> str:
    path = shutil.which(command) or next(
        (str(Path(d) / command) for d in ("/usr/sbin", "/sbin") if (Path(d) / command).exists()), None
    )
    if path:
        return path
    message = f"{command} fehlt (Debian-Paket {package}: apt-get install {package})"
    if os.environ.get("SIKO_REQUIRE_DEPLOY_TOOLS") == "1":
        pytest.fail(message + " – in CI Pflicht (SIKO_REQUIRE_DEPLOY_TOOLS=1)")
    pytest.skip(message)


def replace_all(text: str, swaps: dict[str, str], source: Path) -> str:
    for old, new in swaps.items():
        assert old in text, f"{source.name}: Platzhalter {old!r} nicht gefunden"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="session")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed placeholder certificate, made by openssl for this test run."""
    openssl = require_tool("openssl", "openssl")
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "fullchain.pem", directory / "privkey.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=portal.example.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def nginx_config(
    directory: Path,
    *,
    cert: tuple[Path, Path],
    host: str,
    http_port: int,
    https_port: int,
    upstream_port: int | list[int],
    media: Path,
    static: Path,
) -> Path:
    """deploy/nginx/sikoportal.conf with the test's ports and directories, inside a minimal
    nginx.conf of its own (pid, logs and temp files in `directory`). Returns the nginx.conf.
    Several upstream ports: one `server` line each in the upstream block, as an operator adds
    further app servers."""
    ports = upstream_port if isinstance(upstream_port, list) else [upstream_port]
    servers = "\n    ".join(f"server 127.0.0.1:{port};" for port in ports)
    site = replace_all(
        NGINX_SITE.read_text(),
        {
            "    listen [::]:80;\n": "",
            "    listen [::]:443 ssl http2;\n": "",
            "listen 80;": f"listen 127.0.0.1:{http_port};",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
            "portal.sikoruhr.nrw.de": host,
            "/etc/ssl/sikoportal/fullchain.pem": str(cert[0]),
            "/etc/ssl/sikoportal/privkey.pem": str(cert[1]),
            "server 127.0.0.1:8000;": servers,
            f"{APP_DIR}/media/": f"{media}/",
            f"{APP_DIR}/staticfiles/": f"{static}/",
            "/var/log/nginx/": f"{directory}/",
        },
        NGINX_SITE,
    )
    (directory / "sikoportal.conf").write_text(site)
    # Master as root (this machine's CI) would start the workers as nobody, who cannot read the
    # test's private temp directories.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = " ".join(
        f"{kind}_temp_path {directory}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = directory / "nginx.conf"
    conf.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {directory}/nginx.pid;\nerror_log {directory}/error.log;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log {directory}/access.log;\n  {temp}\n  include {directory}/sikoportal.conf;\n}}\n"
    )
    return conf


def start_nginx(
    nginx: str, directory: Path, *, cert: tuple[Path, Path], upstream_port: int | list[int], media: Path, static: Path
) -> tuple[subprocess.Popen, int, int]:
    """nginx with the shipped site (nginx_config) on two free ports, in front of `upstream_port`;
    returns the process and its HTTP and HTTPS ports once HTTPS accepts connections (stopped again
    if it never does)."""
    from ..production_process import HOST, free_port, stop, wait_for_port

    http_port, https_port = free_port(), free_port()
    conf = nginx_config(
        directory,
        cert=cert,
        host=HOST,
        http_port=http_port,
        https_port=https_port,
        upstream_port=upstream_port,
        media=media,
        static=static,
    )
    server = subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(directory), "-e", str(directory / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(https_port, server, "nginx")
    except BaseException:
        stop(server)
        raise
    return server, http_port, https_port
