"""Changes to who may enter an area: grants, requests, removals and archive (access reviews: `reviews.py`).

Every change locks the area (or the request) row, so that two leads acting at once cannot
both remove "the other" lead, and is recorded in the portal's one audit log (`partner.AuditEvent`,
area "facharbeitskreise:<slug>") in the same transaction.
Mails go out after commit and name the area only — never its content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from common.mail import absolute_url, send_after_commit
from partner.audit import audit_record
from partner.middleware import role_granted as mfa_role_granted
from partner.models import AuditEvent, User

from .access import Role, lead_ids, member_roles, role_from_codenames
from .models import (
    AccessReview,
    Arbeitskreis,
    ArbeitskreisGroupObjectPermission,
    ArbeitskreisUserObjectPermission,
    MembershipRequest,
)

SYSTEM_NAME = "Portal (automatisch)"


class AccessError(Exception):
    """A change the area's current state does not allow; the message is for users."""


def _date(value) -> str:
    return f"{timezone.localtime(value):%d.%m.%Y}"


def _permissions() -> dict[str, Permission]:
    return {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="facharbeitskreise", codename__in=Role.LEITUNG.codenames
        )
    }


def arbeitskreis_lock(arbeitskreis: Arbeitskreis) -> Arbeitskreis:
    return Arbeitskreis.objects.select_for_update().get(pk=arbeitskreis.pk)


def mail_after_commit(prefix: str, context: dict, to: Sequence[str]) -> None:
    """After commit; a failed mail is logged and never undoes the change."""
    send_after_commit(f"facharbeitskreise/email/{prefix}", context, to)


def lead_addresses(arbeitskreis: Arbeitskreis, exclude: Iterable[int] = ()) -> list[str]:
    ids = lead_ids(arbeitskreis) - set(exclude)
    return list(User.objects.filter(pk__in=ids).order_by("email").values_list("email", flat=True))


def arbeitskreis_url(arbeitskreis: Arbeitskreis, name: str = "arbeitskreis_detail") -> str:
    return absolute_url(reverse(f"facharbeitskreise:{name}", kwargs={"slug": arbeitskreis.slug}))


# --- grants --------------------------------------------------------------------------------


def _grant_table(user, group):
    if (user is None) == (group is None):
        raise ValueError("Genau eine Person oder eine Gruppe angeben.")
    if user is not None:
        return ArbeitskreisUserObjectPermission, {"user": user}
    return ArbeitskreisGroupObjectPermission, {"group": group}


def current_role(arbeitskreis, user=None, group=None) -> Role | None:
    table, subject = _grant_table(user, group)
    codenames = table.objects.filter(content_object=arbeitskreis, **subject).values_list(
        "permission__codename", flat=True
    )
    return role_from_codenames(codenames)


def _write_perms(arbeitskreis, role: Role | None, *, user=None, group=None) -> None:
    table, subject = _grant_table(user, group)
    wanted = set(role.codenames) if role else set()
    rows = table.objects.filter(content_object=arbeitskreis, **subject)
    rows.exclude(permission__codename__in=wanted).delete()
    have = set(rows.values_list("permission__codename", flat=True))
    perms = _permissions()
    table.objects.bulk_create(
        [table(content_object=arbeitskreis, permission=perms[c], **subject) for c in wanted - have]
    )


def _keep_a_lead(arbeitskreis: Arbeitskreis, leads_before: set[int]) -> None:
    if leads_before and not lead_ids(arbeitskreis):
        raise AccessError(
            "Der Bereich hätte danach keine Leitung mehr. Bitte bestimmen Sie zuerst eine weitere Leitung."
        )


class Access:
    """What happened to an access, as the audit log's kinds."""

    GRANTED = AuditEvent.Kind.ARBEITSKREIS_GRANTED
    CHANGED = AuditEvent.Kind.ARBEITSKREIS_ROLE_CHANGED
    REVOKED = AuditEvent.Kind.ARBEITSKREIS_REVOKED
    KINDS = (GRANTED, CHANGED, REVOKED)


def _record(arbeitskreis, kind, *, actor, user=None, group=None, role=None, previous=None, reason="") -> AuditEvent:
    # The audit log is the area's access history too (office page, lead's log, access reviews).
    return audit_record(
        kind=kind,
        actor=actor,
        actor_name=SYSTEM_NAME,
        subject=user,
        detail={
            "arbeitskreis": arbeitskreis.name,
            "group": group.name if group is not None else "",
            "group_id": group.pk if group is not None else None,
            "role": role or "",
            "previous_role": previous or "",
            "reason": reason[:300],
        },
        bereich=arbeitskreis.audit_bereich,
    )


def _check_admitted(user) -> None:
    if user is not None and not user.is_active:
        raise AccessError(f"{user} ist nicht zugelassen oder deaktiviert und kann keinen Zugang erhalten.")


