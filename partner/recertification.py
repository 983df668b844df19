"""Re-certification of accounts, suspension after inactivity, and authorities that leave.

An admitted account rests ("ruhend", `User.Status.SUSPENDED`) when
- nobody confirmed it for SIKO_RECERTIFICATION_MONTHS: the contact persons of the person's
  authority or the Geschäftsstelle confirm it on "Konten bestätigen";
- nobody logged in with it for SIKO_INACTIVITY_SUSPEND_DAYS (a login, an admission or a
  reactivation starts the period anew);
- its authority left the cooperation (`Partner.is_active` off): at once, without warning;
- it is linked to its authority's identity provider and nobody logged in through it for the
  provider's `leaver_days` (partner.sso.leavers): at once, without warning.

For the first two a warning mail goes out SIKO_RECERTIFICATION_WARNING_DAYS before; the
suspension never follows sooner than that many days after the warning (also when the warning
went out late, say after the first deployment). Operators (superusers) are exempt: they are not
staff of a partner authority and must not lock themselves out by a timer.

A suspension is a decision of the portal (`services.account_suspend`): recorded as a Decision
and an audit event, mailed to the person, all sessions ended. Memberships and grants stay; the
office reactivates the account with the usual reactivation, which also confirms it.
`run_daily` is idempotent: every mail goes out once per period, a second run sends nothing.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from common.mail import absolute_url, send_templated_mail

from . import services
from .audit import audit_record
from .models import AuditEvent, SuspensionCause, User
from .sso.leavers import suspend_leavers

logger = logging.getLogger(__name__)

RECERTIFICATION = SuspensionCause.RECERTIFICATION
INACTIVITY = SuspensionCause.INACTIVITY
PARTNER_LEFT = SuspensionCause.PARTNER_LEFT


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later (or earlier); the month's last day where it is shorter."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def _warning() -> timedelta:
    return timedelta(days=settings.SIKO_RECERTIFICATION_WARNING_DAYS)


def certification_due(user: User) -> datetime:
    return add_months(user.certified_at, settings.SIKO_RECERTIFICATION_MONTHS)


def _candidates() -> QuerySet[User]:
    return User.objects.admitted().filter(is_superuser=False)


def due_for_recertification(now: datetime | None = None) -> QuerySet[User]:
    """Admitted accounts whose confirmation falls due within the warning period (or is overdue)."""
    horizon = (now or timezone.now()) + _warning()
    return _candidates().filter(certified_at__lte=add_months(horizon, -settings.SIKO_RECERTIFICATION_MONTHS))


def due_for_inactivity(now: datetime | None = None) -> QuerySet[User]:
    """Admitted accounts unused so long that the suspension falls within the warning period;
    `last_seen` is the last login, or the admission/reactivation if that is later."""
    horizon = (now or timezone.now()) + _warning()
    seen = Greatest(Coalesce("last_login", "status_changed_at"), F("status_changed_at"))
    return (
        _candidates()
        .annotate(last_seen=seen)
        .filter(last_seen__lte=horizon - timedelta(days=settings.SIKO_INACTIVITY_SUSPEND_DAYS))
    )


# --- Who confirms whom ----------------------------------------------------------------------


def is_confirmer(user: User) -> bool:
    """The Geschäftsstelle, or an admitted contact person of a partner authority."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_geschaeftsstelle or (user.is_contact_person and user.partner_id is not None)


def confirmable_by(user: User, now: datetime | None = None) -> QuerySet[User]:
    """The due accounts this person may confirm: all for the office, the own authority's for a
    contact person; never the own account."""
    if not is_confirmer(user):
        return User.objects.none()
    due = due_for_recertification(now).exclude(pk=user.pk)
    return due if user.is_geschaeftsstelle else due.filter(partner_id=user.partner_id)


def confirmers_emails(user: User) -> list[str]:
    """Who is asked to confirm: the authority's contact persons, else the Geschäftsstelle."""
    contacts = []
    if user.partner_id is not None:
        others = User.objects.contact_persons().filter(partner_id=user.partner_id).exclude(pk=user.pk)
        contacts = list(others.values_list("email", flat=True))
    return contacts or list(settings.SIKO_OFFICE_EMAILS)


@transaction.atomic
def accounts_confirm(*, users: list[User], by: User) -> int:
    """Confirm these accounts for another period; one audit event each."""
    now = timezone.now()
    User.objects.filter(pk__in=[user.pk for user in users]).update(certified_at=now)
    for user in users:
        audit_record(
            kind=AuditEvent.Kind.RECERTIFIED,
            actor=by,
            subject=user,
            detail={"previous": user.certified_at.date().isoformat()},
        )
    return len(users)


# --- The daily run --------------------------------------------------------------------------


@dataclass
class RunResult:
    warned: int = 0
    suspended: int = 0
    failed_mails: int = 0


def _warned_in_period(warned_at: datetime | None, period_start: datetime) -> bool:
    return warned_at is not None and warned_at >= period_start


