"""The review workflow of contributions and the Redaktion grants.

Transitions lock the item's row, so two editors clicking at once cannot publish twice or
return what the other just published. Mails go out after commit: a rolled-back decision
tells nobody anything.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from common.mail import absolute_url, send_after_commit
from dokumente.services import FileStore
from partner.audit import audit_record
from partner.middleware import role_granted as mfa_role_granted
from partner.models import AuditEvent

from . import access, lifecycle, notifications
from .models import Article, ArticleAttachment, Document, Fachgebiet, Status
from .models.content import Contribution


class WorkflowError(Exception):
    """A transition the item's current state does not allow; the message is for users."""


_REFUSALS = {
    ("publish", Status.PUBLISHED): "Dieser Beitrag ist bereits veröffentlicht.",
    ("republish", Status.PUBLISHED): "Dieser Beitrag ist bereits veröffentlicht.",
    ("reject", Status.REJECTED): "Dieser Beitrag wurde bereits abgelehnt.",
    ("return", Status.RETURNED): "Dieser Beitrag wurde bereits zur Überarbeitung zurückgegeben.",
    ("unpublish", Status.WITHDRAWN): "Dieser Beitrag ist bereits zurückgezogen.",
    ("submit", Status.SUBMITTED): "Dieser Beitrag ist bereits eingereicht und wartet auf die Prüfung.",
}
_VERBS = {
    "publish": "veröffentlicht",
    "republish": "wieder veröffentlicht",
    "return": "zur Überarbeitung zurückgegeben",
    "reject": "abgelehnt",
    "unpublish": "zurückgezogen",
    "submit": "eingereicht",
}
_ALLOWED_FROM = {
    "publish": {Status.SUBMITTED},
    "return": {Status.SUBMITTED},
    "reject": {Status.SUBMITTED},
    "unpublish": {Status.PUBLISHED},
    "republish": {Status.WITHDRAWN},
    "submit": {Status.RETURNED},
}


def allowed_actions(item: Contribution) -> list[str]:
    actions = ("publish", "return", "reject", "unpublish", "republish")
    return [action for action in actions if item.status in _ALLOWED_FROM[action]]


def _locked(item: Contribution, action: str) -> Contribution:
    locked = type(item).objects.select_for_update().select_related("fachgebiet").get(pk=item.pk)
    if locked.status not in _ALLOWED_FROM[action]:
        refusal = _REFUSALS.get((action, locked.status))
        raise WorkflowError(
            refusal or f"Ein Beitrag im Status „{locked.get_status_display()}“ kann nicht {_VERBS[action]} werden."
        )
    return locked


def _refresh(item: Contribution, locked: Contribution) -> None:
    for field in ("status", "submitted_at", "reviewed_by_id", "reviewed_at", "review_comment", "published_at"):
        setattr(item, field, getattr(locked, field))
    item.__dict__.pop("reviewed_by", None)


# --- Mails -----------------------------------------------------------------------------------


def _context(item: Contribution) -> dict:
    return {
        "item": item,
        "fachgebiet": item.fachgebiet,
        "url": absolute_url(item.get_absolute_url()),
        "edit_url": absolute_url(item.get_edit_url()),
        "my_url": absolute_url(reverse("fachgebiete:my_contributions")),
    }


def _mail(prefix: str, context: dict, to: list[str]) -> None:
    """After commit; a failed mail never undoes a decision (the author sees it in "Meine Beiträge")."""
    send_after_commit(f"fachgebiete/email/{prefix}", context, to)


def _tell_author(item: Contribution, prefix: str) -> None:
    author = item.author
    if author is None or not author.is_active:
        return
    context = {**_context(item), "user": author}
    _mail(prefix, context, [author.email])


def _tell_editors(item: Contribution) -> None:
    editors = [user.email for user in access.editors_of(item.fachgebiet) if user.pk != item.author_id]
    to = editors or list(settings.SIKO_OFFICE_EMAILS)
    context = {
        **_context(item),
        "review_url": absolute_url(item.get_review_url()),
        "author": item.author,
        "to_office": not editors,
    }
    _mail("submitted", context, to)


def _published(item: Contribution) -> None:
    transaction.on_commit(lambda: notifications.item_published(item))


# --- Transitions -----------------------------------------------------------------------------


