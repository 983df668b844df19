from __future__ import annotations

from .office import Office, office


def office_contact(request) -> dict[str, Office]:
    """`office` in every page: the Geschäftsstelle's contact details (settings only, no query)."""
    return {"office": office()}
