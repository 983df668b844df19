"""What an app supplies for the model people subscribe to: its recipient rule and its mails.

An app registers one `Topic` per subscribable model in its `AppConfig.ready()`. The outbox asks
it at record time who is concerned and again at send time who may still hear of the news — a
person who lost access in between gets nothing, and a closed area's title reaches nobody
outside it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models


class Topic:
    """Base of an app's topic; subclasses set `model` and implement the four methods."""

    model: type[models.Model]
    # How often a person hears of news without a subscription row: None = only subscribers
    # (Fachgebiete), IMMEDIATE = every member unless they chose otherwise (areas).
    default_frequency: str | None = None
    # False: the first digest comes one period after subscribing (Fachgebiete). True: the next
    # daily run sends it, joined to the user's other digests of this kind (areas).
    first_digest_backdate: bool = False

    def recipients(self, topic: models.Model, user_ids: Iterable[int] | None) -> set[int]:
        """Who may hear of news about `topic` now (among `user_ids`; None: everybody it concerns)."""
        raise NotImplementedError

    def topics(self, ids: Iterable[int]) -> dict[int, models.Model]:
        return self.model._default_manager.in_bulk(set(ids))

    def immediate_message(self, notice, topic: models.Model, connection) -> EmailMultiAlternatives:
        raise NotImplementedError

    def digest_message(self, user, frequency: str, entries: list, connection) -> EmailMultiAlternatives:
        """One digest; `entries` are (topic, notice) pairs in the order the news came."""
        raise NotImplementedError


_REGISTRY: dict[str, Topic] = {}


def register(topic: Topic) -> None:
    _REGISTRY[topic.model._meta.label_lower] = topic


def for_content_type(content_type_id: int) -> Topic | None:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return None if model is None else _REGISTRY.get(model._meta.label_lower)


def for_model(model: type[models.Model]) -> Topic:
    return _REGISTRY[model._meta.label_lower]
