"""The start page keeps each person's Lagebilder to acknowledge and next events
(sikoportal.announcements): under her id, admission, authority and areas, for the current
announcements generation (zielgruppen.announcements), the events only until the first shown one
is over. Every change that can alter the cards shows on the next page; nobody gets another
person's cards; a page from the cache is the page rendered fresh."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from facharbeitskreise import services as arbeitskreis_services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis
from lagebilder import services as lagebild_services
from partner.models import PartnerType
from tests.lagebilder.conftest import lagebild
from tests.veranstaltungen.conftest import make_event
from veranstaltungen.models import Event
from zielgruppen.forms import AudienceForm
from zielgruppen.models import Scope

from ..helpers import main_text, make_audience
from .test_home_news import ago, event, logged_in
from .test_home_overview import meeting

pytestmark = pytest.mark.django_db


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return main_text(response)


def tasks(client, user) -> str:
    text = page(client, user)
    return text[: text.index('id="sitzungen-heading"')]


def events(client, user) -> str:
    text = page(client, user)
    return text[text.index('id="veranstaltungen-heading"') : text.index('id="bereiche-heading"')]


def test_a_new_lagebild_shows_on_the_next_page(client, member, office):
    assert "Lagebild Süd" not in tasks(client, member)
    lagebild("Lagebild Süd", office=office)
    assert "Lagebild Süd" in tasks(client, member)


def test_an_acknowledged_or_withdrawn_lagebild_leaves_at_once(client, member, office):
    first, second = lagebild("Erstes Lagebild", office=office), lagebild("Zweites Lagebild", office=office)
    assert "Erstes Lagebild" in tasks(client, member) and "Zweites Lagebild" in tasks(client, member)
    lagebild_services.acknowledge(lagebild=first, user=member)
    assert "Erstes Lagebild" not in tasks(client, member) and "Zweites Lagebild" in tasks(client, member)
    lagebild_services.lagebild_withdraw(lagebild=second, reason="Überholt.", user=office)
    assert "Zweites Lagebild" not in tasks(client, member)


def test_a_changed_audience_or_authority_type_reaches_the_person_at_once(client, member, office, polizei):
    """member works for Stadt Essen (a Kommune)."""
    item = lagebild("Nur für das LKA", Scope.PARTNER, office=office, partners=[polizei])
    assert "Nur für das LKA" not in tasks(client, member)
    item.audience.partners.add(member.partner)  # m2m_changed
    assert "Nur für das LKA" in tasks(client, member)
    form = AudienceForm(data={"scope": Scope.BEHOERDENARTEN, "types": [PartnerType.ZOLL]}, instance=item.audience)
    assert form.is_valid(), form.errors
    form.save()  # the types come with bulk_create
    assert "Nur für das LKA" not in tasks(client, member)
    member.partner.type = PartnerType.ZOLL
    member.partner.save()
    assert "Nur für das LKA" in tasks(client, member)


def test_a_new_area_brings_its_events_and_leaving_it_takes_them(client, member, secret_arbeitskreis):
    make_event(make_audience(Scope.ARBEITSKREISE, arbeitskreise=[secret_arbeitskreis]), title="Verborgene Konferenz")
    assert "Verborgene Konferenz" not in events(client, member)
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    assert "Verborgene Konferenz" in events(client, member)
    arbeitskreis_services.role_revoke(arbeitskreis=secret_arbeitskreis, user=member, actor=None)
    assert "Verborgene Konferenz" not in events(client, member)


def test_nobody_gets_another_persons_cards(client, member, outsider, secret_arbeitskreis, office):
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    make_event(make_audience(Scope.ARBEITSKREISE, arbeitskreise=[secret_arbeitskreis]), title="Verborgene Konferenz")
    lagebild("Verborgenes Lagebild", Scope.ARBEITSKREISE, office=office, arbeitskreise=[secret_arbeitskreis])
    for _ in range(2):  # interleaved, each with a warm entry of her own
        assert "Verborgene Konferenz" in events(client, member)
        assert "Verborgenes Lagebild" in tasks(client, member)
        text = page(client, outsider)
        assert "Verborgene Konferenz" not in text and "Verborgenes Lagebild" not in text


def test_a_changed_or_cancelled_event_shows_at_once(client, member):
    event = make_event(title="Jahrestagung", days=3)
    assert "Jahrestagung" in events(client, member)
    event.status = Event.Status.CANCELLED
    event.save()
    assert 'Jahrestagung</a> <span class="kern-body--small">· abgesagt' in events(client, member)
    event.delete()
    assert "Jahrestagung" not in events(client, member)


def test_an_event_that_is_over_makes_room_for_the_next(client, member, monkeypatch):
    make_event(title="Erste", days=1, hours=6)
    for title, days in (("Zweite", 2), ("Dritte", 3), ("Vierte", 4)):
        make_event(title=title, days=days)
    text = events(client, member)
    assert "Erste" in text and "Vierte" not in text
    later = timezone.now() + timedelta(days=1, hours=7)  # the first event is over; nothing was saved
    monkeypatch.setattr(timezone, "now", lambda: later)
    text = events(client, member)
    assert "Erste" not in text and "Vierte" in text


def test_cards_from_the_cache_are_the_cards_rendered_fresh(client, member, office):
    for i in range(7):
        lagebild(f"Lagebild {i}", office=office)
    for i in range(4):
        make_event(title=f"Veranstaltung {i}", days=i + 1)
    client.force_login(member)
    cache.clear()
    fresh = main_text(client.get(reverse("home")))
    assert main_text(client.get(reverse("home"))) == fresh
    assert fresh.count("Lagebild ") >= 5 and "Veranstaltung 2" in fresh


def test_colleagues_with_the_same_reach_keep_their_own_acknowledgements(client, member, office, make_user):
    """Same authority, same areas: only the person's id tells their cards apart."""
    colleague = make_user("karl.kollege@essen.de")
    item = lagebild("Lagebild Clan-Strukturen", office=office)
    lagebild_services.acknowledge(lagebild=item, user=member)
    assert "Lagebild Clan-Strukturen" not in tasks(client, member)
    assert "Lagebild Clan-Strukturen" in tasks(client, colleague)
    assert "Lagebild Clan-Strukturen" not in tasks(client, member)