def _warn(user: User, *, cause: str, due: datetime, now: datetime, result: RunResult) -> None:
    context = {
        "user": user,
        "cause": cause,
        "due": due,
        "months": settings.SIKO_RECERTIFICATION_MONTHS,
        "days": settings.SIKO_INACTIVITY_SUSPEND_DAYS,
        "login_url": absolute_url(reverse("account_login")),
        "confirm_url": absolute_url(reverse("partner:recertification")),
    }
    try:
        send_templated_mail("partner/email/suspension_warning", context, [user.email])
    except Exception:  # noqa: BLE001 - not marked as warned: tomorrow's run tries again
        logger.exception("Warnung vor Ruhendstellung an Konto %s nicht versandt", user.pk)
        result.failed_mails += 1
        return
    field = "recertification_warned_at" if cause == RECERTIFICATION else "inactivity_warned_at"
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(**{field: now})
        audit_record(
            kind=AuditEvent.Kind.SUSPENSION_WARNED,
            actor=None,
            actor_name=services.AUTOMATIC_ACTOR,
            subject=user,
            detail={"cause": cause, "due": timezone.localtime(due).date().isoformat()},
        )
    result.warned += 1
    if cause == RECERTIFICATION:
        try:
            send_templated_mail("partner/email/recertification_request", context, confirmers_emails(user))
        except Exception:  # noqa: BLE001 - the page "Konten bestätigen" lists the account anyway
            logger.exception("Bitte um Bestätigung von Konto %s nicht versandt", user.pk)
            result.failed_mails += 1


def _suspend(user: User, *, cause: str, reason: str, result: RunResult, by: User | None = None) -> None:
    try:
        outcome = services.account_suspend(user=user, reason=reason, cause=cause, decided_by=by)
    except services.DecisionError:  # changed meanwhile (say, deactivated by the office)
        return
    result.suspended += 1
    if outcome.mail == services.MAIL_FAILED:
        result.failed_mails += 1


def _date(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d.%m.%Y}"


def _step(user: User, *, cause: str, due: datetime, warned_at, since: datetime, reason: str, now, result) -> None:
    if not _warned_in_period(warned_at, since):
        _warn(user, cause=cause, due=due, now=now, result=result)
    elif now >= max(due, warned_at + _warning()):
        _suspend(user, cause=cause, reason=reason, result=result)


def staff_of_partner(partner) -> QuerySet[User]:
    """The accounts that rest when this authority leaves the cooperation."""
    return _candidates().filter(partner=partner)


def partner_staff_suspend(*, partner_ids: list[int] | None = None, by: User | None = None) -> RunResult:
    """Suspend the admitted staff of authorities that left the cooperation (all such, or these).

    Called when the office switches `Partner.is_active` off, and by the daily run for any way
    that bypassed it. Taking the authority back in does not reactivate anybody: the office
    decides person by person.
    """
    result = RunResult()
    staff = _candidates().filter(partner__is_active=False).select_related("partner")
    if partner_ids is not None:
        staff = staff.filter(partner_id__in=partner_ids)
    for user in staff:
        reason = f"Ihre Behörde „{user.partner}“ gehört nicht mehr zur Sicherheitskooperation Ruhr."
        _suspend(user, cause=PARTNER_LEFT, reason=reason, result=result, by=by)
    return result


def run_daily(*, now: datetime | None = None) -> RunResult:
    now = now or timezone.now()
    result = partner_staff_suspend()
    # Leavers of an authority with its own identity provider (partner.sso.leavers): no warning.
    suspend_leavers(now=now, suspend=lambda user, **why: _suspend(user, result=result, **why))
    months = settings.SIKO_RECERTIFICATION_MONTHS
    for user in due_for_recertification(now):
        reason = (
            f"Ihr Zugang wurde zuletzt am {_date(user.certified_at)} bestätigt. Jedes Konto muss alle {months} "
            "Monate von der Ansprechperson Ihrer Behörde oder der Geschäftsstelle bestätigt werden."
        )
        _step(
            user,
            cause=RECERTIFICATION,
            due=certification_due(user),
            warned_at=user.recertification_warned_at,
            since=user.certified_at,
            reason=reason,
            now=now,
            result=result,
        )
    days = settings.SIKO_INACTIVITY_SUSPEND_DAYS
    for user in due_for_inactivity(now):
        # A suspension above may have come first: only admitted accounts go on.
        if not User.objects.admitted().filter(pk=user.pk).exists():
            continue
        reason = (
            f"Mit Ihrem Zugang hat sich seit dem {_date(user.last_seen)} niemand angemeldet (mehr als {days} Tage)."
        )
        _step(
            user,
            cause=INACTIVITY,
            due=user.last_seen + timedelta(days=days),
            warned_at=user.inactivity_warned_at,
            since=user.last_seen,
            reason=reason,
            now=now,
            result=result,
        )
    return result
