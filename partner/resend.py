"""Sending failed mail tasks again (`manage.py mail_resend`).

The mails of partner/tasks.py are not retried by the queue: a mail server that refused leaves the
task failed (counted in /metrics as siko_tasks_failed{queue="mail"}, logged with its request id).
Once the cause is fixed, the operator sends them again. Each failed task is repeated at most once:
the new task carries `resend_of=<id of the failed task>`, and a failed task that already has such a
successor is skipped, so running the command twice (or on two machines at once: the failed row is
locked first) sends nothing twice. If the repetition fails as well, it is itself a failed task
that the next run repeats. A decision mail is additionally sent only while its decision has no
`notified_at` (the office may have resent it from the account page in the meantime).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from common.mail import MAIL_QUEUE
from common.tasks import send_rendered_mail

from .tasks import send_decision_mail

# The tasks whose failures may be repeated as they were: each sends one mail and is idempotent per
# task (a failed send sent nothing) or per record (a decision).
RESENDABLE = {task.module_path: task for task in (send_rendered_mail, send_decision_mail)}


@dataclass
class ResendResult:
    resent: list[str] = field(default_factory=list)  # ids of the failed tasks repeated now
    skipped: int = 0  # failed tasks already repeated earlier


def failed_mail_tasks(*, since: datetime.datetime | None = None):
    failed = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, queue_name=MAIL_QUEUE, task_path__in=list(RESENDABLE)
    )
    if since is not None:
        failed = failed.filter(enqueued_at__gte=since)
    return failed.order_by("enqueued_at")


def _already_resent(task_id: str) -> bool:
    return DBTaskResult.objects.filter(task_path__in=list(RESENDABLE), args_kwargs__kwargs__resend_of=task_id).exists()


def unresent_failed_mails() -> int:
    """Failed mail tasks nobody has repeated yet (/metrics: siko_mails_unsent): what an operator's
    alert should look at, since the failed rows themselves stay until the prune deadline. One query."""
    rows = DBTaskResult.objects.filter(task_path__in=list(RESENDABLE), queue_name=MAIL_QUEUE).filter(
        Q(status=TaskResultStatus.FAILED) | Q(args_kwargs__kwargs__resend_of__isnull=False)
    )
    failed, repeated = set(), set()
    for task_id, status, resend_of in rows.values_list("id", "status", "args_kwargs__kwargs__resend_of"):
        if status == TaskResultStatus.FAILED:
            failed.add(str(task_id))
        if resend_of:
            repeated.add(str(resend_of))
    return len(failed - repeated)


def resend_failed(*, days: float | None = None, dry_run: bool = False) -> ResendResult:
    """Enqueue every failed mail task (of the last `days`, or all) once more; see the module docstring."""
    since = timezone.now() - datetime.timedelta(days=days) if days is not None else None
    result = ResendResult()
    for task_id in failed_mail_tasks(since=since).values_list("id", flat=True):
        with transaction.atomic():
            # Locked: a second run waits here and then finds the successor.
            failed = DBTaskResult.objects.select_for_update().get(pk=task_id)
            if _already_resent(str(failed.pk)):
                result.skipped += 1
                continue
            if not dry_run:
                arguments = failed.args_kwargs
                kwargs = {**arguments.get("kwargs", {}), "resend_of": str(failed.pk)}
                # In this transaction: the database queue's row and the lock commit together.
                RESENDABLE[failed.task_path].enqueue(*arguments.get("args", []), **kwargs)
            result.resent.append(str(failed.pk))
    return result
