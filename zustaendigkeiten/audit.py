"""The audit log of the directory: what someone changes of another person's entry.

Who maintains her own entry is not logged (it is her own statement). The office or a contact
person creating, changing, confirming or deleting someone else's entry is: the person relies on
the entry naming her, so it must be traceable who did it (`partner.AuditEvent`, kinds
directory_*; retention like changes of rights)."""

from __future__ import annotations

from partner.audit import audit_record
from partner.models import AuditEvent

from .models import Zustaendigkeit

Kind = AuditEvent.Kind


def target(entry: Zustaendigkeit) -> str:
    return f"zustaendigkeiten.zustaendigkeit:{entry.pk}"


def snapshot(entry: Zustaendigkeit, names) -> dict:
    """The stored values of these fields (an m2m as a set of ids), to name what an edit changed."""
    values = {}
    for name in names:
        field = entry._meta.get_field(name)
        values[name] = (
            set(getattr(entry, name).values_list("pk", flat=True))
            if field.many_to_many
            else getattr(entry, field.attname)
        )
    return values


def changed_labels(entry: Zustaendigkeit, before: dict) -> list[str]:
    after = snapshot(entry, before)
    return [str(entry._meta.get_field(name).verbose_name) for name in before if before[name] != after[name]]


def record_for_other(kind: str, entry: Zustaendigkeit, *, by, former_person_id=None, **detail) -> None:
    """Record `kind` unless `by` is the entry's person (before and after the change)."""
    people = {entry.person_id, former_person_id or entry.person_id}
    if people == {by.pk}:
        return
    audit_record(
        kind=kind,
        actor=by,
        subject=entry.person,
        detail={
            "fachgebiet": str(entry.fachgebiet),
            "region": entry.get_region_display(),
            "behoerde": str(entry.partner),
            **detail,
        },
        target=target(entry),
    )
