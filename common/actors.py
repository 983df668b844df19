"""Who did it: the one way records name the person behind a change (audit log, decisions,
newsletter dispatch), and the one way code asks a request for its acting user."""

from __future__ import annotations

from typing import Any


def acting_user(user: Any) -> Any:
    """The user if an account acted, None for nobody or an anonymous visitor."""
    return user if user is not None and user.is_authenticated else None


def request_user(request: Any) -> Any:
    """The logged-in user of a request; None without a request, for an anonymous visitor, and on
    an error page for a request the auth middleware never saw (an unknown Host header)."""
    return acting_user(getattr(request, "user", None)) if request is not None else None


def name_snapshot(user: Any) -> str:
    """Who someone was, kept as text on records that must stay readable after the account is gone."""
    full_name = user.get_full_name()
    return f"{full_name} ({user.email})" if full_name else user.email


def actor_name(actor: Any, fallback: str) -> str:
    """The snapshot of the acting account, or `fallback` saying who acted when no account did
    ("Portal (automatische Prüfung)", "Kommandozeile …", "Bestätigungslink …")."""
    return name_snapshot(actor) if actor is not None else fallback
