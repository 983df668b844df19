"""The start page's "Neu im Portal": news since the previous login, open submissions and what
waits for the Redaktion, the Leitung and the Geschäftsstelle – each role sees its own part only.

- member follows Fachgebiete (or none), is a member of areas, submits contributions;
- outsider has no grant on any area, least of all the confidential one;
- editor is the Redaktion of Shisha; lead leads a confidential area; office is the Geschäftsstelle.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from benachrichtigungen.models import Frequency, Subscription
from facharbeitskreise import services as arbeitskreis_services
from facharbeitskreise.access import Role
from facharbeitskreise.models import AccessReview, Arbeitskreis, ArbeitskreisEvent, MembershipRequest
from fachgebiete.models import SECTION_MODELS, Article, Document, Fachgebiet, Rechtstatsache, Status
from partner.models import User
from sikoportal.models import Visit

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def contribution(model, fachgebiet, title: str, *, status=Status.PUBLISHED, published_at=None, author=None):
    """An item of one of the three sections; `title` is the Aktenzeichen for a Rechtstatsache."""
    fields = {"fachgebiet": fachgebiet, "status": status, "author": author}
    if status == Status.PUBLISHED:
        fields["published_at"] = published_at or ago(hours=1)
    else:
        fields["submitted_at"] = ago(hours=2)
    if model is Article:
        fields.update(kind=Article.Kind.ERFAHRUNGSBERICHT, title=title, summary="Kurz.", body="Text.")
    elif model is Document:
        fields.update(kind=Document.Kind.CHECKLISTE, title=title, description="Wofür.")
    else:
        fields.update(
            court="OVG NRW", aktenzeichen=title, decision_date=datetime.date(2025, 3, 1), headnote="Leitsatz."
        )
    return model.objects.create(**fields)


def logged_in(client, user, *, previous: datetime.datetime | None = None):
    """Log in (which records the visit); `previous` pretends an earlier login at that time."""
    client.force_login(user)
    if previous is not None:
        Visit.objects.filter(user=user).update(previous_login_at=previous)
    return client


def home_text(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return main_text(response)


def event(arbeitskreis, title: str, *, actor=None, at=None, kind=ArbeitskreisEvent.Kind.DOCUMENT) -> ArbeitskreisEvent:
    return ArbeitskreisEvent.objects.create(
        arbeitskreis=arbeitskreis,
        kind=kind,
        title=title,
        path=f"/arbeitskreise/{arbeitskreis.slug}/x/{title}/",
        actor=actor,
        created_at=at or ago(hours=1),
    )


# --- Who reaches the page -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "applicant", "deactivated"])
def test_only_admitted_users_reach_the_start_page(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- Since when -----------------------------------------------------------------------------


def test_first_login_shows_the_last_14_days(client, member, shisha):
    contribution(Article, shisha, "Neu vor drei Tagen", published_at=ago(days=3))
    contribution(Article, shisha, "Alt vor zwanzig Tagen", published_at=ago(days=20))
    text = home_text(logged_in(client, member))
    assert "in den letzten 14 Tagen" in text
    assert "Neu vor drei Tagen" in text
    assert "Alt vor zwanzig Tagen" not in text


def test_news_starts_at_the_previous_login(client, member, shisha):
    previous = ago(days=5)
    contribution(Article, shisha, "Vor der letzten Anmeldung", published_at=ago(days=6))
    contribution(Document, shisha, "Nach der letzten Anmeldung", published_at=ago(days=4))
    text = home_text(logged_in(client, member, previous=previous))
    local = timezone.localtime(previous)
    assert (
        f'seit Ihrer letzten Anmeldung am <time datetime="{local.isoformat(timespec="seconds")}">'
        f"{local:%d.%m.%Y} um {local:%H:%M} Uhr</time>"
    ) in text
    assert "Nach der letzten Anmeldung" in text
    assert "Vor der letzten Anmeldung" not in text
    assert "in den letzten 14 Tagen" not in text


def test_every_login_moves_the_previous_one(client, member):
    client.force_login(member)
    first = Visit.objects.get(user=member)
    assert first.previous_login_at is None
    client.logout()
    client.force_login(member)
    second = Visit.objects.get(user=member)
    assert second.previous_login_at == first.current_login_at
    assert second.current_login_at > first.current_login_at


def test_empty_state_names_the_period(client, member, shisha):
    text = home_text(logged_in(client, member, previous=ago(days=1)))
    assert "Keine neuen Beiträge seit Ihrer letzten Anmeldung am" in text


# --- Fachgebiete and rubrics ----------------------------------------------------------------


def test_without_follows_items_come_from_all_fachgebiete_and_rubrics(client, member, shisha, gluecksspiel):
    lagebilder = Fachgebiet.objects.get(slug="lagebilder")
    contribution(Article, shisha, "Kontrollbericht Shisha")
    contribution(Rechtstatsache, gluecksspiel, "4 B 123/25")
    contribution(Article, lagebilder, "Lagebild Ruhr 2025")
    text = home_text(logged_in(client, member))
    assert "Aus allen Fachgebieten und Rubriken" in text
    assert reverse("fachgebiete:follows") in text
    for title in ("Kontrollbericht Shisha", "OVG NRW, 4 B 123/25", "Lagebild Ruhr 2025"):
        assert title in text


def test_with_follows_only_the_followed_arbeitskreise_show(client, member, shisha, gluecksspiel):
    lagebilder = Fachgebiet.objects.get(slug="lagebilder")
    Subscription.objects.create(user=member, topic=shisha, frequency=Frequency.WEEKLY)
    Subscription.objects.create(user=member, topic=lagebilder, frequency=Frequency.WEEKLY)
    contribution(Document, shisha, "Checkliste Shisha")
    contribution(Article, lagebilder, "Lagebild Ruhr 2025")
    contribution(Article, gluecksspiel, "Spielhallen-Razzia")
    text = home_text(logged_in(client, member))
    assert "Aus den Fachgebieten und Rubriken, denen Sie folgen: Shisha, Lagebilder." in text
    assert "Abonnements verwalten" in text
    assert "Checkliste Shisha" in text and "Lagebild Ruhr 2025" in text
    assert "Spielhallen-Razzia" not in text


def test_at_most_ten_newest_first_with_type_fachgebiet_and_date(client, member, shisha):
    models = [Article, Document, Rechtstatsache]
    for i in range(12):
        contribution(models[i % 3], shisha, f"Eintrag-{i:02d}", published_at=ago(hours=12 - i))
    text = home_text(logged_in(client, member))
    shown = re.findall(r"Eintrag-(\d\d)", text)
    assert shown == [f"{i:02d}" for i in range(11, 1, -1)]
    # Teaser cards: type and Fachgebiet as preline, the title as heading, then the date.
    assert '<p class="kern-preline">Information · Shisha</p>' in text
    assert '<p class="kern-preline">Muster / Arbeitshilfe · Shisha</p>' in text
    assert '<p class="kern-preline">Rechtstatsache · Shisha</p>' in text
    assert "veröffentlicht am <time datetime=" in text
    assert text.count('class="kern-card kern-card--small kern-card--interactive"') == 10
    newest = Article.objects.get(title="Eintrag-09")
    assert f'href="{newest.get_absolute_url()}"' in text


def test_unpublished_items_are_no_news(client, member, outsider, shisha):
    contribution(Article, shisha, "Noch in Prüfung", status=Status.SUBMITTED, author=outsider)
    contribution(Article, shisha, "Zurückgezogen", status=Status.WITHDRAWN, author=outsider)
    text = home_text(logged_in(client, member))
    assert "Noch in Prüfung" not in text and "Zurückgezogen" not in text


# --- Areas ----------------------------------------------------------------------------------


def test_members_see_the_news_of_their_arbeitskreise_but_not_their_own(client, member, outsider, secret_arbeitskreis):
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=outsider, role=Role.MITGLIED, actor=None)
    event(secret_arbeitskreis, "Protokoll März", actor=outsider)
    event(secret_arbeitskreis, "Eigener Entwurf", actor=member)
    event(secret_arbeitskreis, "Sitzung vor langer Zeit", at=ago(days=30), kind=ArbeitskreisEvent.Kind.MEETING)
    text = home_text(logged_in(client, member))
    assert "Neues Dokument: <a" in text
    assert 'href="/arbeitskreise/verborgen/x/Protokoll März/">Protokoll März</a>' in text
    assert "· Projekt Verborgen ·" in text
    assert "Eigener Entwurf" not in text
    assert "Sitzung vor langer Zeit" not in text


def test_outsiders_never_see_a_confidential_arbeitskreis_or_its_news(client, outsider, member, secret_arbeitskreis):
    open_arbeitskreis = Arbeitskreis.objects.create(name="FAK Offen", slug="offen")
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    event(secret_arbeitskreis, "Geheimes Protokoll", actor=member)
    event(open_arbeitskreis, "Offenes Protokoll", actor=member)
    text = home_text(logged_in(client, outsider))
    assert "Geheimes Protokoll" not in text and "Projekt Verborgen" not in text
    assert "Offenes Protokoll" not in text, "news only from areas one is a member of"
    assert "Sie gehören noch keinem Facharbeitskreis und keinem Projekt an." in text


def test_news_stop_when_membership_ends(client, member, outsider, office, secret_arbeitskreis):
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    event(secret_arbeitskreis, "Protokoll April", actor=outsider)
    arbeitskreis_services.role_revoke(arbeitskreis=secret_arbeitskreis, user=member, actor=office)
    text = home_text(logged_in(client, member))
    assert "Protokoll April" not in text and "Projekt Verborgen" not in text


def test_arbeitskreis_news_shows_at_most_ten(client, member, outsider, secret_arbeitskreis):
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    for i in range(12):
        event(secret_arbeitskreis, f"Nachricht-{i:02d}", actor=outsider, at=ago(hours=12 - i))
    text = home_text(logged_in(client, member))
    assert re.findall(r">Nachricht-(\d\d)<", text) == [f"{i:02d}" for i in range(11, 1, -1)]


def test_member_of_arbeitskreise_without_news_gets_the_empty_state(client, member, secret_arbeitskreis):
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=member, role=Role.MITGLIED, actor=None)
    text = home_text(logged_in(client, member))
    assert "Keine Neuigkeiten aus Ihren Arbeitskreisen und Projekten in den letzten 14 Tagen." in text


# --- Own submissions ------------------------------------------------------------------------


def test_authors_see_their_open_submissions_only(client, member, outsider, shisha):
    submitted = contribution(Document, shisha, "Mein Muster", status=Status.SUBMITTED, author=member)
    returned = contribution(Article, shisha, "Mein Bericht", status=Status.RETURNED, author=member)
    contribution(Article, shisha, "Mein veröffentlichter Bericht", author=member, published_at=ago(days=40))
    contribution(Article, shisha, "Mein abgelehnter Bericht", status=Status.REJECTED, author=member)
    contribution(Article, shisha, "Fremder Entwurf", status=Status.SUBMITTED, author=outsider)
    text = home_text(logged_in(client, member))
    assert "Meine offenen Beiträge" in text
    assert "Mein Muster" in text and "eingereicht" in text
    assert "Mein Bericht" in text and "zurückgegeben" in text
    assert f'href="{returned.get_edit_url()}">Überarbeiten' in text
    assert f'href="{submitted.get_edit_url()}"' not in text
    assert "Mein veröffentlichter Bericht" not in text and "Mein abgelehnter Bericht" not in text
    assert "Fremder Entwurf" not in text
    assert reverse("fachgebiete:my_contributions") in text

    client.logout()
    other = home_text(logged_in(client, outsider))
    assert "Mein Muster" not in other and "Mein Bericht" not in other


def test_without_open_submissions_the_block_is_hidden(client, member):
    assert "Meine offenen Beiträge" not in home_text(logged_in(client, member))


def test_open_submissions_at_most_ten_newest_first(client, member, shisha):
    for i in range(12):
        item = contribution(Article, shisha, f"Entwurf-{i:02d}", status=Status.SUBMITTED, author=member)
        Article.objects.filter(pk=item.pk).update(submitted_at=ago(hours=12 - i))
    text = home_text(logged_in(client, member))
    assert re.findall(r">Entwurf-(\d\d)<", text) == [f"{i:02d}" for i in range(11, 1, -1)]
    assert "Weitere offene und alle übrigen Beiträge" in text


# --- Redaktion, Leitung, Geschäftsstelle ----------------------------------------------------


def test_editors_see_what_waits_in_their_fachgebiete(client, editor, member, shisha, gluecksspiel):
    contribution(Article, shisha, "Bericht A", status=Status.SUBMITTED, author=member)
    contribution(Rechtstatsache, shisha, "1 K 1/25", status=Status.SUBMITTED, author=member)
    contribution(Article, shisha, "Zurückgegeben", status=Status.RETURNED, author=member)
    contribution(Article, gluecksspiel, "Fremdes Fachgebiet", status=Status.SUBMITTED, author=member)
    text = home_text(logged_in(client, editor))
    assert 'id="redaktion-heading"' in text
    assert (
        f'<a class="kern-link" href="{reverse("fachgebiete:review_overview")}">2 Beiträge warten auf Ihre Prüfung.</a>'
        in text
    )
    assert 'id="gs-heading"' not in text


def test_editor_without_waiting_items(client, editor):
    assert "Zurzeit wartet kein Beitrag auf Ihre Prüfung." in home_text(logged_in(client, editor))


def test_members_see_no_task_blocks(client, member, shisha):
    contribution(Article, shisha, "Bericht A", status=Status.SUBMITTED, author=None)
    text = home_text(logged_in(client, member))
    for block in ("redaktion-heading", "leitung-heading", "gs-heading"):
        assert f'id="{block}"' not in text
    assert "warten" not in text


def test_leads_see_the_open_requests_of_their_arbeitskreise(client, lead, member, outsider, secret_arbeitskreis):
    other = Arbeitskreis.objects.create(name="FAK Fremd", slug="fremd")
    arbeitskreis_services.membership_request_create(
        arbeitskreis=secret_arbeitskreis, user=member, reason="Kontrollen in Essen."
    )
    arbeitskreis_services.membership_request_create(
        arbeitskreis=secret_arbeitskreis, user=outsider, reason="Ermittlungen."
    )
    arbeitskreis_services.membership_request_create(arbeitskreis=other, user=member, reason="Fremder Antrag.")
    text = home_text(logged_in(client, lead))
    url = reverse("facharbeitskreise:lead_requests", kwargs={"slug": secret_arbeitskreis.slug})
    assert f'<a class="kern-link" href="{url}">Projekt Verborgen: 2 offene Mitgliedschaftsanträge</a>' in text
    assert "FAK Fremd" not in text
    assert 'id="gs-heading"' not in text


def test_lead_without_requests(client, lead):
    text = home_text(logged_in(client, lead))
    assert "In den Bereichen, die Sie leiten, liegen zurzeit keine Mitgliedschaftsanträge vor." in text


def test_office_sees_the_four_counts(
    client, office, make_user, member, outsider, shisha, gluecksspiel, secret_arbeitskreis
):
    make_user("wartend1@essen.de", User.Status.VERIFIED)
    make_user("wartend2@essen.de", User.Status.VERIFIED)
    contribution(Article, shisha, "A", status=Status.SUBMITTED, author=member)
    contribution(Document, gluecksspiel, "B", status=Status.SUBMITTED, author=member)
    contribution(Rechtstatsache, gluecksspiel, "C", status=Status.SUBMITTED, author=member)
    other = Arbeitskreis.objects.create(name="FAK Zwei", slug="zwei")
    arbeitskreis_services.membership_request_create(arbeitskreis=secret_arbeitskreis, user=member, reason="Bitte.")
    arbeitskreis_services.membership_request_create(arbeitskreis=other, user=outsider, reason="Bitte.")
    MembershipRequest.objects.create(
        arbeitskreis=other, user=member, reason="Alt.", status=MembershipRequest.Status.DECLINED
    )
    AccessReview.objects.create(arbeitskreis=secret_arbeitskreis, due_at=NOW + datetime.timedelta(days=30))
    text = home_text(logged_in(client, office))
    assert "2 Zulassungsanträge warten auf Ihre Entscheidung." in text
    assert f'href="{reverse("partner:admission_list")}"' in text
    assert "3 Beiträge warten in den Fachgebieten auf eine Prüfung." in text
    assert "2 Mitgliedschaftsanträge sind in Arbeitskreisen und Projekten offen." in text
    assert f'href="{reverse("facharbeitskreise:office_arbeitskreis_list")}?offen=1"' in text
    assert "1 Zugriffsüberprüfung läuft." in text
    # Numbers only: the office reads no area's news and learns no confidential name here.
    assert "Projekt Verborgen" not in text
    assert 'id="redaktion-heading"' not in text


def test_office_with_nothing_pending(client, office):
    text = home_text(logged_in(client, office))
    assert "Zurzeit warten keine Zulassungsanträge auf eine Entscheidung." in text
    assert "Zurzeit wartet in den Fachgebieten kein Beitrag auf eine Prüfung." in text
    assert "Zurzeit ist in den Arbeitskreisen und Projekten kein Mitgliedschaftsantrag offen." in text
    assert "Zurzeit läuft keine Zugriffsüberprüfung." in text


# --- Accessibility --------------------------------------------------------------------------


def test_headings_form_a_hierarchy(client, editor, shisha, member):
    contribution(Article, shisha, "Offen", status=Status.SUBMITTED, author=editor)
    text = home_text(logged_in(client, editor))
    levels = [int(level) for level in re.findall(r"<h([1-6])", text)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert text.index("Neu im Portal") < text.index('id="fachgebiete-heading"')


# --- A fixed number of queries --------------------------------------------------------------


def _populate(user, *, n: int, tag: str, others, shisha) -> None:
    """n followed Fachgebiete with news, n areas the user leads with news and requests, n own
    submissions and n items waiting for the user's Redaktion."""
    author, requester = others
    for i in range(n):
        fachgebiet = Fachgebiet.objects.create(name=f"FG {tag}{i}", slug=f"fg-{tag}{i}", position=10 + i)
        Subscription.objects.create(user=user, topic=fachgebiet, frequency=Frequency.WEEKLY)
        for model in (Article, Document, Rechtstatsache):
            contribution(model, fachgebiet, f"{tag}{i}-{model.__name__}")
            contribution(model, shisha, f"{tag}{i}-{model.__name__}-eigen", status=Status.RETURNED, author=user)
            contribution(model, shisha, f"{tag}{i}-{model.__name__}-wartet", status=Status.SUBMITTED, author=author)
        arbeitskreis = Arbeitskreis.objects.create(name=f"AK {tag}{i}", slug=f"ak-{tag}{i}", is_confidential=i % 2 == 0)
        arbeitskreis_services.role_grant(arbeitskreis=arbeitskreis, user=user, role=Role.LEITUNG, actor=None)
        for kind in (ArbeitskreisEvent.Kind.DOCUMENT, ArbeitskreisEvent.Kind.MEETING, ArbeitskreisEvent.Kind.POST):
            event(arbeitskreis, f"{tag}{i}-{kind}", actor=author, kind=kind)
        arbeitskreis_services.membership_request_create(arbeitskreis=arbeitskreis, user=requester, reason="Bitte.")
        AccessReview.objects.create(arbeitskreis=arbeitskreis, due_at=NOW + datetime.timedelta(days=30))


