"""Production holds production code: the demo data (`demo`) and the tools for tests and benchmarks
(`devtools`) are neither installed in production nor imported by any module that is.

Production's INSTALLED_APPS is read in a fresh process with production settings (settings are read
once per process); every module of our apps installed there is imported in that process, and every
import statement of theirs, function-level ones included, is read from the source.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from .test_production_settings import COMPLETE

BASE_DIR = Path(settings.BASE_DIR)
NOT_IN_PRODUCTION = ("demo", "devtools")

# In a production process: our installed apps, each of their modules imported, and what got loaded.
IMPORT_ALL = """
import importlib, json, pkgutil, sys
from pathlib import Path
import django
django.setup()
from django.apps import apps
from django.conf import settings
base = Path(settings.BASE_DIR).resolve()
# Ours: the app lives in the project directory itself, not in a virtual environment inside it.
ours = [c for c in apps.get_app_configs() if Path(c.path).resolve() == base.joinpath(*c.name.split("."))]
for config in ours:
    package = importlib.import_module(config.name)
    for module in pkgutil.walk_packages(package.__path__, prefix=config.name + "."):
        if not module.name.startswith("sikoportal.settings."):
            importlib.import_module(module.name)
print(json.dumps({
    "installed": list(settings.INSTALLED_APPS),
    "ours": [c.name for c in ours],
    "loaded": sorted(name for name in sys.modules if name.split(".")[0] in NOT_IN_PRODUCTION),
}))
""".replace("NOT_IN_PRODUCTION", repr(NOT_IN_PRODUCTION))


def _production() -> dict:
    environment = {**COMPLETE, "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _imported_names(path: Path) -> set[str]:
    """Absolute names of the modules a source file imports (relative imports resolved)."""
    package = ".".join(path.relative_to(BASE_DIR).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                if node.module:
                    names.add(f"{parent}.{node.module}")
                else:
                    names.update(f"{parent}.{alias.name}" for alias in node.names)
            else:
                names.add(node.module)
    return names


def test_production_neither_installs_nor_imports_demo_or_devtools():
    production = _production()
    assert not set(NOT_IN_PRODUCTION) & set(production["installed"])
    # The apps of ours that production runs, the search included; their modules all import there.
    assert {"partner", "dokumente", "fachgebiete", "facharbeitskreise", "newsletter", "suche", "sikoportal"} <= set(
        production["ours"]
    )
    assert production["loaded"] == []

    offending = []
    for app in production["ours"]:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            for name in _imported_names(path):
                if name.split(".")[0] in NOT_IN_PRODUCTION:
                    offending.append(f"{path.relative_to(BASE_DIR)}: {name}")
    assert offending == []


def test_the_check_finds_an_import_of_devtools(tmp_path, monkeypatch):
    """The source check above sees function-level and relative imports, not only the top of a file."""
    monkeypatch.setattr(sys.modules[__name__], "BASE_DIR", tmp_path)
    module = tmp_path / "sikoportal" / "bad.py"
    module.parent.mkdir()
    module.write_text("def f():\n    from devtools import smtp_sink\n    from . import views\n    import demo.data\n")
    assert _imported_names(module) == {"devtools", "sikoportal.views", "demo.data"}
