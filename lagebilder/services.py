"""Writes of the Lagebilder that touch several models or send mail: publish, acknowledge, remind."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from common.mail import absolute_url, send_after_commit
from dokumente.services import FileStore
from partner.audit import audit_record
from partner.models import AuditEvent

from . import notifications
from .models import Acknowledgement, Attachment, Lagebild


def _target(lagebild: Lagebild) -> str:
    return f"lagebilder.lagebild:{lagebild.pk}"


def lagebild_publish(*, form, audience_form, uploads, user, files: FileStore) -> Lagebild:
    """Save the Lagebild with its audience and attachments and tell the audience (the outbox).
    Run inside `files_atomic()`: a failed upload leaves neither rows nor files behind."""
    audience = audience_form.save()
    lagebild = form.save(commit=False)
    lagebild.audience = audience
    lagebild.published_by = user
    lagebild.published_at = timezone.now()
    lagebild.save()
    for upload in uploads:
        attachment_add(lagebild=lagebild, upload=upload, user=user, files=files)
    notifications.lagebild_published(lagebild)
    return lagebild


def attachment_add(*, lagebild: Lagebild, upload, user, files: FileStore) -> Attachment:
    return Attachment.objects.create(lagebild=lagebild, file=files.store(upload, user=user))


def acknowledge(*, lagebild: Lagebild, user) -> tuple[Acknowledgement, bool]:
    """Record the acknowledgement once (a second click changes nothing); returns (row, created)."""
    existing = Acknowledgement.objects.filter(lagebild=lagebild, user=user).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            row = Acknowledgement.objects.create(lagebild=lagebild, user=user)
    except IntegrityError:  # a double submit that raced the first
        return Acknowledgement.objects.get(lagebild=lagebild, user=user), False
    audit_record(
        kind=AuditEvent.Kind.ACKNOWLEDGED,
        actor=user,
        detail={"title": lagebild.title[:200]},
        target=_target(lagebild),
    )
    return row, True


def missing(lagebild: Lagebild):
    """The addressees who have not acknowledged yet (the audience as it is now)."""
    return lagebild.audience.members().exclude(pk__in=lagebild.acknowledgements.values("user_id"))


@transaction.atomic
def remind(*, lagebild: Lagebild, user) -> int | None:
    """Remind everyone still missing, once per Lagebild: None if it was done before (nothing sent).

    The mark is set by one conditional UPDATE, so two clicks (or two offices) never both send.
    Each mail is its own task on the one mail queue after commit (common.tasks): a mail server
    that refuses leaves that task failed, and `manage.py mail_resend` sends it again, once."""
    claimed = Lagebild.objects.filter(pk=lagebild.pk, reminded_at__isnull=True).update(reminded_at=timezone.now())
    if not claimed:
        return None
    people = list(missing(lagebild).only("pk", "email", "first_name", "last_name"))
    context = {"lagebild": lagebild, "url": absolute_url(lagebild.get_absolute_url())}
    for person in people:
        send_after_commit("lagebilder/email/reminder", {**context, "user": person}, [person.email])
    Lagebild.objects.filter(pk=lagebild.pk).update(reminded_count=F("reminded_count") + len(people))
    audit_record(
        kind=AuditEvent.Kind.ACKNOWLEDGEMENT_REMINDED,
        actor=user,
        detail={"title": lagebild.title[:200], "recipients": len(people)},
        target=_target(lagebild),
    )
    return len(people)


def _audience_snapshot(audience) -> dict:
    return {
        "scope": audience.scope,
        "types": sorted(audience.type_values()),
        "partners": sorted(audience.partners.values_list("pk", flat=True)),
        "arbeitskreise": sorted(audience.arbeitskreise.values_list("pk", flat=True)),
    }


@transaction.atomic
def lagebild_edit(*, form, audience_form, user) -> list[str]:
    """Save the office's changes; returns the names of the changed parts ([]: nothing changed).

    The audience is the Lagebild's own row, edited in place: who sees it follows at once
    (`visible_to` reads the audience). Acknowledgements stay, also of people now outside it (the
    status page counts the audience as it is now). People newly reached are told through the
    outbox; who was told before is not told again (one notice per person and item)."""
    lagebild = form.instance
    before = _audience_snapshot(lagebild.audience)
    changed = [form.fields[name].label for name in form.changed_data]
    lagebild = form.save()
    audience_form.save()
    audience_changed = _audience_snapshot(lagebild.audience) != before
    if audience_changed:
        changed.append("Zielgruppe")
    if not changed:
        return []
    audit_record(
        kind=AuditEvent.Kind.LAGEBILD_EDITED,
        actor=user,
        detail={"title": lagebild.title[:200], "changed": [str(label) for label in changed]},
        target=_target(lagebild),
    )
    if audience_changed:
        notifications.lagebild_published(lagebild)
    return changed


@transaction.atomic
def lagebild_withdraw(*, lagebild: Lagebild, reason: str, user) -> bool:
    """Withdraw once (False: it was withdrawn before). Recipients lose it from lists, search and
    the start page at once; news not yet mailed is dropped by the outbox (`is_published`)."""
    claimed = Lagebild.objects.filter(pk=lagebild.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=user, withdrawal_reason=reason
    )
    if not claimed:
        return False
    lagebild.refresh_from_db()
    lagebild.save(update_fields=["withdrawn_at"])  # the search index drops it (post_save)
    audit_record(
        kind=AuditEvent.Kind.LAGEBILD_WITHDRAWN,
        actor=user,
        detail={"title": lagebild.title[:200], "reason": reason[:500]},
        target=_target(lagebild),
    )
    return True