@transaction.atomic
def role_grant(
    *,
    arbeitskreis: Arbeitskreis,
    role: Role | str,
    actor,
    user=None,
    group: Group | None = None,
    reason: str = "",
    notify: bool = True,
) -> AuditEvent:
    """Give a user or a group `role` in the area (new grant or role change); the person is told
    by mail unless `notify` is off (demo data, bulk imports)."""
    role = Role(str(role))
    _check_admitted(user)
    arbeitskreis = arbeitskreis_lock(arbeitskreis)
    previous = current_role(arbeitskreis, user, group)
    who = str(user) if user is not None else f"Die Gruppe {group.name}"
    if previous == role:
        raise AccessError(f"{who} hat in diesem Bereich bereits die Rolle „{role.label}“.")
    leads_before = lead_ids(arbeitskreis)
    _write_perms(arbeitskreis, role, user=user, group=group)
    _keep_a_lead(arbeitskreis, leads_before)
    action = Access.CHANGED if previous else Access.GRANTED
    event = _record(
        arbeitskreis, action, actor=actor, user=user, group=group, role=role, previous=previous, reason=reason
    )
    if user is not None and role == Role.LEITUNG:
        mfa_role_granted(user)
    if user is not None and notify:
        mail_after_commit(
            "access_granted",
            {
                "arbeitskreis": arbeitskreis,
                "person": user,
                "role": role,
                "changed": bool(previous),
                "arbeitskreis_url": arbeitskreis_url(arbeitskreis),
            },
            [user.email],
        )
    return event


@transaction.atomic
def role_revoke(
    *, arbeitskreis: Arbeitskreis, actor, user=None, group: Group | None = None, reason: str = ""
) -> AuditEvent:
    """Take a direct grant of a user, or a group's grant, away."""
    arbeitskreis = arbeitskreis_lock(arbeitskreis)
    previous = current_role(arbeitskreis, user, group)
    if previous is None:
        if user is not None:
            raise AccessError(f"{user} hat keinen direkten Zugang zu diesem Bereich.")
        raise AccessError(f"Die Gruppe {group.name} hat keinen Zugang zu diesem Bereich.")
    leads_before = lead_ids(arbeitskreis)
    _write_perms(arbeitskreis, None, user=user, group=group)
    _keep_a_lead(arbeitskreis, leads_before)
    return _record(arbeitskreis, Access.REVOKED, actor=actor, user=user, group=group, previous=previous, reason=reason)


def member_remove(*, arbeitskreis: Arbeitskreis, user, actor, reason: str = "") -> AuditEvent:
    """A lead removes a member; access through a group stays with the Geschäftsstelle."""
    if current_role(arbeitskreis, user=user) is None and user.pk in member_roles(arbeitskreis):
        raise AccessError(f"{user} hat Zugang über eine Gruppe. Diesen Zugang kann nur die Geschäftsstelle entziehen.")
    return role_revoke(arbeitskreis=arbeitskreis, user=user, actor=actor, reason=reason or "Von der Leitung entfernt")


def revoke_deactivated(sender=None, *, user, reason: str = "Konto deaktiviert", **kwargs) -> int:
    """Receiver of `partner.signals.account_deactivated` (and the erasure of an account, with its
    own `reason`): every direct grant goes, recorded."""
    revoked = 0
    with transaction.atomic():
        arbeitskreis_ids = set(
            ArbeitskreisUserObjectPermission.objects.filter(user=user).values_list("content_object_id", flat=True)
        )
        for arbeitskreis in Arbeitskreis.objects.select_for_update().filter(pk__in=arbeitskreis_ids).order_by("pk"):
            previous = current_role(arbeitskreis, user=user)
            ArbeitskreisUserObjectPermission.objects.filter(content_object=arbeitskreis, user=user).delete()
            if previous is not None:
                _record(
                    arbeitskreis,
                    Access.REVOKED,
                    actor=None,
                    user=user,
                    previous=previous,
                    reason=reason,
                )
                revoked += 1
        MembershipRequest.objects.filter(user=user, status=MembershipRequest.Status.OPEN).update(
            status=MembershipRequest.Status.WITHDRAWN, decided_at=timezone.now(), comment=reason
        )
    return revoked


# --- membership requests ---------------------------------------------------------------------


@transaction.atomic
def membership_request_create(*, arbeitskreis: Arbeitskreis, user, reason: str) -> MembershipRequest:
    reason = reason.strip()
    if not reason:
        raise AccessError("Bitte begründen Sie Ihren Antrag.")
    arbeitskreis = arbeitskreis_lock(arbeitskreis)
    if arbeitskreis.is_archived:
        raise AccessError("Dieser Bereich ist archiviert und nimmt keine neuen Mitglieder auf.")
    if user.pk in member_roles(arbeitskreis):
        raise AccessError("Sie sind bereits Mitglied dieses Bereichs.")
    pending = MembershipRequest.objects.filter(
        arbeitskreis=arbeitskreis, user=user, status=MembershipRequest.Status.OPEN
    ).first()
    if pending is not None:
        raise AccessError(
            f"Sie haben bereits am {_date(pending.created_at)} die Mitgliedschaft beantragt. "
            "Die Leitung des Bereichs prüft Ihren Antrag noch."
        )
    membership_request = MembershipRequest.objects.create(arbeitskreis=arbeitskreis, user=user, reason=reason)
    mail_after_commit(
        "request_new",
        {
            "arbeitskreis": arbeitskreis,
            "applicant": user,
            "requests_url": arbeitskreis_url(arbeitskreis, "lead_requests"),
        },
        lead_addresses(arbeitskreis),
    )
    return membership_request


