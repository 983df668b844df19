"""The rights generation: answers about a person's rights kept in her *own* session (issue 15).

Some rights questions cost several queries and are asked on every page (the administration bar,
"is this person in any Redaktion"). Their answers are kept in the person's own session together
with the rights generation they were found under, a random value in the shared cache. A change of
rights that reaches people while their sessions go on (a Redaktion grant or revocation, to a person
or a group; a group's permissions; a deleted group) sets a new generation (sikoportal.navigation
connects the signals), and the next page of every session asks the rules again. A change of a
person's own status, groups or permissions ends her sessions (partner.sessions), and everything
kept in them. The answers live in the session and carry the user id besides, so they are never
shown to another person; without a generation in the cache nothing kept counts.

The generation is read once per request however many answers ask for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import generations
from .actors import request_user

GENERATION_KEY = "siko:rights-generation"


def rights_generation(request=None) -> str:
    """The current rights generation; a new one if the cache lost it (then nothing kept counts).
    With a request: read once for it (common.generations)."""
    return generations.current(request, GENERATION_KEY)


def bump() -> None:
    """A new generation (common.generations.bump: never stops or spoils the caller's transaction)."""
    generations.bump(GENERATION_KEY)


def cache_entry(request, key: str):
    """The shared cache's entry under `key` (None if there is none), read together with the rights
    generation, which the navigation reads on every page anyway: one cache read for both."""
    return generations.read(request, [GENERATION_KEY], [key])[1].get(key)


def kept_in_session(request, name: str, compute: Callable[[Any], Any]) -> Any:
    """`compute(user)` for the person of this request, kept in her session for the current rights
    generation under `name`; computed afresh without a session or for another user id."""
    user = request_user(request)
    session = getattr(request, "session", None)
    if user is None or session is None:
        return compute(user)
    generation = rights_generation(request)
    key = f"siko_rights:{name}"
    stored = session.get(key)
    if stored and stored.get("generation") == generation and stored.get("user") == user.pk:
        return stored["value"]
    value = compute(user)
    session[key] = {"generation": generation, "user": user.pk, "value": value}
    return value


def holds_global_permissions(request) -> bool:
    """Whether the person of this request holds any global permission at all (her own, a group's,
    or as superuser) – kept in her own session for the current rights generation, so a member's
    page asks no permission query for "office?" or "manages the areas?". Only ever used to answer
    *no* early: on "yes" the permission itself is asked as always. A kept "no" is outdated only by
    a change that moves the generation on (a group's permissions, a deleted group) or ends her
    sessions (her own groups, permissions or privilege fields), so it could at worst refuse."""

    def holds(user) -> bool:
        return user is not None and user.is_active and (user.is_superuser or bool(user.get_all_permissions()))

    return kept_in_session(request, "global-permissions", holds)
