"""Admission and account decisions of the Geschäftsstelle (its change of a login address: email_change.py).

Each decision is recorded (who, what, when, why) in the same transaction as the
status change; the mail to the person concerned is sent by the mail worker afterwards
(partner.tasks.send_decision_mail), and a failed send leaves `Decision.notified_at`
empty so it can be sent again (office button, `manage.py mail_resend`), exactly once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django_tasks import TaskResultStatus

from common import actors
from common.mail import absolute_url, send_after_commit, send_templated_mail

from .audit import audit_record
from .models import (
    Decision,
    Partner,
    PartnerDomain,
    User,
    domain_candidates,
    email_domain,
)
from .signals import account_deactivated

logger = logging.getLogger(__name__)

Status = User.Status


class DecisionError(Exception):
    """A decision that the account's current state does not allow; the message is for users."""


@dataclass(frozen=True)
class Outcome:
    decision: Decision
    # MAIL_SENT, MAIL_QUEUED (the worker sends it) or MAIL_FAILED.
    mail: str


MAIL_SENT, MAIL_QUEUED, MAIL_FAILED = "sent", "queued", "failed"


_ALLOWED_FROM = {
    Decision.Action.ADMITTED: {Status.VERIFIED},
    Decision.Action.REJECTED: {Status.VERIFIED},
    Decision.Action.DEACTIVATED: {Status.ADMITTED, Status.SUSPENDED},
    Decision.Action.REACTIVATED: {Status.DEACTIVATED, Status.SUSPENDED},
    Decision.Action.SUSPENDED: {Status.ADMITTED},
}
_NEW_STATUS = {
    Decision.Action.ADMITTED: Status.ADMITTED,
    Decision.Action.REJECTED: Status.REJECTED,
    Decision.Action.DEACTIVATED: Status.DEACTIVATED,
    Decision.Action.REACTIVATED: Status.ADMITTED,
    Decision.Action.SUSPENDED: Status.SUSPENDED,
}
# Who decided when the portal's daily run suspends an account (no person acted).
AUTOMATIC_ACTOR = "Portal (automatische Prüfung)"


def _refusal(action: str, user: User) -> str:
    """The German reason why `action` is not possible in the user's current state."""
    last = user.decisions.first()
    when = f" am {timezone.localtime(last.decided_at):%d.%m.%Y}" if last else ""
    who = f" von {last.decided_by_name}" if last else ""
    if user.status == Status.REJECTED:
        return f"Dieser Antrag wurde bereits{when}{who} abgelehnt. Er kann nicht mehr zugelassen werden."
    if user.status == Status.APPLIED:
        return "Die E-Mail-Adresse dieses Antrags ist noch nicht bestätigt. Erst danach kann entschieden werden."
    if user.is_admitted and action in (Decision.Action.ADMITTED, Decision.Action.REJECTED):
        return f"Dieses Konto wurde bereits{when}{who} zugelassen."
    if user.is_admitted:
        return "Dieses Konto ist bereits aktiv."
    if user.status == Status.DEACTIVATED and action == Decision.Action.DEACTIVATED:
        return f"Dieses Konto wurde bereits{when}{who} deaktiviert."
    if user.status == Status.DEACTIVATED:
        return "Dieses Konto ist deaktiviert. Bitte reaktivieren Sie es statt einer neuen Zulassung."
    if user.status == Status.SUSPENDED and action == Decision.Action.SUSPENDED:
        return f"Dieses Konto wurde bereits{when} ruhend gestellt."
    if user.status == Status.SUSPENDED:
        return "Dieses Konto ruht. Bitte reaktivieren Sie es statt einer neuen Zulassung."
    return "Diese Entscheidung ist im aktuellen Zustand des Kontos nicht möglich."


@dataclass(frozen=True)
class NewPartner:
    """An authority the Geschäftsstelle creates while admitting an "Andere Behörde" applicant."""

    name: str
    type: str
    kind: str
    city: str
    # Also give the applicant's e-mail domain to the new authority (if no partner owns it yet).
    add_domain: bool = False


def _unique_slug(name: str) -> str:
    base = slugify(name)[:90] or "behoerde"
    slug, n = base, 2
    while Partner.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _partner_create(new: NewPartner, email: str) -> Partner:
    if Partner.objects.filter(name__iexact=new.name).exists():
        raise DecisionError(f"Eine Behörde „{new.name}“ gibt es bereits. Bitte wählen Sie sie aus der Liste.")
    partner = Partner.objects.create(
        name=new.name, slug=_unique_slug(new.name), type=new.type, kind=new.kind, city=new.city
    )
    domain = email_domain(email)
    if new.add_domain and not PartnerDomain.objects.filter(domain__in=domain_candidates(email)).exists():
        PartnerDomain.objects.create(partner=partner, domain=domain)
    return partner