def _refuse_decided(locked: MembershipRequest, verb: str) -> None:
    status = MembershipRequest.Status
    if locked.status == status.OPEN:
        return
    when = f" am {_date(locked.decided_at)}" if locked.decided_at else ""
    if locked.status == status.WITHDRAWN:
        raise AccessError(
            f"Dieser Antrag wurde{when} von der antragstellenden Person zurückgezogen "
            f"und kann nicht mehr {verb} werden."
        )
    who = f" von {locked.decided_by}" if locked.decided_by_id else ""
    raise AccessError(f"Über diesen Antrag wurde bereits{when}{who} entschieden: {locked.get_status_display()}.")


@transaction.atomic
def membership_request_withdraw(*, membership_request: MembershipRequest, user) -> MembershipRequest:
    locked = MembershipRequest.objects.select_for_update().get(pk=membership_request.pk, user=user)
    _refuse_decided(locked, "zurückgezogen")
    locked.status = MembershipRequest.Status.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_at"])
    return locked


@transaction.atomic
def membership_request_accept(
    *, membership_request: MembershipRequest, actor, comment: str = "", role: Role | str = Role.MITGLIED
) -> MembershipRequest:
    locked = (
        MembershipRequest.objects.select_for_update()
        .select_related("arbeitskreis", "user")
        .get(pk=membership_request.pk)
    )
    _refuse_decided(locked, "angenommen")
    if locked.arbeitskreis.is_archived:
        raise AccessError("Dieser Bereich ist archiviert und nimmt keine neuen Mitglieder auf.")
    if not locked.user.is_active:
        raise AccessError(f"Das Konto von {locked.user} ist nicht mehr aktiv. Bitte lehnen Sie den Antrag ab.")
    if current_role(locked.arbeitskreis, user=locked.user) is None:
        role_grant(
            arbeitskreis=locked.arbeitskreis, user=locked.user, role=role, actor=actor, reason="Antrag angenommen"
        )
    locked.status = MembershipRequest.Status.ACCEPTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.comment = comment.strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    return locked


@transaction.atomic
def membership_request_decline(*, membership_request: MembershipRequest, actor, comment: str = "") -> MembershipRequest:
    locked = (
        MembershipRequest.objects.select_for_update()
        .select_related("arbeitskreis", "user")
        .get(pk=membership_request.pk)
    )
    _refuse_decided(locked, "abgelehnt")
    locked.status = MembershipRequest.Status.DECLINED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.comment = comment.strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    mail_after_commit(
        "request_declined",
        {
            "arbeitskreis": locked.arbeitskreis,
            "person": locked.user,
            "membership_request": locked,
            "list_url": absolute_url(reverse("facharbeitskreise:arbeitskreis_list")),
        },
        [locked.user.email],
    )
    return locked


# --- archive ---------------------------------------------------------------------------------


@transaction.atomic
def arbeitskreis_archive(*, arbeitskreis: Arbeitskreis, actor) -> Arbeitskreis:
    locked = arbeitskreis_lock(arbeitskreis)
    if locked.is_archived:
        raise AccessError(f"Der Bereich wurde bereits am {_date(locked.archived_at)} archiviert.")
    locked.is_archived = True
    locked.archived_at = timezone.now()
    locked.save(update_fields=["is_archived", "archived_at"])
    MembershipRequest.objects.filter(arbeitskreis=locked, status=MembershipRequest.Status.OPEN).update(
        status=MembershipRequest.Status.DECLINED,
        decided_by=actor,
        decided_at=timezone.now(),
        comment="Bereich archiviert",
    )
    # A read-only area can't be reviewed by its lead; its members must not lose access by deadline.
    AccessReview.objects.filter(arbeitskreis=locked, outcome=AccessReview.Outcome.OPEN).update(
        outcome=AccessReview.Outcome.CANCELLED, completed_at=timezone.now()
    )
    return locked


@transaction.atomic
def arbeitskreis_reopen(*, arbeitskreis: Arbeitskreis) -> Arbeitskreis:
    locked = arbeitskreis_lock(arbeitskreis)
    if not locked.is_archived:
        raise AccessError("Der Bereich ist nicht archiviert.")
    locked.is_archived = False
    locked.archived_at = None
    locked.save(update_fields=["is_archived", "archived_at"])
    return locked
