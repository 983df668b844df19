"""The Geschäftsstelle's contact details, from the settings (SIKO_OFFICE_*): the one place that
pages, mails and the error page take its name, address, telephone number and mailbox from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Office:
    name: str  # "Geschäftsstelle der Sicherheitskooperation Ruhr"
    organisation: str  # "Sicherheitskooperation Ruhr"
    street: str
    city: str  # postcode and town
    phone: str  # as written for people: "0201 475892-0"
    email: str

    @property
    def phone_uri(self) -> str:
        """The number as a tel: link in international form ("0201 475892-0" → "tel:+492014758920")."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        if digits.startswith("00"):
            digits = f"+{digits[2:]}"
        elif digits.startswith("0"):
            digits = f"+49{digits[1:]}"
        return f"tel:{digits}"

    @property
    def postal_line(self) -> str:
        """The one-line postal address of footers: organisation · street · town."""
        return " · ".join(part for part in (self.organisation, self.street, self.city) if part)


def office() -> Office:
    return Office(
        name=settings.SIKO_OFFICE_NAME,
        organisation=settings.SIKO_OFFICE_ORGANISATION,
        street=settings.SIKO_OFFICE_STREET,
        city=settings.SIKO_OFFICE_CITY,
        phone=settings.SIKO_OFFICE_PHONE,
        email=settings.SIKO_OFFICE_EMAIL,
    )