def _decide(
    *,
    user: User,
    action: str,
    decided_by: User | None,
    reason: str,
    cause: str = "",
    partner: Partner | NewPartner | None = None,
    actor_name: str = AUTOMATIC_ACTOR,
) -> Outcome:
    """`decided_by` is None only when no person decided: the portal's automatic suspension (`cause`
    says why) or an authority's identity provider (`actor_name` names it)."""
    reason = reason.strip()
    if action in (Decision.Action.REJECTED, Decision.Action.DEACTIVATED, Decision.Action.SUSPENDED) and not reason:
        raise DecisionError("Bitte geben Sie eine Begründung an.")
    if action == Decision.Action.DEACTIVATED and decided_by is not None and user.pk == decided_by.pk:
        raise DecisionError("Sie können Ihr eigenes Konto nicht deaktivieren.")
    with transaction.atomic():
        # Lock the row: two office members deciding at once must not both succeed.
        locked = User.objects.select_for_update(of=("self",)).select_related("partner").get(pk=user.pk)
        if locked.status not in _ALLOWED_FROM[action]:
            raise DecisionError(_refusal(action, locked))
        if action == Decision.Action.REACTIVATED and locked.partner_id and not locked.partner.is_active:
            # The next daily run would suspend the account again at once.
            raise DecisionError(
                f"Die Behörde „{locked.partner}“ gehört nicht mehr zur Kooperation. Ordnen Sie das Konto "
                "zuerst einer aktiven Behörde zu oder nehmen Sie die Behörde wieder auf."
            )
        now = timezone.now()
        locked.status = _NEW_STATUS[action]
        locked.status_changed_at = now
        fields = ["status", "status_changed_at"]
        if locked.is_admitted:
            # Admission and reactivation are a confirmation: the re-certification period starts anew.
            locked.certified_at = now
            fields.append("certified_at")
        if partner is not None:
            # In the decision's transaction: a refused decision leaves no new authority behind.
            created = isinstance(partner, NewPartner)
            locked.partner = _partner_create(partner, locked.email) if created else partner
            fields.append("partner")
        locked.save(update_fields=fields)
        decision = Decision.objects.create(
            user=locked,
            action=action,
            reason=reason,
            decided_by=decided_by,
            decided_by_name=actors.actor_name(decided_by, actor_name),
        )
        # Decision is the case's workflow record (refusal texts, notification); the audit log
        # keeps the fact beside the other security events and outlives both.
        detail = {"decision": decision.pk, "reason": reason[:500]}
        if cause:
            detail["cause"] = cause
        if partner is not None:
            detail.update(partner=locked.partner.name, partner_created=created)
        audit_record(
            kind=action,
            actor=decided_by,
            actor_name=actor_name,
            subject=locked,
            detail=detail,
            target=f"partner.decision:{decision.pk}",
        )
        # The status change ends all of the person's sessions (partner.sessions, in this
        # transaction): an inactive user is refused anyway, and nothing is left to revive.
        if action == Decision.Action.DEACTIVATED:
            transaction.on_commit(lambda: _announce_deactivation(locked))
    user.refresh_from_db()
    return Outcome(decision=decision, mail=decision_notify(decision))


def _announce_deactivation(user: User) -> None:
    # Other apps clean up after a deactivation (e.g. the newsletter subscription);
    # a failing receiver is logged but never undoes the committed decision.
    for receiver, result in account_deactivated.send_robust(sender=User, user=user):
        if isinstance(result, Exception):
            logger.error("Empfänger %r von account_deactivated fehlgeschlagen: %s", receiver, result, exc_info=result)


def application_admit(
    *, user: User, decided_by: User, reason: str = "", partner: Partner | NewPartner | None = None
) -> Outcome:
    """Admit; for an "Andere Behörde" applicant, `partner` assigns an existing authority or
    creates a new one (NewPartner) in the same transaction."""
    return _decide(user=user, action=Decision.Action.ADMITTED, decided_by=decided_by, reason=reason, partner=partner)


