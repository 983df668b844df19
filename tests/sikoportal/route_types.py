"""The access classes of the route-by-role test; app route modules (tests/<app>/routes*.py) use them too."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Access(Enum):
    PUBLIC = "public"  # reachable without login (login, registration, legal notices)
    APPLICANT = "applicant"  # the registration flow's own pages; reachable without login, show no content
    MEMBER = "member"  # any admitted user
    EDITOR = "editor"  # Redaktion of the object's Fachgebiet (object permission) and the Geschäftsstelle
    OBJECT = "object"  # closed areas: only users with a grant; everyone else 404 (full matrix in the app's tests)
    OFFICE = "office"  # Geschäftsstelle (permission partner.review_application)
    # Contact persons of an authority (is_contact_person; the world's member is one) and the Geschäftsstelle
    CONTACT = "contact"
    ADMIN = "admin"  # Django admin: staff only, login through allauth


@dataclass(frozen=True)
class Route:
    access: Access
    kwargs: tuple[tuple[str, str], ...] = ()
    # Expected status for an anonymous visitor of a public page when it is not 200.
    anonymous_status: int = 200
    # Pages about one's own second factor answer 404 while there is none.
    missing_own_object_404: bool = False
    # What a role that may use the route gets for a GET and for an empty POST: 200 (the page, or
    # the form with its errors), 302 (done, or refused with a message) or 405 (method not offered).
    answers: tuple[int, int] = (200, 200)

    def answer(self, method: str) -> int:
        return self.answers[("get", "post").index(method)]


def kw(**kwargs) -> tuple[tuple[str, str], ...]:
    return tuple(kwargs.items())
