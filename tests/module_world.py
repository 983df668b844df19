"""A test module's world, built once: the same fixtures, evaluated once per module.

The route-by-role matrices run every route against every role; building their people and
objects for each of some 2,000 cases cost most of their time. `ModuleFixtures` evaluates the
fixture definitions a test of the module would get (conftest overrides included) once, inside
the module's transaction (`module_fixtures` in `tests/conftest.py`), so the role fixtures and the
route modules' `build_world(request)` stay the one place that says who and what exists. Each test
still runs in its own savepoint (`django_db`), so what one request changes is gone for the next.

A module with such a world takes its people from the world, never from the role fixtures
directly: those would build a second Stadt Essen next to the world's one. Only what a world
needs is supported: `request` is this object, `db` is the module's open
transaction, `tmp_path` a directory for the module; generator fixtures end after the module.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

_NO_VALUE = {"db": None, "transactional_db": None}


class ModuleFixtures:
    def __init__(self, request: pytest.FixtureRequest, tmp_path: Path) -> None:
        self._request = request
        self._values: dict[str, object] = {"request": self, "tmp_path": tmp_path, **_NO_VALUE}
        self._generators: list[Iterator] = []

    def getfixturevalue(self, name: str):
        if name not in self._values:
            definitions = self._request._fixturemanager.getfixturedefs(name, self._request.node)
            if not definitions:
                raise pytest.FixtureLookupError(name, self._request)
            definition = definitions[-1]
            arguments = {argument: self.getfixturevalue(argument) for argument in definition.argnames}
            value = definition.func(**arguments)
            if inspect.isgenerator(value):
                self._generators.append(value)
                value = next(value)
            self._values[name] = value
        return self._values[name]

    def close(self) -> None:
        for generator in reversed(self._generators):
            for _ in generator:
                pass
