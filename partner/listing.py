""" "Behörden & Institutionen": filter form and rows cached for every reader (common.fragments).

The list shows the same to every admitted person: active authorities only, their name, type,
partnership, town, date of joining and number of contact persons (admitted accounts marked as
contact person); the filter offers the towns of the active authorities. Nothing depends on the
reader, so the key needs no permission set.

Invalidation: the list's generation (common.generations) is stored with every entry, and an entry
is used only under the current generation (common.fragments.cached_list). It changes with
every save or delete of an authority (any field: name, short name, slug, type, town, active flag …)
and with every save or delete of an account that may change a contact count – unless the save
names its fields and none of `COUNTED_USER_FIELDS` is among them (a login's `last_login`, a
recertification's date). The generation is read together with the entries and the rights
generation that the navigation reads anyway: one cache read for all.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from common import generations
from common.fragments import cached_list

from .filters import PartnerFilter
from .models import Partner, User

GENERATION_KEY = "siko:partner-list-generation"
ROW_TEMPLATE = "partner/rows/partner.html"
# What the contact count (`PartnerQuerySet.with_contact_count`) reads from an account.
COUNTED_USER_FIELDS = {"partner", "partner_id", "is_contact_person", "status"}


def cached_partner_list(request):
    """(the rendered filter form, the `common.fragments.Listing` of the requested page)."""
    partners = Partner.objects.active().with_contact_count().order_by("name")
    return cached_list(request, "siko:partner-list", PartnerFilter, partners, ROW_TEMPLATE, generation=GENERATION_KEY)


def bump() -> None:
    """The one helper for "the list has changed" (signals; code that writes past them calls it)."""
    generations.changed(GENERATION_KEY)


_partner_changed = generations.receiver(GENERATION_KEY)


def _user_changed(sender, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not COUNTED_USER_FIELDS.intersection(update_fields):
        return
    bump()


def connect() -> None:
    """Called from PartnerConfig.ready()."""
    for model, receiver in ((Partner, _partner_changed), (User, _user_changed)):
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(receiver, sender=model, dispatch_uid=f"siko-partner-list-{name}-{model.__name__}")
