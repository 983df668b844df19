"""The request id (and user id) of the request that enqueued a task, recorded with the task and
used by the worker's log lines while the task runs (sikoportal.logs).

Recorded in the task row itself: django-tasks-db stores `{"args": …, "kwargs": …}` and reads only
those two keys back, so a third key "context" travels with the row without touching any task's
signature. Connected in SikoportalConfig.ready.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django_tasks import signals as django_tasks_signals
from django_tasks.signals import task_finished, task_started
from django_tasks_db.models import DBTaskResult

from .logs import current_user_id, request_id_var, user_id_var

CONTEXT_KEY = "context"


@receiver(pre_save, sender=DBTaskResult, dispatch_uid="siko_task_context_record")
def record_context(sender, instance: DBTaskResult, **kwargs: Any) -> None:
    if not instance._state.adding or not isinstance(instance.args_kwargs, dict):
        return
    request_id = request_id_var.get()
    if request_id and CONTEXT_KEY not in instance.args_kwargs:
        instance.args_kwargs[CONTEXT_KEY] = {"request_id": request_id, "user_id": current_user_id()}


def task_context(task_result) -> dict[str, Any]:
    """What the enqueuing request left in the task row ({} for tasks run inline or enqueued elsewhere)."""
    db_result = getattr(task_result, "db_result", None)
    args_kwargs = getattr(db_result, "args_kwargs", None)
    context = args_kwargs.get(CONTEXT_KEY) if isinstance(args_kwargs, dict) else None
    return context if isinstance(context, dict) else {}


@receiver(task_started, dispatch_uid="siko_task_context_start")
def log_with_context(sender, task_result, **kwargs: Any) -> None:
    context = task_context(task_result)
    if context:
        request_id_var.set(context.get("request_id"))
        user_id_var.set(context.get("user_id"))


# django-tasks logs "Task … state=RUNNING" from a receiver connected before ours: connected again
# after ours, that line carries the context as well.
task_started.disconnect(django_tasks_signals.log_task_started)
task_started.connect(django_tasks_signals.log_task_started)


@receiver(task_finished, dispatch_uid="siko_task_context_end")
def forget_context(sender, task_result, **kwargs: Any) -> None:
    if task_context(task_result):
        request_id_var.set(None)
        user_id_var.set(None)