@transaction.atomic
def contribution_submit(item: Contribution, *, user) -> Contribution:
    """A new contribution (unsaved) or a returned one sent back after revision."""
    now = timezone.now()
    if item.pk is None:
        item.status = Status.SUBMITTED
        item.author = user
        item.submitted_at = now
        item.save()
    else:
        locked = _locked(item, "submit")
        if locked.author_id != user.pk:
            raise WorkflowError("Nur wer den Beitrag eingereicht hat, kann ihn erneut einreichen.")
        item.status = Status.SUBMITTED
        item.submitted_at = now
        item.save()
    _tell_editors(item)
    return item


@transaction.atomic
def contribution_publish_direct(item: Contribution, *, user) -> Contribution:
    """Content the Redaktion writes itself goes online without a second look."""
    now = timezone.now()
    item.status = Status.PUBLISHED
    item.author = user
    item.submitted_at = now
    item.reviewed_by = user
    item.reviewed_at = now
    item.published_at = now
    item.save()
    _published(item)
    return item


@transaction.atomic
def contribution_publish(item: Contribution, *, user, comment: str = "") -> None:
    locked = _locked(item, "publish")
    now = timezone.now()
    locked.status = Status.PUBLISHED
    locked.reviewed_by = user
    locked.reviewed_at = now
    locked.review_comment = comment
    locked.published_at = now
    locked.save()
    _refresh(item, locked)
    _tell_author(locked, "published")
    _published(locked)


@transaction.atomic
def contribution_return(item: Contribution, *, user, comment: str) -> None:
    if not comment.strip():
        raise WorkflowError("Bitte schreiben Sie, was überarbeitet werden soll.")
    locked = _locked(item, "return")
    locked.status = Status.RETURNED
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    locked.review_comment = comment.strip()
    locked.save()
    _refresh(item, locked)
    _tell_author(locked, "returned")


@transaction.atomic
def contribution_reject(item: Contribution, *, user, comment: str) -> None:
    if not comment.strip():
        raise WorkflowError("Bitte begründen Sie die Ablehnung.")
    locked = _locked(item, "reject")
    locked.status = Status.REJECTED
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    locked.review_comment = comment.strip()
    locked.save()
    _refresh(item, locked)
    _tell_author(locked, "rejected")


@transaction.atomic
def contribution_unpublish(item: Contribution, *, user, comment: str = "") -> None:
    locked = _locked(item, "unpublish")
    locked.status = Status.WITHDRAWN
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    if comment.strip():
        locked.review_comment = comment.strip()
    locked.save()
    _refresh(item, locked)


@transaction.atomic
def contribution_republish(item: Contribution, *, user, comment: str = "") -> None:
    """Back online under its first publication date: followers were told then, not again."""
    locked = _locked(item, "republish")
    locked.status = Status.PUBLISHED
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    if comment.strip():
        locked.review_comment = comment.strip()
    if locked.published_at is None:
        locked.published_at = locked.reviewed_at
    locked.save()
    _refresh(item, locked)


ACTIONS = {
    "publish": contribution_publish,
    "return": contribution_return,
    "reject": contribution_reject,
    "unpublish": contribution_unpublish,
    "republish": contribution_republish,
}


_SUPERSEDE_FIELDS = ["is_superseded", "superseded_reason", "superseded_at", "superseded_by", "successor", "updated_at"]


@transaction.atomic
def document_supersede(*, document: Document, user, reason: str, successor: Document | None = None) -> None:
    """Mark the document überholt: who did it and why are kept and shown; followers and everyone
    who downloaded it are told (`lifecycle`)."""
    if not reason.strip():
        raise WorkflowError("Bitte geben Sie an, warum das Dokument überholt ist.")
    locked = Document.objects.select_for_update().select_related("fachgebiet").get(pk=document.pk)
    if locked.is_superseded:
        raise WorkflowError("Dieses Dokument ist bereits als überholt markiert.")
    if successor is not None and (successor.pk == locked.pk or successor.fachgebiet_id != locked.fachgebiet_id):
        raise WorkflowError("Der Nachfolger muss ein anderes Dokument desselben Fachgebiets sein.")
    locked.is_superseded = True
    locked.superseded_reason = reason.strip()
    locked.superseded_at = timezone.now()
    locked.superseded_by = user
    locked.successor = successor
    locked.save(update_fields=_SUPERSEDE_FIELDS)
    for field in ("is_superseded", "superseded_reason", "superseded_at", "superseded_by_id", "successor_id"):
        setattr(document, field, getattr(locked, field))
    lifecycle.document_superseded(locked, user=user)
    detail = {"title": locked.title[:200], "reason": locked.superseded_reason[:500]}
    if successor is not None:
        detail["successor"] = successor.title[:200]
    _audit_supersede(AuditEvent.Kind.DOCUMENT_SUPERSEDED, locked, user=user, detail=detail)