@pytest.mark.parametrize("role", ["editor", "office"])
def test_start_page_runs_a_fixed_number_of_queries_whatever_the_content(
    client, request, role, shisha, member, outsider, make_user
):
    user = request.getfixturevalue(role)
    logged_in(client, user)
    _populate(user, n=1, tag="a", others=(member, outsider), shisha=shisha)
    make_user("wartend-a@essen.de", User.Status.VERIFIED)
    client.get(reverse("home"))  # warm caches (content types, permissions, each area's newest items)
    few = count_queries(client, reverse("home"))
    _populate(user, n=12, tag="b", others=(member, outsider), shisha=shisha)
    for i in range(10):
        make_user(f"wartend-b{i}@essen.de", User.Status.VERIFIED)
    # New content in 13 areas: their newest items are read anew, one query per section for all of
    # them, and the user's own open items (which sections hold any, then each of them); she is in
    # twelve more areas, so her Lagebilder, events, area news and meetings are asked anew (four).
    refill = len(SECTION_MODELS) + 1 + len(SECTION_MODELS) + 4
    assert count_queries(client, reverse("home")) == few + refill
    many = count_queries(client, reverse("home"))
    text = home_text(client)
    assert len(re.findall(r"<li>[^<]+: <a class=\"kern-link\" href=\"/arbeitskreise/", text)) == 10
    assert "Meine offenen Beiträge" in text
    assert many == few, (few, many)
