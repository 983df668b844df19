"""The Geschäftsstelle's subscriber management: adding and importing addresses (each confirms
by itself before anything is sent, double opt-in) and removing a subscription."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from .models import Subscriber
from .services import EMAIL_MAX_LENGTH, NewsletterError, enqueue_confirmations, normalise_email

Status = Subscriber.Status


@dataclass
class ImportReport:
    requested: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    invalid_lines: list[str] = field(default_factory=list)


def _existing_reason(subscriber: Subscriber) -> str:
    if subscriber.status == Status.CONFIRMED:
        return "ist bereits angemeldet"
    if subscriber.status == Status.PENDING:
        return "wartet bereits auf die Bestätigung"
    when = timezone.localtime(subscriber.unsubscribed_at).strftime("%d.%m.%Y") if subscriber.unsubscribed_at else ""
    return f"hat sich {'am ' + when + ' ' if when else ''}abgemeldet; nur eine eigene neue Anmeldung ist möglich"


def _parse_line(line: str) -> tuple[str, str]:
    """`adresse`, `adresse;Name`, `adresse,Name` or `Name <adresse>`."""
    line = line.strip().strip("\ufeff")
    if line.endswith(">") and "<" in line:
        name, _, rest = line.rpartition("<")
        return rest[:-1].strip(), name.strip().strip('"')
    for separator in (";", ",", "\t"):
        if separator in line:
            email, _, name = line.partition(separator)
            return email.strip().strip('"'), name.strip().strip('"').strip(separator)
    return line, ""


def subscribers_import(*, lines: list[str], source: str = Subscriber.Source.IMPORT) -> ImportReport:
    """Add addresses as pending subscribers and send each new one a confirmation request.

    Never an unconfirmed send: imported addresses get the newsletter only after they
    confirmed. Invalid lines are reported with their number and returned for correction;
    every valid line is processed regardless.
    """
    report = ImportReport()
    now = timezone.now()
    seen: dict[str, int] = {}
    candidates: list[tuple[int, str, str, str]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        email, name = _parse_line(raw)
        if number == 1 and "@" not in email and "mail" in email.lower():
            continue  # a CSV header row
        try:
            validate_email(email)
        except ValidationError:
            report.invalid.append(f"Zeile {number}: „{email}“ ist keine gültige E-Mail-Adresse.")
            report.invalid_lines.append(raw.strip())
            continue
        if len(email) > EMAIL_MAX_LENGTH:
            # Django's validator allows 320 characters, the column holds 254 (PostgreSQL refused the row: a 500).
            report.invalid.append(
                f"Zeile {number}: Die Adresse ist länger als {EMAIL_MAX_LENGTH} Zeichen und kann nicht "
                "gespeichert werden."
            )
            report.invalid_lines.append(raw.strip())
            continue
        email = normalise_email(email)
        key = email.lower()
        if key in seen:
            report.skipped.append(f"Zeile {number}: {email} steht bereits in Zeile {seen[key]} – übersprungen.")
            continue
        seen[key] = number
        candidates.append((number, email, name[:200], key))
    keys = [c[3] for c in candidates]
    existing: dict[str, Subscriber] = {}
    for start in range(0, len(keys), 500):
        chunk = Subscriber.objects.annotate(lower_email=Lower("email")).filter(
            lower_email__in=keys[start : start + 500]
        )
        existing |= {s.email.lower(): s for s in chunk}
    new: list[Subscriber] = []
    for number, email, name, key in candidates:
        if key in existing:
            report.skipped.append(f"Zeile {number}: {email} {_existing_reason(existing[key])} – übersprungen.")
            continue
        new.append(Subscriber(email=email, name=name, source=source, requested_at=now, confirmation_sent_at=now))
    with transaction.atomic():
        created = []
        for subscriber in new:
            try:
                with transaction.atomic():
                    subscriber.save()
            except IntegrityError:
                report.skipped.append(f"{subscriber.email} wurde gerade eben schon eingetragen – übersprungen.")
                continue
            created.append(subscriber)
            report.requested.append(subscriber.email)
        enqueue_confirmations([s.pk for s in created])
    return report


def subscriber_add(*, email: str, name: str = "") -> Subscriber:
    """The office adds one address: it still has to confirm (double opt-in)."""
    report = subscribers_import(lines=[f"{email};{name}"], source=Subscriber.Source.OFFICE)
    if not report.requested:
        message = (report.invalid or report.skipped)[0].removeprefix("Zeile 1: ").replace(" – übersprungen.", ".")
        raise NewsletterError(message)
    return Subscriber.objects.for_email(email).get()


def subscriber_remove(*, subscriber: Subscriber) -> None:
    """Delete the subscription; deliveries keep their counts but lose the link to it."""
    subscriber.delete()
