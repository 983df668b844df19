"""deploy/env.example names every variable the settings read, starts production as it stands,
and its commented defaults are the real defaults; deploy/manage reads it the way systemd does."""

from __future__ import annotations

import base64
import getpass
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from .conftest import DEPLOY

ENV_EXAMPLE = DEPLOY / "env.example"
SETTINGS_DIR = Path(settings.BASE_DIR) / "sikoportal" / "settings"
# Read by env.py's helpers under a fixed name rather than at the call site.
IMPLICIT = {"DATABASE_URL"}


def read_by_settings() -> set[str]:
    names = set(IMPLICIT)
    for path in SETTINGS_DIR.glob("*.py"):
        names |= set(re.findall(r"\benv_[a-z_]+\(\s*\"([A-Z][A-Z0-9_]+)\"", path.read_text()))
    # Read at run time outside the settings (secrets kept out of settings, gunicorn's config).
    for path in [*Path(settings.BASE_DIR, "sikoportal").rglob("*.py"), DEPLOY / "gunicorn.conf.py"]:
        names |= set(
            re.findall(r"os\.environ(?:\.get\(|\[)\"((?:SIKO|DJANGO|GUNICORN)_[A-Z0-9_]+)\"", path.read_text())
        )
    return names


def documented(text: str) -> set[str]:
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))


def manage(env_file: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SIKO_")) and key != "DATABASE_URL"
    }
    env.update(SIKO_ENV_FILE=str(env_file), SIKO_PYTHON=sys.executable, SIKO_USER=getpass.getuser())
    return subprocess.run(
        [str(DEPLOY / "manage"), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


# manage.py benchmark_pages sets these for the gunicorn it starts itself (devtools.benchmark_settings);
# no operator sets them, so they are not part of the production environment.
BENCHMARK_ONLY = {"SIKO_BENCHMARK_PASSWORD", "SIKO_BENCHMARK_STATIC_ROOT"}


def test_every_variable_the_settings_read_is_in_env_example():
    missing = read_by_settings() - documented(ENV_EXAMPLE.read_text()) - BENCHMARK_ONLY
    assert not missing, f"in deploy/env.example nachtragen: {sorted(missing)}"


def filled_in(tmp_path: Path, text: str) -> Path:
    """env.example with its BITTE-ERSETZEN placeholders filled in as an operator does: a random
    key (in the format of a Fernet key, which also serves as secret key and password)."""
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    path = tmp_path / f"env-{len(list(tmp_path.iterdir()))}"
    path.write_text(text.replace("BITTE-ERSETZEN", key))
    return path


def test_production_starts_with_env_example(tmp_path):
    result = manage(filled_in(tmp_path, ENV_EXAMPLE.read_text()), "check")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_commented_values_are_the_defaults(tmp_path):
    """Uncommenting every "#NAME=value" changes no setting: the file documents the real defaults."""
    shipped = filled_in(tmp_path, ENV_EXAMPLE.read_text())
    text = shipped.read_text()
    uncommented = tmp_path / "env-all"
    uncommented.write_text(re.sub(r"^#([A-Z][A-Z0-9_]+=)", r"\1", text, flags=re.MULTILINE))
    as_shipped = manage(shipped, "diffsettings", "--all")
    all_set = manage(uncommented, "diffsettings", "--all")
    assert as_shipped.returncode == 0, as_shipped.stderr
    assert all_set.returncode == 0, all_set.stderr
    assert as_shipped.stdout == all_set.stdout


def test_manage_reads_the_file_like_systemd(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text(
        "DJANGO_SETTINGS_MODULE=sikoportal.settings.test\n"
        "  # ein Kommentar\n"
        "; noch einer\n"
        "\n"
        'SIKO_A = "mit Leerzeichen"\n'
        "SIKO_B=SiKo Ruhr Portal <portal@sikoruhr.nrw.de>\n"
        f"SIKO_C='$(touch {tmp_path}/nie)'\n"
    )
    code = "import os; print(repr([os.environ[k] for k in ('SIKO_A', 'SIKO_B', 'SIKO_C')]))"
    result = manage(env_file, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert repr(["mit Leerzeichen", "SiKo Ruhr Portal <portal@sikoruhr.nrw.de>", f"$(touch {tmp_path}/nie)"]) in (
        result.stdout
    )
    assert not (tmp_path / "nie").exists()


def test_manage_refuses_a_broken_line(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text("DJANGO_SETTINGS_MODULE=sikoportal.settings.test\nkeine Zuweisung\n")
    result = manage(env_file, "check")
    assert result.returncode == 1
    assert "Zeile 2: erwartet NAME=Wert" in result.stderr
