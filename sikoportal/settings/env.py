"""Strict readers for settings from the environment.

A typo in a production environment variable must stop the start-up with a clear
message instead of silently falling back to a default; so must a variable that
production cannot run without (`env_required` and the readers built on it).
Messages name the variable, never its value: it may be a secret.
"""

from __future__ import annotations

import os
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nein", ""}


def _missing(name: str, meaning: str) -> ImproperlyConfigured:
    detail = f": {meaning}" if meaning else ""
    return ImproperlyConfigured(f"Die Umgebungsvariable {name} muss gesetzt sein{detail}.")


def env_required(name: str, meaning: str = "") -> str:
    """A value the start-up cannot do without: missing or blank stops it, naming the variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise _missing(name, meaning)
    return value


def env_str(name: str, default: str | None = None) -> str:
    if default is None:
        return env_required(name)
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} muss true oder false sein, nicht {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} muss eine ganze Zahl sein, nicht {value!r}.") from None


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return _items(value)


def env_addresses(name: str) -> list[tuple[str, str]]:
    """Mail addresses, comma-separated, each "Name <adresse@…>" or just the address, as Django's
    ADMINS wants them: (name, address)."""
    addresses = []
    for position, item in enumerate(env_list(name), start=1):
        display, address = parseaddr(item)
        if "@" not in address:
            raise ImproperlyConfigured(
                f"{name}: Eintrag {position} ist keine E-Mail-Adresse (Name <adresse@…> oder adresse@…)."
            )
        addresses.append((display or address, address))
    return addresses


def env_required_list(name: str, meaning: str = "") -> list[str]:
    """A comma-separated list with at least one entry ("," alone counts as missing)."""
    items = _items(env_required(name, meaning))
    if not items:
        raise _missing(name, meaning)
    return items


def env_url(name: str, meaning: str = "", *, schemes: tuple[str, ...], host_required: bool = True) -> str:
    """A required URL with one of `schemes` (e.g. only https://, or no sqlite:// database)."""
    value = env_required(name, meaning)
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    detail = f" ({meaning})" if meaning else ""
    if scheme not in schemes:
        allowed = " oder ".join(f"{allowed}://" for allowed in schemes)
        # The scheme only: the rest of a database URL holds the password.
        found = f", nicht mit {scheme}://" if scheme else ""
        raise ImproperlyConfigured(f"Die Umgebungsvariable {name} muss mit {allowed} beginnen{found}{detail}.")
    if host_required and not parts.hostname:
        raise ImproperlyConfigured(f"Die Umgebungsvariable {name} muss einen Rechnernamen enthalten{detail}.")
    return value


def env_database(
    default: str | None = None, *, meaning: str = "", schemes: tuple[str, ...] = (), **options: Any
) -> dict[str, Any]:
    """The database from DATABASE_URL (dj-database-url's format, `options` passed on). Without a
    default it is required and must use one of `schemes`; a URL that cannot be read (a typo in
    the scheme, a port that is no number) stops the start-up, naming the variable. PostgreSQL:
    prepared statements where a cursor asks for them (see below)."""
    name = "DATABASE_URL"
    if default is None:
        url = env_url(name, meaning, schemes=schemes, host_required=False)  # postgres:///db: local socket
    else:
        url = os.environ.get(name, "").strip() or default
    try:
        database = dj_database_url.parse(url, **options)
    except ValueError:
        scheme = urlsplit(url).scheme
        raise ImproperlyConfigured(
            f"Die Umgebungsvariable {name} ist keine lesbare Datenbank-URL (Schema {scheme}://); "
            "erwartet wird etwa postgres://benutzer:passwort@rechner:5432/datenbank."
        ) from None
    if database["ENGINE"] == "django.db.backends.postgresql":
        # PostgreSQL: a statement run through a cursor that binds on the server is prepared on its
        # connection at its first run (the search's main statement, suche.query._cursor). Django's own
        # cursors bind on the client and are never prepared, so its default (None: nothing) changes
        # nothing else. A pooler in transaction mode in between must keep prepared statements
        # (PgBouncer ≥ 1.21: max_prepared_statements).
        database.setdefault("OPTIONS", {}).setdefault("prepare_threshold", 0)
    return database
