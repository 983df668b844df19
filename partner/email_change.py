"""The Geschäftsstelle's change of a person's login address, within the rules of registration."""

from __future__ import annotations

import logging

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.core.exceptions import ValidationError
from django.db import transaction

from common.mail import send_after_commit

from .audit import audit_record
from .models import AuditEvent, User, domain_candidates, email_domain

logger = logging.getLogger(__name__)


class EmailChangeError(Exception):
    """A login address the Geschäftsstelle may not set; the message is for users."""


def _email_change_refusal(user: User, new_email: str, requested_by: User) -> str:
    if user.pk == requested_by.pk:
        return "Ihre eigene Anmeldeadresse ändern Sie unter „Mein Profil“."
    if (user.is_staff or user.is_superuser) and not requested_by.is_superuser:
        # Whoever holds the login address can reset the password: accounts that reach the
        # administration are changed by the operators alone.
        return "Die Anmeldeadresse eines Kontos mit Zugang zur Administration ändern nur die Betreiber des Portals."
    if not user.is_admitted:
        return "Die Anmeldeadresse kann nur bei einem zugelassenen Konto geändert werden."
    try:
        get_adapter().clean_email(new_email)  # the rules of registration (no private providers)
    except ValidationError as error:
        return " ".join(error.messages)
    if new_email == user.email.lower():
        return "Das ist bereits die Anmeldeadresse dieses Kontos."
    taken = User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists()
    if taken or EmailAddress.objects.filter(email__iexact=new_email).exclude(user=user).exists():
        return "Diese Adresse gehört bereits zu einem anderen Konto."
    if not requested_by.is_superuser and not _within_current_domain(user, new_email):
        # Confirming the link proves only that someone reads the new mailbox. An address the
        # office reads itself would let it confirm, reset the password and log in as the person.
        # The mail domain she already receives at is her employer's; the office's data (the
        # person's authority, its domains) is not evidence, since the office edits it itself.
        old_domain = email_domain(user.email)
        return (
            f"Die Geschäftsstelle kann nur eine Adresse unter der bisherigen Domain der Person "
            f"eintragen (@{old_domain} oder eine Unterdomain) und nur in ihrer eigenen Behörde. "
            "Eine andere Adresse tragen die Betreiber des Portals ein."
        )
    return ""


def _within_current_domain(user: User, new_email: str) -> bool:
    """The new address lies in the domain of the current login address (or below) and in the
    person's own authority."""
    return email_domain(user.email) in domain_candidates(new_email) and user.owns_email_domain(new_email)


def login_email_change(*, user: User, new_email: str, reason: str, requested_by: User, request) -> EmailAddress:
    """The Geschäftsstelle changes a person's login address; the new address must confirm it.

    The address becomes the login address only when its holder follows the confirmation link
    (allauth's own flow, as for a member's own change; `partner.audit.record_email_changed`
    records the completion and allauth tells the old address). The office does not mark it
    verified itself: a mistyped address would lock the person out, and an address nobody
    confirmed would hand the password reset to whoever holds that mailbox. The request is
    recorded with its reason, and the old address learns of it at once.
    """
    reason = reason.strip()
    new_email = new_email.strip().lower()
    if not reason:
        raise EmailChangeError("Bitte geben Sie eine Begründung an.")
    with transaction.atomic():
        # One change at a time per account: a second office member waits and then replaces it.
        locked = User.objects.select_for_update(of=("self",)).select_related("partner").get(pk=user.pk)
        refusal = _email_change_refusal(locked, new_email, requested_by)
        if refusal:
            raise EmailChangeError(refusal)
        address = EmailAddress.objects.add_new_email(request, locked, new_email, send_verification=False)
        audit_record(
            kind=AuditEvent.Kind.EMAIL_CHANGE_REQUESTED,
            actor=requested_by,
            subject=locked,
            detail={
                "old": locked.email,
                "new": new_email,
                "reason": reason,
                "own_authority": locked.owns_email_domain(new_email),
            },
        )
        send_after_commit(
            "partner/email/login_email_change_requested",
            {"user": locked, "new_email": new_email},
            [locked.email],
        )
        transaction.on_commit(lambda: _send_confirmation(request, address))
    return address


def email_change_needs_holder(address: EmailAddress) -> bool:
    """Whether this unconfirmed address was entered by the Geschäftsstelle, not by its account.

    Following the link proves only that someone reads the new mailbox. For an address the office
    entered, the person herself must confirm it, logged in with her current address and password:
    otherwise whoever reads that mailbox (a shared or functional one of the same domain) could
    confirm it and take the account over through "Passwort vergessen".
    """
    if address.verified:
        return False
    requested = (
        AuditEvent.objects.filter(subject_id=address.user_id, kind=AuditEvent.Kind.EMAIL_CHANGE_REQUESTED)
        .order_by("-at", "-pk")
        .values_list("detail", flat=True)
        .first()
    )
    return bool(requested) and requested.get("new", "").lower() == address.email.lower()


def _send_confirmation(request, address: EmailAddress) -> None:
    try:
        # allauth's mail needs the request (links, site name) also when this runs after the view.
        with request_context(request):
            address.send_confirmation(request)
    except Exception:  # noqa: BLE001 - the pending address stays; the office can request again
        logger.exception("Bestätigungslink für neue Anmeldeadresse von Konto %s nicht versandt", address.user_id)
