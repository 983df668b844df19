"""Signed links for confirmation and unsubscription (django.core.signing).

A confirmation link carries the subscriber's key and the moment the subscription was
requested: it expires after SIKO_NEWSLETTER_CONFIRM_DAYS, and a newer request makes
older links void. An unsubscribe link never expires: one click must always work.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import Subscriber

_CONFIRM_SALT = "newsletter.confirm"
_UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def _stamp(subscriber: Subscriber) -> str:
    requested = subscriber.requested_at
    return f"{subscriber.key}:{int(requested.timestamp())}{requested.microsecond:06d}"


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign(_stamp(subscriber))


def subscriber_for_confirmation(token: str) -> Subscriber:
    """The subscriber a confirmation link belongs to; TokenExpired or TokenInvalid otherwise."""
    signer = signing.TimestampSigner(salt=_CONFIRM_SALT)
    try:
        value = signer.unsign(token, max_age=timedelta(days=settings.SIKO_NEWSLETTER_CONFIRM_DAYS))
    except signing.SignatureExpired:
        raise TokenExpired from None
    except signing.BadSignature:
        raise TokenInvalid from None
    key, _, stamp = value.partition(":")
    subscriber = Subscriber.objects.filter(key=key).select_related("user").first()
    if subscriber is None or _stamp(subscriber) != value:
        # Deleted meanwhile, or superseded by a newer request.
        raise TokenInvalid
    return subscriber


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.Signer(salt=_UNSUBSCRIBE_SALT).sign(str(subscriber.key))


def subscriber_for_unsubscribe(token: str) -> Subscriber | None:
    """The subscriber of an unsubscribe link, None if it no longer exists; TokenInvalid if forged."""
    try:
        key = signing.Signer(salt=_UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        raise TokenInvalid from None
    return Subscriber.objects.filter(key=key).select_related("user").first()