def application_admit_by_provider(*, user: User, provider_name: str, reason: str) -> Outcome:
    """Admit a verified applicant whose authority's identity provider asserts the entitlement the
    office configured for it (partner.sso); recorded like the office's own admission."""
    return _decide(
        user=user,
        action=Decision.Action.ADMITTED,
        decided_by=None,
        reason=reason,
        actor_name=f"Anmeldedienst der Behörde {provider_name}",
    )


def application_reject(*, user: User, decided_by: User, reason: str) -> Outcome:
    return _decide(user=user, action=Decision.Action.REJECTED, decided_by=decided_by, reason=reason)


def account_deactivate(*, user: User, decided_by: User, reason: str) -> Outcome:
    return _decide(user=user, action=Decision.Action.DEACTIVATED, decided_by=decided_by, reason=reason)


def account_reactivate(*, user: User, decided_by: User, reason: str = "") -> Outcome:
    return _decide(user=user, action=Decision.Action.REACTIVATED, decided_by=decided_by, reason=reason)


def account_suspend(*, user: User, reason: str, cause: str, decided_by: User | None = None) -> Outcome:
    """The portal pauses an account (partner.recertification): by its daily run, or when the office
    takes the person's authority out of the cooperation (`decided_by`). The office reactivates it."""
    return _decide(user=user, action=Decision.Action.SUSPENDED, decided_by=decided_by, reason=reason, cause=cause)


def decision_notify(decision: Decision) -> str:
    """Hand the decision's mail to the mail worker; MAIL_SENT, MAIL_QUEUED or MAIL_FAILED.

    Enqueued, not on commit: the database queue writes its task row in the caller's transaction,
    so the worker sees the task together with the decision, or neither. However often this is
    called (a second click on "erneut senden", `manage.py mail_resend`), the person gets the mail
    once: the task sends only while `notified_at` is empty (decision_mail_send).
    """
    from .tasks import send_decision_mail

    if decision.user_id is None:  # the account is gone: nobody to tell
        return MAIL_FAILED
    try:
        result = send_decision_mail.enqueue(decision.pk)
    except Exception:  # noqa: BLE001 - the queue is down: keep the decision, offer a resend
        logger.exception("Benachrichtigung zu Entscheidung %s nicht eingeplant", decision.pk)
        return MAIL_FAILED
    # A queue that runs tasks at once (tests, development) has already sent or failed.
    decision.refresh_from_db(fields=["notified_at"])
    if decision.notified_at is not None:
        return MAIL_SENT
    return MAIL_FAILED if result.status == TaskResultStatus.FAILED else MAIL_QUEUED


def decision_mail_send(decision_id: int) -> bool:
    """The worker's part: mail the decision to the person concerned unless that happened already.
    True if this call sent it. A transport error propagates (the task fails, `notified_at` stays
    empty); the row lock makes a second task wait and then find the mail sent."""
    with transaction.atomic():
        # of=("self",): the account is an outer join since a decision outlives it (PostgreSQL
        # refuses FOR UPDATE on the nullable side).
        locked = Decision.objects.select_for_update(of=("self",)).select_related("user").get(pk=decision_id)
        if locked.notified_at is not None or locked.user is None:
            return False
        send_templated_mail(
            f"partner/email/decision_{locked.action}",
            {"user": locked.user, "decision": locked, "login_url": absolute_url(reverse("account_login"))},
            [locked.user.email],
        )
        locked.notified_at = timezone.now()
        locked.save(update_fields=["notified_at"])
    return True


def application_mark_verified(*, user: User) -> bool:
    """Called once the applicant confirmed the address: the application joins the queue."""
    with transaction.atomic():
        updated = User.objects.filter(pk=user.pk, status=Status.APPLIED).update(
            status=Status.VERIFIED, status_changed_at=timezone.now()
        )
    if not updated:
        return False
    user.refresh_from_db()
    # Through the worker: the applicant's confirmation never waits for the mail server; the queue of
    # applications shows the application anyway.
    send_after_commit(
        "partner/email/new_application",
        {"applicant": user, "queue_url": absolute_url(reverse("partner:account_detail", args=[user.pk]))},
        settings.SIKO_OFFICE_EMAILS,
    )
    return True


def applications_expire(*, now=None) -> int:
    """Delete applications whose address was never confirmed (data minimisation)."""
    expired = User.objects.expired_applications(now=now, days=settings.SIKO_APPLICATION_EXPIRY_DAYS)
    ids = list(expired.values_list("pk", flat=True))
    User.objects.filter(pk__in=ids).delete()
    return len(ids)
