"""requirements.lock (production) and requirements-dev.lock (production plus the test tools), both made
by `make lock` from pyproject.toml: a production server gets no test tool, every file is pinned by
its hash (`pip install --require-hashes`), and the two files agree on every package they share."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
# Tools that must never reach a production server, besides everything in pyproject's "test" extra.
TEST_TOOLS = {"playwright", "pytest", "pytest-django", "pytest-xdist", "pytest-playwright", "ruff", "aiosmtpd",
              "hypothesis", "bandit", "pip-tools", "coverage", "mypy"}  # fmt: skip


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    return normalized(re.match(r"[A-Za-z0-9_.-]+", spec).group(0))


def read_lock(name: str) -> dict[str, tuple[str, frozenset[str]]]:
    """name -> (version, hashes) of every requirement in a pip-compile file with hashes."""
    text = (BASE / name).read_text()
    entries: dict[str, tuple[str, frozenset[str]]] = {}
    # One requirement with its continuation lines: "name==version \\\n    --hash=sha256:… \\\n …".
    for block in re.split(r"\n(?=\S)", text):
        line = block.split("\n", 1)[0]
        if not line.strip() or line.startswith("#"):
            continue
        found = re.match(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", line)
        assert found, f"{name}: keine gepinnte Zeile mit Hashes: {line!r}"
        hashes = frozenset(re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
        entries[normalized(found.group(1))] = (found.group(2), hashes)
    return entries


def pyproject() -> dict:
    return tomllib.loads((BASE / "pyproject.toml").read_text())["project"]


@pytest.mark.parametrize("name", ["requirements.lock", "requirements-dev.lock"])
def test_every_requirement_is_pinned_with_a_hash(name):
    entries = read_lock(name)
    assert entries
    assert not [package for package, (_, hashes) in entries.items() if not hashes]


def test_production_has_no_test_tool():
    test_extra = {requirement_name(spec) for spec in pyproject()["optional-dependencies"]["test"]}
    assert TEST_TOOLS & test_extra, "die Liste der Testwerkzeuge passt nicht mehr zu pyproject.toml"
    assert not (TEST_TOOLS | test_extra) & set(read_lock("requirements.lock"))


def test_every_direct_dependency_is_locked():
    production = read_lock("requirements.lock")
    development = read_lock("requirements-dev.lock")
    direct = {requirement_name(spec) for spec in pyproject()["dependencies"]}
    assert "lxml" in direct  # imported by dokumente/extraction.py itself
    assert direct <= set(production)
    assert {requirement_name(spec) for spec in pyproject()["optional-dependencies"]["test"]} <= set(development)


def test_development_is_production_plus_the_tools():
    production = read_lock("requirements.lock")
    development = read_lock("requirements-dev.lock")
    assert {name: development.get(name) for name in production} == production
