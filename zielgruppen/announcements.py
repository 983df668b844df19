"""The announcements generation: moves on with every change of what reaches whom (issue 15).

The start page keeps, per person, the Lagebilder waiting for her acknowledgement and her next
events (`sikoportal.announcements`). What that depends on besides the person's own reach (her id,
admission, authority and areas, which are part of the key) changes the generation: any save or
delete of an audience, its authority types and its selections of authorities and areas (here), of
an authority (its type decides "Behördentypen"), of a Lagebild or an acknowledgement (lagebilder)
and of an event (veranstaltungen). Code that writes past the signals (`bulk_create`, `update()`)
calls `generations.changed(ANNOUNCEMENTS)` itself.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from common import generations

ANNOUNCEMENTS = "siko:announcements-generation"
announcements_changed = generations.receiver(ANNOUNCEMENTS)


def connect_models(*models, prefix: str) -> None:
    """Every save and delete of these models moves the generation on."""
    for model in models:
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(announcements_changed, sender=model, dispatch_uid=f"{prefix}-{name}-{model.__name__}")


def connect() -> None:
    """Called from ZielgruppenConfig.ready()."""
    from partner.models import Partner

    from .models import Audience, AudienceType

    connect_models(Audience, AudienceType, Partner, prefix="siko-announcements")
    for through in (Audience.partners.through, Audience.arbeitskreise.through):
        uid = f"siko-announcements-{through.__name__}"
        m2m_changed.connect(announcements_changed, sender=through, dispatch_uid=uid)
