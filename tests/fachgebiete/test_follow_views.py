"""Following a Fachgebiet: start, change, stop, and the list "Meine Abonnements"."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from benachrichtigungen.models import Frequency, Subscription
from partner.services import account_deactivate
from tests.helpers import count_queries, main_text

FOLLOWS = reverse("fachgebiete:follows")
ROLES = ["member", "outsider", "editor", "office"]


def _follow_url(fachgebiet) -> str:
    return reverse("fachgebiete:follow", kwargs={"slug": fachgebiet.slug})


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_anonymous_is_sent_to_login(client, shisha):
    for response in (
        client.post(_follow_url(shisha), {"aktion": "folgen", "haeufigkeit": "weekly"}),
        client.get(FOLLOWS),
    ):
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_every_admitted_user_may_follow(role, login, shisha, request):
    response = login(role).post(
        _follow_url(shisha), {"aktion": "folgen", "haeufigkeit": "weekly", "next": "/fachgebiete/shisha/"}
    )
    assert response.status_code == 302 and response["Location"] == "/fachgebiete/shisha/"
    follow = Subscription.objects.get()
    assert follow.user == request.getfixturevalue(role)
    assert follow.frequency == Frequency.WEEKLY
    assert "Sie folgen jetzt dem Fachgebiet „Shisha“" in _messages(response)[0]


def test_follow_immediately(login, member, shisha):
    login("member").post(_follow_url(shisha), {"aktion": "folgen", "haeufigkeit": "immediate"})
    assert Subscription.objects.get(user=member).frequency == Frequency.IMMEDIATE


def test_following_twice_keeps_one_follow(login, member, shisha):
    client = login("member")
    client.post(_follow_url(shisha), {"aktion": "folgen", "haeufigkeit": "weekly"})
    response = client.post(_follow_url(shisha), {"aktion": "folgen", "haeufigkeit": "weekly"})
    assert Subscription.objects.filter(user=member).count() == 1
    assert "bereits" in _messages(response)[-1]


def test_change_frequency(login, member, shisha):
    Subscription.objects.create(user=member, topic=shisha, frequency=Frequency.WEEKLY)
    response = login("member").post(_follow_url(shisha), {"aktion": "aendern", "haeufigkeit": "immediate"})
    assert Subscription.objects.get(user=member).frequency == Frequency.IMMEDIATE
    assert "geändert" in _messages(response)[0]


@pytest.mark.parametrize("frequency", ["", "daily", "IMMEDIATE", "<script>"])
def test_invalid_frequency_is_refused(frequency, login, member, shisha):
    response = login("member").post(_follow_url(shisha), {"aktion": "folgen", "haeufigkeit": frequency})
    assert response.status_code == 302
    assert not Subscription.objects.exists()
    assert "Bitte wählen Sie" in _messages(response)[0]


def test_invalid_frequency_does_not_change_a_follow(login, member, shisha):
    Subscription.objects.create(user=member, topic=shisha, frequency=Frequency.WEEKLY)
    login("member").post(_follow_url(shisha), {"aktion": "aendern", "haeufigkeit": "stündlich"})
    assert Subscription.objects.get().frequency == Frequency.WEEKLY


def test_unknown_action_is_refused(login, shisha):
    response = login("member").post(_follow_url(shisha), {"aktion": "loeschen", "haeufigkeit": "weekly"})
    assert not Subscription.objects.exists()
    assert "unbekannt" in _messages(response)[0]


def test_stop_following(login, member, shisha):
    Subscription.objects.create(user=member, topic=shisha, frequency=Frequency.WEEKLY)
    response = login("member").post(_follow_url(shisha), {"aktion": "beenden"})
    assert not Subscription.objects.exists()
    assert "nicht mehr" in _messages(response)[0]


def test_stop_when_not_following_says_so(login, shisha):
    response = login("member").post(_follow_url(shisha), {"aktion": "beenden"})
    assert response.status_code == 302
    assert "Sie folgen dem Fachgebiet „Shisha“ nicht." in _messages(response)


def test_stopping_touches_only_ones_own_follow(login, member, shisha):
    Subscription.objects.create(user=member, topic=shisha, frequency=Frequency.WEEKLY)
    login("outsider").post(_follow_url(shisha), {"aktion": "beenden"})
    assert Subscription.objects.filter(user=member).exists()


def test_unknown_fachgebiet_is_404(login, db):
    response = login("member").post(
        reverse("fachgebiete:follow", kwargs={"slug": "gibt-es-nicht"}), {"aktion": "beenden"}
    )
    assert response.status_code == 404


def test_get_is_not_allowed(login, shisha):
    assert login("member").get(_follow_url(shisha)).status_code == 405


def test_foreign_next_is_ignored(login, shisha):
    response = login("member").post(
        _follow_url(shisha), {"aktion": "folgen", "haeufigkeit": "weekly", "next": "https://boese.example/"}
    )
    assert response["Location"] == FOLLOWS


def test_a_rubrik_can_be_followed(login, member, db):
    from fachgebiete.models import Fachgebiet

    rubrik = Fachgebiet.objects.get(slug="praevention")
    login("member").post(_follow_url(rubrik), {"aktion": "folgen", "haeufigkeit": "immediate"})
    assert Subscription.objects.filter(user=member, fachgebiet=rubrik).exists()


# --- Meine Abonnements ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_own_follows_only(role, login, request, shisha, gluecksspiel, outsider, member):
    user = request.getfixturevalue(role)
    other = outsider if user != outsider else member
    Subscription.objects.create(user=user, topic=shisha, frequency=Frequency.IMMEDIATE)
    Subscription.objects.create(user=other, topic=gluecksspiel, frequency=Frequency.WEEKLY)
    text = main_text(login(role).get(FOLLOWS))
    assert "Shisha" in text and "Glücksspiel" not in text
    assert '<option value="immediate" selected>' in text


def test_list_empty_state(login, db):
    assert "Sie folgen noch keinem Fachgebiet." in main_text(login("member").get(FOLLOWS))


def test_list_query_count_does_not_grow(login, member, db):
    from fachgebiete.models import Fachgebiet

    client = login("member")
    Subscription.objects.create(user=member, topic=Fachgebiet.objects.create(name="F0", slug="f0"), frequency="weekly")
    small = count_queries(client, FOLLOWS)
    for n in range(1, 20):
        fachgebiet = Fachgebiet.objects.create(name=f"F{n}", slug=f"f{n}")
        Subscription.objects.create(user=member, topic=fachgebiet, frequency="immediate")
    assert count_queries(client, FOLLOWS) == small


def test_profile_lists_follows(login, member, shisha):
    Subscription.objects.create(user=member, topic=shisha, frequency=Frequency.WEEKLY)
    text = main_text(login("member").get(reverse("partner:profile")))
    assert "Fachgebiete, denen Sie folgen" in text
    assert "Shisha: wöchentliche Zusammenfassung" in text


# --- The button on the Fachgebiet page ------------------------------------------------------------


def _button(user, fachgebiet, follow) -> str:
    request = RequestFactory().get("/fachgebiete/shisha/")
    request.user = user
    return render_to_string(
        "fachgebiete/follow_button.html", {"fachgebiet": fachgebiet, "follow": follow}, request=request
    )


def test_button_offers_to_follow(member, shisha):
    html = _button(member, shisha, None)
    assert 'value="folgen"' in html and 'value="beenden"' not in html
    assert 'name="next" value="/fachgebiete/shisha/"' in html


def test_button_offers_change_and_stop(member, shisha):
    follow = Subscription.objects.create(user=member, topic=shisha, frequency=Frequency.IMMEDIATE)
    html = _button(member, shisha, follow)
    assert 'value="aendern"' in html and 'value="beenden"' in html
    assert 'value="immediate" id="folgen-shisha-sofort" checked' in html


# --- Deactivation -------------------------------------------------------------------------------


def test_deactivated_account_loses_its_follows(
    member, office, shisha, gluecksspiel, django_capture_on_commit_callbacks
):
    Subscription.objects.create(user=member, topic=shisha, frequency=Frequency.WEEKLY)
    Subscription.objects.create(user=member, topic=gluecksspiel, frequency=Frequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        account_deactivate(user=member, decided_by=office, reason="Versetzt")
    assert not Subscription.objects.filter(user=member).exists()


def test_fachgebiet_page_offers_to_follow_and_to_stop(login, member, shisha):
    client = login("member")
    assert 'value="folgen"' in main_text(client.get(shisha.get_absolute_url()))
    client.post(_follow_url(shisha), {"aktion": "folgen", "haeufigkeit": "weekly"})
    text = main_text(client.get(shisha.get_absolute_url()))
    assert "Sie folgen diesem Fachgebiet: wöchentliche Zusammenfassung." in text
    assert 'value="beenden"' in text


@pytest.mark.parametrize("target", ["0", "abc", "home", "//boese.example/", "javascript:alert(1)"])
def test_a_next_that_is_no_local_path_goes_to_the_list(target, login, shisha):
    """ "0" and "abc" were reversed as URL names: NoReverseMatch, a 500."""
    response = login("member").post(_follow_url(shisha), {"aktion": "folgen", "haeufigkeit": "weekly", "next": target})
    assert response.status_code == 302 and response["Location"] == FOLLOWS
    assert Subscription.objects.filter(fachgebiet=shisha).count() == 1
