"""The start page's "Neu im Portal" from the shared cache (fachgebiete.fragments.cached_newest):
each area's newest published items are kept per content version for every reader; what a person
follows and since when stay hers. A change of content shows on the next page, nothing unpublished
ever reaches the cache, and a page from the cache is the page rendered fresh, byte for byte."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from benachrichtigungen.models import Frequency, Subscription
from fachgebiete.models import Article, Document, Fachgebiet, Rechtstatsache, Status

from ..helpers import count_queries, main_text
from .test_home_news import ago, contribution, logged_in

pytestmark = pytest.mark.django_db


def news(client) -> str:
    html = main_text(client.get(reverse("home")))
    return html[html.index('id="neu-heading"') : html.index('id="fachgebiete-heading"')]


def test_a_newly_published_item_shows_on_the_next_page(client, member, shisha):
    contribution(Article, shisha, "Erster Bericht")
    logged_in(client, member)
    assert "Erster Bericht" in news(client)  # the cache holds Shisha's newest items now
    contribution(Document, shisha, "Neue Checkliste")
    assert "Neue Checkliste" in news(client)


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.RETURNED])
def test_an_item_taken_back_leaves_at_once(client, member, shisha, status):
    item = contribution(Rechtstatsache, shisha, "1 K 2/24")
    logged_in(client, member)
    assert "1 K 2/24" in news(client)
    item.status = status
    item.save()
    assert "1 K 2/24" not in news(client)


def test_an_edited_title_and_a_deleted_item_show_at_once(client, member, shisha):
    item = contribution(Article, shisha, "Alter Titel")
    logged_in(client, member)
    assert "Alter Titel" in news(client)
    item.title = "Neuer Titel"
    item.save()
    assert "Neuer Titel" in news(client) and "Alter Titel" not in news(client)
    item.delete()
    assert "Neuer Titel" not in news(client)


def test_a_renamed_fachgebiet_shows_its_new_name(client, member, shisha):
    contribution(Article, shisha, "Bericht")
    logged_in(client, member)
    assert f"· {shisha.name}</p>" in news(client)
    shisha.name = "Shisha-Bars und Wettbüros"
    shisha.save()
    assert "· Shisha-Bars und Wettbüros</p>" in news(client)


@pytest.mark.parametrize("first", ["editor", "office"])
def test_what_waits_for_the_redaktion_never_reaches_a_member(client, request, member, shisha, first):
    """Redaktion and office fill the cache first; the member's page still shows published items only."""
    contribution(Article, shisha, "Veröffentlicht")
    for status in (Status.SUBMITTED, Status.RETURNED, Status.REJECTED, Status.WITHDRAWN):
        contribution(Document, shisha, f"Nicht veröffentlicht {status}", status=status)
    logged_in(client, request.getfixturevalue(first))
    assert "Veröffentlicht" in news(client) and "Nicht veröffentlicht" not in news(client)
    logged_in(client, member)
    text = news(client)
    assert "Veröffentlicht" in text and "Nicht veröffentlicht" not in text


def test_each_reader_gets_her_own_period_and_follows_from_the_shared_entries(client, member, outsider, shisha):
    other = Fachgebiet.objects.create(name="Glücksspiel", slug="gluecksspiel-test", position=5)
    contribution(Article, shisha, "Vor zwei Stunden", published_at=ago(hours=2))
    contribution(Article, other, "Vor einer Stunde", published_at=ago(hours=1))
    Subscription.objects.create(user=outsider, topic=other, frequency=Frequency.WEEKLY)
    logged_in(client, member, previous=ago(hours=3))
    assert "Vor zwei Stunden" in news(client) and "Vor einer Stunde" in news(client)
    logged_in(client, outsider, previous=ago(minutes=90))
    text = news(client)
    assert "Vor einer Stunde" in text and "Vor zwei Stunden" not in text
    assert "Aus den Fachgebieten und Rubriken, denen Sie folgen: Glücksspiel." in text
    logged_in(client, member, previous=ago(minutes=30))
    assert "Keine neuen Beiträge" in news(client)


def test_a_page_from_the_cache_is_the_page_rendered_fresh(client, member, shisha):
    for i in range(12):
        contribution((Article, Document, Rechtstatsache)[i % 3], shisha, f"Beitrag {i}", published_at=ago(hours=i + 1))
    logged_in(client, member)
    cache.clear()
    fresh = main_text(client.get(reverse("home")))
    cached = main_text(client.get(reverse("home")))
    assert cached == fresh
    assert news(client).count("kern-link--stretched") == 10


def test_news_of_many_areas_cost_one_cache_read_and_refill_in_one_query_per_section(client, member, shisha):
    logged_in(client, member)
    client.get(reverse("home"))
    few = count_queries(client, reverse("home"))
    for i in range(6):
        fachgebiet = Fachgebiet.objects.create(name=f"FG {i}", slug=f"fg-{i}", position=10 + i)
        contribution(Article, fachgebiet, f"Bericht {i}", published_at=ago(minutes=i + 1))
    # one query per section for the newest items, one for "any open items of mine?" (none)
    assert count_queries(client, reverse("home")) == few + 3 + 1
    assert count_queries(client, reverse("home")) == few


# --- "Meine offenen Beiträge": the author's own items, kept for her per content version ----------


def own(client) -> str:
    html = main_text(client.get(reverse("home")))
    if 'id="offene-beitraege-heading"' not in html:
        return ""
    start = html.index('id="offene-beitraege-heading"')
    return html[start : html.index("</section>", start)]


def test_a_decision_of_the_redaktion_shows_on_the_authors_next_page(client, member, shisha):
    item = contribution(Article, shisha, "Mein Entwurf", status=Status.SUBMITTED, author=member)
    logged_in(client, member)
    assert "Mein Entwurf" in own(client) and "Überarbeiten" not in own(client)
    item.status = Status.RETURNED
    item.save()
    assert "Überarbeiten<span" in own(client)
    item.status = Status.PUBLISHED
    item.published_at = ago(minutes=1)
    item.save()
    assert own(client) == ""


def test_a_new_submission_shows_at_once_and_only_to_its_author(client, member, outsider, shisha):
    logged_in(client, member)
    assert own(client) == ""
    contribution(Document, shisha, "Neue Checkliste", status=Status.SUBMITTED, author=member)
    assert "Neue Checkliste" in own(client)
    logged_in(client, outsider)  # same content versions: her own (empty) entry, not the member's
    assert own(client) == "" and "Neue Checkliste" not in main_text(client.get(reverse("home")))


def test_own_items_from_the_cache_are_the_items_rendered_fresh(client, member, shisha):
    for i, model in enumerate((Article, Document, Rechtstatsache)):
        contribution(model, shisha, f"Offen {i}", status=(Status.SUBMITTED, Status.RETURNED)[i % 2], author=member)
    logged_in(client, member)
    cache.clear()
    fresh = main_text(client.get(reverse("home")))
    assert main_text(client.get(reverse("home"))) == fresh
    assert own(client).count("<li>") == 3