@transaction.atomic
def document_reinstate(*, document: Document, user) -> None:
    """Take the mark back (a mistake): the document is current again, without reason or successor."""
    detail = {"title": document.title[:200], "former_reason": document.superseded_reason[:500]}
    # save(), not update(): the search index listens for saves.
    document.is_superseded, document.superseded_reason, document.superseded_at = False, "", None
    document.superseded_by, document.successor = None, None
    document.save(update_fields=_SUPERSEDE_FIELDS)
    _audit_supersede(AuditEvent.Kind.DOCUMENT_REINSTATED, document, user=user, detail=detail)


def _audit_supersede(kind: str, document: Document, *, user, detail: dict) -> None:
    """Who marked a Muster überholt (or took the mark back): the Redaktion's act is in the audit log."""
    audit_record(
        kind=kind,
        actor=user,
        detail=detail,
        bereich=document.fachgebiet.audit_bereich,
        target=f"{document._meta.label_lower}:{document.pk}",
    )


def attachment_add(*, article: Article, upload, user, files: FileStore) -> ArticleAttachment:
    """One more attachment, placed last; call inside `files_atomic()`. The article's row lock
    serialises concurrent uploads, so no two attachments share a position."""
    Article.objects.select_for_update().filter(pk=article.pk).values_list("pk", flat=True).get()
    last = article.attachments.aggregate(last=Max("position"))["last"]
    stored = files.store(upload, user=user)
    return ArticleAttachment.objects.create(article=article, file=stored, position=0 if last is None else last + 1)


# --- Redaktion -------------------------------------------------------------------------------


def _tell_person(prefix: str, *, fachgebiet: Fachgebiet, user) -> None:
    """The person learns of a change to their Redaktion after commit: a rolled-back grant tells nobody."""
    if not user.is_admitted or not user.email:
        return
    context = {
        "person": user,
        "fachgebiet": fachgebiet,
        "fachgebiet_url": absolute_url(fachgebiet.get_absolute_url()),
        "review_url": absolute_url(fachgebiet.url("review_queue")),
    }
    _mail(prefix, context, [user.email])


@transaction.atomic
def editor_grant(*, fachgebiet: Fachgebiet, user, by, notify: bool = True) -> bool:
    """False if the user already belongs to the Redaktion. The person is told by mail unless
    `notify` is off (demo data, imports)."""
    if not user.is_admitted:
        raise WorkflowError("Nur zugelassene Nutzerinnen und Nutzer können zur Redaktion gehören.")
    Fachgebiet.objects.select_for_update().get(pk=fachgebiet.pk)
    if access.editors_of(fachgebiet).filter(pk=user.pk).exists():
        return False
    assign_perm(f"fachgebiete.{access.PERMISSION}", user, fachgebiet)
    audit_record(
        kind=AuditEvent.Kind.EDITOR_GRANTED,
        actor=by,
        subject=user,
        detail={"area": fachgebiet.name},
        bereich=fachgebiet.audit_bereich,
    )
    mfa_role_granted(user)
    if notify:
        _tell_person("editor_granted", fachgebiet=fachgebiet, user=user)
    return True


@transaction.atomic
def editor_revoke(*, fachgebiet: Fachgebiet, user, by, notify: bool = True) -> bool:
    """False if the user had no direct grant."""
    Fachgebiet.objects.select_for_update().get(pk=fachgebiet.pk)
    deleted, _ = remove_perm(f"fachgebiete.{access.PERMISSION}", user, fachgebiet)
    if not deleted:
        return False
    audit_record(
        kind=AuditEvent.Kind.EDITOR_REVOKED,
        actor=by,
        subject=user,
        detail={"area": fachgebiet.name},
        bereich=fachgebiet.audit_bereich,
    )
    if notify:
        _tell_person("editor_revoked", fachgebiet=fachgebiet, user=user)
    return True