# --- The areas' news and next meetings (facharbeitskreise.recent.AREA_NEWS) ----------------------


def areas_news(client) -> str:
    text = main_text(client.get(reverse("home")))
    return text[text.index('id="sitzungen-heading"') : text.index('id="veranstaltungen-heading"')] + (
        text[text.index('id="neu-bereiche-heading"') :] if 'id="neu-bereiche-heading"' in text else ""
    )


@pytest.fixture
def in_secret(member, secret_arbeitskreis):
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    return secret_arbeitskreis


def test_new_area_news_and_meetings_show_on_the_next_page(client, member, in_secret, outsider):
    logged_in(client, member, previous=ago(days=1))
    assert "Protokoll Mai" not in areas_news(client) and "Sitzung Juni" not in areas_news(client)
    event(in_secret, "Protokoll Mai", actor=outsider)
    new_meeting = meeting(in_secret, "Sitzung Juni", days=3)
    text = areas_news(client)
    assert "Protokoll Mai" in text and "Sitzung Juni" in text
    new_meeting.delete()
    assert "Sitzung Juni" not in areas_news(client)


def test_news_before_the_last_login_stay_out_though_kept(client, member, in_secret, outsider):
    event(in_secret, "Alte Nachricht", actor=outsider, at=ago(hours=5))
    event(in_secret, "Neue Nachricht", actor=outsider, at=ago(hours=1))
    logged_in(client, member, previous=ago(hours=8))
    assert "Alte Nachricht" in areas_news(client) and "Neue Nachricht" in areas_news(client)
    logged_in(client, member, previous=ago(hours=3))  # nothing changed: the kept news are cut anew
    assert "Alte Nachricht" not in areas_news(client) and "Neue Nachricht" in areas_news(client)


def test_renamed_or_archived_areas_show_at_once_without_any_signal(client, member, in_secret):
    meeting(in_secret, "Sitzung Juni", days=3)
    logged_in(client, member)
    assert "· Projekt Verborgen" in areas_news(client)
    Arbeitskreis.objects.filter(pk=in_secret.pk).update(name="Projekt Umbenannt")  # no signal
    assert "· Projekt Umbenannt" in areas_news(client)
    Arbeitskreis.objects.filter(pk=in_secret.pk).update(is_archived=True)  # no signal: the key changes
    assert "Sitzung Juni" not in areas_news(client)


def test_leaving_an_area_takes_its_news_and_meetings(client, member, in_secret, outsider):
    event(in_secret, "Protokoll Mai", actor=outsider)
    meeting(in_secret, "Sitzung Juni", days=3)
    logged_in(client, member, previous=ago(days=1))
    assert "Protokoll Mai" in areas_news(client) and "Sitzung Juni" in areas_news(client)
    arbeitskreis_services.role_revoke(arbeitskreis=in_secret, user=member, actor=None)
    text = main_text(client.get(reverse("home")))
    assert "Protokoll Mai" not in text and "Sitzung Juni" not in text and "Projekt Verborgen" not in text


def test_a_meeting_that_is_over_makes_room_for_the_next(client, member, in_secret, monkeypatch):
    for title, days in (("Termin-1", 1), ("Termin-2", 2), ("Termin-3", 3), ("Termin-4", 4), ("Termin-5", 5)):
        meeting(in_secret, title, days=days)
    meeting(in_secret, "Termin-6", days=6)
    logged_in(client, member)
    assert "Termin-1" in areas_news(client) and "Termin-6" not in areas_news(client)
    later = timezone.now() + timedelta(days=1, hours=3)  # Termin-1 (two hours) is over
    monkeypatch.setattr(timezone, "now", lambda: later)
    logged_in(client, member)  # a day later: a new session (the old one timed out)
    text = areas_news(client)
    assert "Termin-1" not in text and "Termin-6" in text
