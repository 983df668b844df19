"""Who sees and who changes an entry of "Wer ist zuständig?": the one access helper of the views.

Seeing: every admitted member (`Zustaendigkeit.objects.visible_to`). Changing: the person herself,
the contact persons of her authority, the Geschäftsstelle (`maintained_by` / `can_be_changed_by`).
An entry the person may not see answers 404; one she sees but may not change answers 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Zustaendigkeit


def entry_for(request, pk: int, *, write: bool = False) -> Zustaendigkeit:
    entry = get_object_or_404(Zustaendigkeit.objects.visible_to(request.user).for_page(), pk=pk)
    if write and not entry.can_be_changed_by(request.user):
        raise PermissionDenied(
            "Diese Zuständigkeit pflegen die Person selbst, die Ansprechpersonen ihrer Behörde und die Geschäftsstelle."
        )
    return entry
