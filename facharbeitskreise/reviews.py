"""Access reviews: the Leitung confirms its members every few months; who is not confirmed by the
deadline loses access. Built on the grants of `services` (same locks, audit log and mails)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone

from common.mail import absolute_url
from partner.models import AuditEvent, User

from .access import Role, grants_of
from .models import AccessReview, AccessReviewItem, Arbeitskreis
from .services import (
    Access,
    AccessError,
    arbeitskreis_lock,
    arbeitskreis_url,
    current_role,
    lead_addresses,
    mail_after_commit,
    role_revoke,
)


@transaction.atomic
def review_start(*, arbeitskreis: Arbeitskreis, actor=None, now=None) -> AccessReview:
    """Ask the lead to confirm every member with a direct grant; leads confirm themselves."""
    now = now or timezone.now()
    arbeitskreis = arbeitskreis_lock(arbeitskreis)
    if arbeitskreis.is_archived:
        raise AccessError("Für einen archivierten Bereich findet keine Zugriffsüberprüfung statt.")
    if AccessReview.objects.filter(arbeitskreis=arbeitskreis, outcome=AccessReview.Outcome.OPEN).exists():
        raise AccessError("Für diesen Bereich läuft bereits eine Zugriffsüberprüfung.")
    review = AccessReview.objects.create(
        arbeitskreis=arbeitskreis,
        started_at=now,
        started_by=actor,
        due_at=now + timezone.timedelta(days=settings.SIKO_ACCESS_REVIEW_DAYS),
    )
    direct = [grant for grant in grants_of(arbeitskreis) if grant.user_id is not None]
    admitted = set(User.objects.admitted().filter(pk__in=[g.user_id for g in direct]).values_list("pk", flat=True))
    items = []
    for grant in direct:
        if grant.user_id not in admitted:
            continue
        is_lead = grant.role == Role.LEITUNG
        items.append(
            AccessReviewItem(
                review=review,
                user_id=grant.user_id,
                role=grant.role,
                decision=AccessReviewItem.Decision.CONFIRMED if is_lead else AccessReviewItem.Decision.PENDING,
                decided_at=now if is_lead else None,
            )
        )
    AccessReviewItem.objects.bulk_create(items)
    mail_after_commit(
        "review_started",
        {"arbeitskreis": arbeitskreis, "review": review, "review_url": arbeitskreis_url(arbeitskreis, "lead_review")},
        lead_addresses(arbeitskreis),
    )
    return review


def _open_review(review: AccessReview) -> AccessReview:
    locked = AccessReview.objects.select_for_update().select_related("arbeitskreis").get(pk=review.pk)
    if not locked.is_open:
        raise AccessError(f"Diese Zugriffsüberprüfung ist bereits beendet ({locked.get_outcome_display()}).")
    return locked


@transaction.atomic
def review_confirm(*, review: AccessReview, user_ids: Iterable[int]) -> int:
    locked = _open_review(review)
    return locked.items.filter(user_id__in=list(user_ids), decision=AccessReviewItem.Decision.PENDING).update(
        decision=AccessReviewItem.Decision.CONFIRMED, decided_at=timezone.now()
    )


def _finish(review: AccessReview, outcome: str, *, actor, reason: str, now) -> AccessReview:
    pending = list(review.items.filter(decision=AccessReviewItem.Decision.PENDING).values_list("user_id", flat=True))
    for user in User.objects.filter(pk__in=pending).order_by("pk"):
        if current_role(review.arbeitskreis, user=user) is not None:
            try:
                role_revoke(arbeitskreis=review.arbeitskreis, user=user, actor=actor, reason=reason)
            except AccessError:
                # The last lead stays: an area without lead could never be reviewed again.
                continue
    review.items.filter(decision=AccessReviewItem.Decision.PENDING, user_id__in=pending).update(
        decision=AccessReviewItem.Decision.REMOVED, decided_at=now
    )
    review.outcome = outcome
    review.completed_at = now
    review.confirmed_count = review.items.filter(decision=AccessReviewItem.Decision.CONFIRMED).count()
    review.removed_count = review.items.filter(decision=AccessReviewItem.Decision.REMOVED).count()
    review.save(update_fields=["outcome", "completed_at", "confirmed_count", "removed_count"])
    mail_after_commit(
        "review_outcome",
        {
            "arbeitskreis": review.arbeitskreis,
            "review": review,
            "office_url": absolute_url(
                reverse("facharbeitskreise:office_arbeitskreis_detail", kwargs={"slug": review.arbeitskreis.slug})
            ),
        },
        settings.SIKO_OFFICE_EMAILS,
    )
    return review


@transaction.atomic
def review_complete(*, review: AccessReview, actor, now=None) -> AccessReview:
    """The lead ends the review: members not confirmed lose their access now."""
    locked = _open_review(review)
    return _finish(
        locked,
        AccessReview.Outcome.COMPLETED,
        actor=actor,
        reason="Bei der Zugriffsüberprüfung nicht bestätigt",
        now=now or timezone.now(),
    )


def reviews_expire(*, now=None) -> list[AccessReview]:
    """Open reviews past their deadline: unconfirmed members lose access, the office hears the outcome."""
    now = now or timezone.now()
    done = []
    for review in AccessReview.objects.filter(outcome=AccessReview.Outcome.OPEN, due_at__lt=now).order_by("pk"):
        with transaction.atomic():
            locked = _open_review(review)
            done.append(
                _finish(
                    locked,
                    AccessReview.Outcome.EXPIRED,
                    actor=None,
                    reason="Frist der Zugriffsüberprüfung abgelaufen",
                    now=now,
                )
            )
    return done


def reviews_start_due(*, now=None) -> list[AccessReview]:
    """Start a review in every active area whose last one (or first grant) is older than the interval."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=round(settings.SIKO_ACCESS_REVIEW_MONTHS * 365 / 12))
    # The area's first access event in the audit log (`Arbeitskreis.audit_bereich`).
    first_grant = (
        AuditEvent.objects.filter(bereich=Concat(Value("facharbeitskreise:"), OuterRef("slug")), kind__in=Access.KINDS)
        .order_by("at")
        .values("at")[:1]
    )
    arbeitskreise = (
        Arbeitskreis.objects.active()
        .filter(user_grants__isnull=False)
        .annotate(last_review=Max("access_reviews__started_at"), first_grant=Subquery(first_grant))
        .distinct()
        .order_by("pk")
    )
    started = []
    for arbeitskreis in arbeitskreise:
        since = arbeitskreis.last_review or arbeitskreis.first_grant
        if since is None or since > cutoff:
            continue
        try:
            started.append(review_start(arbeitskreis=arbeitskreis, now=now))
        except AccessError:
            continue
    return started
