"""Inside an app the models come first: `access` (and every view, service, helper) imports the
models, never the reverse, so no models module imports its app's access module — not even lazily
inside a function, which is how such a cycle used to hide."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = sorted(path.parent.name for path in ROOT.glob("*/access.py"))


def _model_modules(app: str) -> list[Path]:
    package = ROOT / app / "models"
    return sorted(package.rglob("*.py")) if package.is_dir() else [ROOT / app / "models.py"]


def _package(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])


def _imported_modules(source: str, package: str) -> set[str]:
    """Every module the source imports anywhere (top level and inside functions), as absolute names."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def test_every_app_with_access_rules_is_checked():
    assert {"facharbeitskreise", "fachgebiete"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_no_models_module_imports_its_access_module(app):
    offenders = [
        str(path.relative_to(ROOT))
        for path in _model_modules(app)
        if f"{app}.access" in _imported_modules(path.read_text(encoding="utf-8"), _package(path))
    ]
    assert offenders == []


def test_the_check_sees_a_lazy_relative_import():
    """The check itself: an import inside a function, two levels up, is found."""
    source = "def visible_to(user):\n    from ..access import sees_everything\n"
    assert "fachgebiete.access" in _imported_modules(source, "fachgebiete.models")
    assert "fachgebiete.access" in _imported_modules("from fachgebiete import access\n", "fachgebiete.models")
