"""A new SECRET_KEY does not break the unsubscribe links of newsletters already sent.

The old key stays in SECRET_KEY_FALLBACKS (production: DJANGO_SECRET_KEY_FALLBACKS, read in
tests/sikoportal/test_production_settings.py); without it an old link is refused cleanly.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from newsletter import tokens
from newsletter.models import Subscriber

from ..helpers import main_text

pytestmark = pytest.mark.django_db

OLD_KEY = "alter-schluessel-" + "a1B2c3D4e5" * 5
NEW_KEY = "neuer-schluessel-" + "Z9y8X7w6V5" * 5


@pytest.fixture
def mailed_link(settings, make_subscriber) -> tuple[Subscriber, str]:
    """The unsubscribe link of a newsletter sent before the rotation, signed with the old key."""
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD_KEY, []
    subscriber = make_subscriber("altes-abo@bochum.de")
    return subscriber, reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)])


def test_an_old_unsubscribe_link_works_after_a_rotation_with_the_old_key_as_fallback(client, settings, mailed_link):
    subscriber, url = mailed_link
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    assert "Newsletter abbestellen" in main_text(client.get(url))
    assert "Sie haben den Newsletter abbestellt" in main_text(client.post(url))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_after_a_rotation_new_links_need_no_fallback(client, settings, mailed_link):
    subscriber, old_url = mailed_link
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    new_url = reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)])
    assert new_url != old_url
    settings.SECRET_KEY_FALLBACKS = []  # the old key dropped later: links mailed since then still work
    assert "Sie haben den Newsletter abbestellt" in main_text(client.post(new_url))


@pytest.mark.parametrize("method", ["get", "post"])
def test_without_the_fallback_an_old_link_is_refused_with_a_german_page(client, settings, mailed_link, method):
    subscriber, url = mailed_link
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []
    response = getattr(client, method)(url)
    assert response.status_code == 200
    assert "Dieser Abmeldelink ist ungültig" in main_text(response)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
