"""common/ is the bottom layer: it imports no app of ours, so that every app may import it."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)


def our_packages() -> set[str]:
    return {path.parent.name for path in BASE.glob("*/__init__.py")} - {"common", "tests"}


def imported_packages(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_common_imports_no_app_of_ours():
    ours = our_packages()
    assert {"partner", "fachgebiete", "newsletter", "sikoportal"} <= ours
    offending = {
        str(path.relative_to(BASE)): sorted(imported_packages(path) & ours) for path in (BASE / "common").rglob("*.py")
    }
    assert {name: apps for name, apps in offending.items() if apps} == {}


def test_the_check_sees_an_import_of_an_app(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("from partner.models import User\nimport newsletter.mail\nfrom . import mail\n")
    assert imported_packages(module) == {"partner", "newsletter"}
