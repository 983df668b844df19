"""„Meine Daten“ (Art. 15/20 DSGVO): the person's own data from every app, as HTML and JSON, and
nobody else's; behind a fresh password, never cached, recorded in the audit log."""

from __future__ import annotations

import json

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from facharbeitskreise import services as arbeitskreis_services
from facharbeitskreise.models import MembershipRequest
from fachgebiete.models import Article
from partner.models import AuditEvent

from ..conftest import PASSWORD, enrol_second_factor
from ..helpers import main_text
from .privacy_world import FOREIGN, build

pytestmark = pytest.mark.django_db

PAGES = ["partner:my_data", "partner:my_data_json"]


@pytest.fixture
def world(member, outsider, office):
    return build(member, outsider, office)


def reauthenticated(client, user):
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    return client


def exported(client) -> dict:
    response = client.get(reverse("partner:my_data_json"))
    assert response.status_code == 200
    return json.loads(response.content)["abschnitte"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", PAGES)
def test_applicant_is_sent_to_login(client, applicant, name):
    client.force_login(applicant)
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", PAGES)
def test_it_asks_for_the_password_first(client, member, name):
    client.force_login(member)
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.DATA_EXPORTED).exists()


def test_json_holds_the_members_data_from_every_app(client, member, world):
    sections = exported(reauthenticated(client, member))

    (profile,) = sections["profil"]["eintraege"]
    assert profile["email"] == member.email and profile["telefon"] == "0201 88-12345"
    assert profile["behoerde"] == "Stadt Essen" and profile["ansprechperson"] is True
    assert [row["titel"] for row in sections["fachgebiete_beitraege"]["eintraege"]] == [
        "Max: Probenahme bei Kontrollen"
    ]
    assert sections["arbeitskreise"]["eintraege"] == [{"bereich": "Facharbeitskreis Shisha", "rolle": "Mitglied"}]
    (post,) = sections["bereichsbeitraege"]["eintraege"]
    assert post["text"] == "Max antwortet: Termin passt" and post["thema"] == "Kontrollen im Sommer"
    assert sections["newsletter"]["eintraege"][0]["status"] == "angemeldet"
    assert sections["fachgebiete_abonnements"]["eintraege"][0]["fachgebiet"] == "Shisha"
    assert sections["anmeldeadressen"]["eintraege"] == [{"adresse": member.email, "primaer": True, "bestaetigt": True}]


def test_the_audit_part_names_nobody_else(client, member, world):
    rows = exported(reauthenticated(client, member))["protokoll"]["eintraege"]
    by_kind = {row["ereignis"]: row for row in rows}

    logins = [row for row in rows if row["ereignis"] == "Anmeldung"]
    assert {"ip_adresse": "192.0.2.10", "ausgefuehrt_von": "Sie selbst"}.items() <= logins[0].items()
    change = by_kind["Änderung der Anmeldeadresse veranlasst"]
    assert change["ausgefuehrt_von"].startswith("eine andere Person") and "max.neu@essen.de" in change["einzelheiten"]
    # What member did to outsider's account: the fact only.
    admin = by_kind["Änderung in der Administration"]
    assert admin["betroffen"] == "ein anderes Konto" and admin["einzelheiten"] == "" and admin["ip_adresse"] is None


@pytest.mark.parametrize("name", PAGES)
def test_no_other_persons_data_in_either_format(client, member, world, name):
    body = reauthenticated(client, member).get(reverse(name)).content.decode()
    assert "Max: Probenahme bei Kontrollen" in body
    for foreign in FOREIGN:
        assert foreign not in body, foreign


def test_the_lead_gets_their_own_data_and_not_the_members(client, outsider, member, world):
    enrol_second_factor(outsider)  # a Leitung needs a second factor
    sections = exported(reauthenticated(client, outsider))
    assert sections["arbeitskreise"]["eintraege"] == [{"bereich": "Facharbeitskreis Shisha", "rolle": "Leitung"}]
    body = json.dumps(sections, ensure_ascii=False)
    assert "Olga: Lagebild Bochum" in body and "Beitrag der Leitung zur Planung" in body
    for foreign in ["Max", "max.nutzer", "Termin passt", "192.0.2.10", "0201 88-12345"]:
        assert foreign not in body, foreign


def test_the_office_sees_its_second_factor_by_type_never_the_secret(client, office, world):
    sections = exported(reauthenticated(client, office))
    assert [row["art"] for row in sections["zweiter_faktor"]["eintraege"]] == ["Authenticator-App (TOTP)"]
    response = client.get(reverse("partner:my_data_json"))
    secret = Authenticator.objects.get(user=office, type=Authenticator.Type.TOTP).data["secret"]
    assert secret not in response.content.decode()
    # The office's own act on member's account: kind and time, not member's address.
    assert "max.neu@essen.de" not in response.content.decode()


def test_html_page_is_readable_printable_and_never_cached(client, member, world):
    response = reauthenticated(client, member).get(reverse("partner:my_data"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = main_text(response)
    assert "Meine Daten im SiKo Ruhr Portal" in text
    assert "Max antwortet: Termin passt" in text and "Facharbeitskreis Shisha" in text
    assert "Keine Einträge." in text  # no second factor, no sessions: an empty section says so
    assert reverse("partner:my_data_json") in text


def test_json_is_a_download_never_cached(client, member, world):
    response = reauthenticated(client, member).get(reverse("partner:my_data_json"))
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="siko-ruhr-meine-daten-')
    assert "no-store" in response["Cache-Control"]


def test_each_export_is_recorded(client, member, world):
    reauthenticated(client, member)
    client.get(reverse("partner:my_data"))
    client.get(reverse("partner:my_data_json"))
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.DATA_EXPORTED, subject=member, actor=member)
    assert sorted(event.detail["type"] for event in events) == ["HTML", "JSON"]


def test_a_removed_membership_is_no_longer_exported(client, member, outsider, world):
    arbeitskreis_services.role_revoke(arbeitskreis=world.arbeitskreis, user=member, actor=outsider)
    sections = exported(reauthenticated(client, member))
    assert sections["arbeitskreise"]["eintraege"] == []
    # The reply stays the member's own contribution.
    assert len(sections["bereichsbeitraege"]["eintraege"]) == 1


def test_reviews_and_lead_decisions_are_listed_without_whom_they_concerned(client, outsider, member, world):
    enrol_second_factor(outsider)
    Article.objects.filter(pk=world.member_article.pk).update(reviewed_by=outsider, reviewed_at=timezone.now())
    MembershipRequest.objects.create(
        arbeitskreis=world.arbeitskreis,
        user=member,
        reason="Max möchte mitlesen",
        status="accepted",
        decided_by=outsider,
        decided_at=timezone.now(),
    )
    sections = exported(reauthenticated(client, outsider))
    (review,) = sections["fachgebiete_pruefungen"]["eintraege"]
    assert review["titel"] == "Max: Probenahme bei Kontrollen" and review["fachgebiet"] == "Shisha"
    (decision,) = sections["leitung"]["eintraege"]
    assert decision["vorgang"] == "Mitgliedschaftsantrag entschieden" and decision["ergebnis"] == "angenommen"
    body = json.dumps(sections, ensure_ascii=False)
    assert "Max Muster" not in body and "max.nutzer" not in body and "Max möchte mitlesen" not in body
