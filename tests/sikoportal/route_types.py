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
    # Public pages: what an admitted, signed-in person gets where that differs (login, signup, logout).
    signed_in: tuple[int, int] | None = None
    # Pages about the second factor: what a person who has one (office, superuser) gets where that differs.
    with_second_factor: tuple[int, int] | None = None

    def answer(self, method: str, *, signed_in: bool = False, second_factor: bool = False) -> int:
        answers = self.answers
        if signed_in and self.signed_in:
            answers = self.signed_in
        if second_factor and self.with_second_factor:
            answers = self.with_second_factor
        return answers[("get", "post").index(method)]


def kw(**kwargs) -> tuple[tuple[str, str], ...]:
    return tuple(kwargs.items())
