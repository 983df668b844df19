"""Leavers: an SSO account whose person no longer logs in through the authority's provider rests.

Someone who left the authority can no longer log in there, but the portal account (and, for a
linked account, its password) would live on. So an admitted account linked to a provider rests
when nobody logged in through that provider for `IdentityProvider.leaver_days` – counted from
the last SSO login, or from the admission/reactivation if that is later, so a reactivated
account gets the full period again. No warning mail: the person's mailbox at the authority is
usually gone with the person. Part of partner.recertification's daily run.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from allauth.socialaccount.models import SocialAccount
from django.db.models import F, Max, OuterRef, Subquery
from django.db.models.functions import Greatest

from ..models import SuspensionCause, User
from .models import IdentityProvider


def leavers(provider: IdentityProvider, now: datetime):
    last_sso = (
        SocialAccount.objects.filter(user=OuterRef("pk"), provider=provider.provider_id)
        .values("user")
        .annotate(last=Max("last_login"))
        .values("last")
    )
    return (
        User.objects.admitted()
        .filter(is_superuser=False, socialaccount__provider=provider.provider_id)
        .annotate(last_sso=Greatest(Subquery(last_sso), F("status_changed_at")))
        .filter(last_sso__lt=now - timedelta(days=provider.leaver_days))
        .distinct()
    )


def suspend_leavers(*, now: datetime, suspend) -> None:
    """`suspend(user, cause=, reason=)` is the daily run's own step (partner.recertification)."""
    for provider in IdentityProvider.objects.active().select_related("partner"):
        for user in leavers(provider, now):
            reason = (
                f"Sie haben sich seit mehr als {provider.leaver_days} Tagen nicht über den Anmeldedienst Ihrer "
                f"Behörde „{provider.partner}“ angemeldet."
            )
            suspend(user, cause=SuspensionCause.SSO_LEAVER, reason=reason)
