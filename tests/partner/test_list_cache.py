"""The cached filter and rows of "Behörden & Institutionen" (partner.listing over common.fragments):
the same for every reader, renewed by every change of what the list shows, and a warm page runs no
query of the list."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from common.fragments import CACHED_PAGES
from partner.models import Partner, PartnerKind, PartnerType, User

from ..helpers import logged_in_client, main_text, recorded_sql

pytestmark = pytest.mark.django_db

URL = "/behoerden/"


def _row(response, name: str) -> str:
    """The table row of the authority `name`, its cells' texts joined by "|"."""
    html = main_text(response)
    for row in re.findall(r'<tr class="kern-table__row">(.*?)</tr>', html, re.S):
        if f">{name}</a>" in row:
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            return "|".join(re.sub(r"<[^>]+>", "", cell).strip() for cell in cells)
    return ""


def test_the_url_is_the_list():
    assert reverse("partner:list") == URL


def test_a_warm_page_is_the_page_the_database_gives_without_a_query_of_the_list(member, office, essen, polizei):
    reader = logged_in_client(member)
    with recorded_sql() as cold_queries:
        cold = main_text(reader.get(URL, {"kind": "netzwerk"}))
    logged_in_client(office).get(URL)  # the Geschäftsstelle's visit changes nothing for others
    with recorded_sql() as warm_queries:
        warm = main_text(reader.get(URL, {"kind": "netzwerk"}))
    assert warm == cold and "Landeskriminalamt NRW" in warm and "Stadt Essen</a>" not in warm
    assert [sql for sql in cold_queries if "partner_partner" in sql]
    assert not [sql for sql in warm_queries if "partner_partner" in sql]
    assert len(warm_queries) <= len(cold_queries) - 3  # the towns, the count and the rows


def test_the_list_follows_every_change_of_an_authority(member, essen, polizei):
    client = logged_in_client(member)
    assert _row(client.get(URL), "Stadt Essen") == "Stadt Essen|Kommune|Kooperationspartner|Essen|–nicht erfasst|1"
    essen.name, essen.city, essen.joined_on = "Stadt Essen (Ruhr)", "Essen-Mitte", datetime.date(2021, 3, 1)
    essen.type, essen.kind = PartnerType.KREIS, PartnerKind.NETZWERKPARTNER
    essen.save()
    page = client.get(URL)
    assert _row(page, "Stadt Essen (Ruhr)") == "Stadt Essen (Ruhr)|Kreis|Netzwerkpartner|Essen-Mitte|01.03.2021|1"
    assert '<option value="Essen-Mitte">' in main_text(page)  # the towns of the filter too
    polizei.is_active = False
    polizei.save()
    assert "Landeskriminalamt NRW" not in main_text(client.get(URL))
    Partner.objects.create(name="Kreis Wesel", slug="kreis-wesel", kind="kooperation", type="kreis", city="Wesel")
    assert _row(client.get(URL), "Kreis Wesel") == "Kreis Wesel|Kreis|Kooperationspartner|Wesel|–nicht erfasst|0"
    Partner.objects.get(slug="kreis-wesel").delete()
    assert "Kreis Wesel" not in main_text(client.get(URL))


def test_the_contact_count_follows_every_change_of_an_account(member, make_user, essen):
    client = logged_in_client(member)
    count = lambda: _row(client.get(URL), "Stadt Essen").rsplit("|", 1)[1]  # noqa: E731
    assert count() == "1"
    second = make_user("zweite.kontakt@essen.de", is_contact_person=True)
    assert count() == "2"
    second.is_contact_person = False
    second.save(update_fields=["is_contact_person"])
    assert count() == "1"
    second.is_contact_person = True
    second.status = User.Status.DEACTIVATED
    second.save()
    assert count() == "1"
    second.status = User.Status.ADMITTED
    second.save(update_fields=["status"])
    assert count() == "2"
    second.delete()
    assert count() == "1"


def test_a_save_of_other_fields_keeps_the_cache(member, essen):
    client = logged_in_client(member)
    client.get(URL)
    member.last_name = "Nur-Im-Profil"  # not shown on the list
    member.save(update_fields=["last_login", "last_name"])
    with recorded_sql() as queries:
        client.get(URL)
    assert not [sql for sql in queries if "partner_partner" in sql]


def test_page_number_and_filter_are_part_of_the_key(settings, member):
    settings.SIKO_PAGE_SIZE = 2
    for index in range(5):
        Partner.objects.create(name=f"Stadt {index}", slug=f"s-{index}", kind="kooperation", type="kommune", city="X")
    client = logged_in_client(member)
    for _ in range(2):  # cold, then warm: the same answers
        first, second = main_text(client.get(URL)), main_text(client.get(URL, {"seite": "2"}))
        assert "Stadt 0" in first and "Stadt 2" not in first and "Seite 1 von 3" in first
        assert "Stadt 2" in second and "Stadt 0" not in second and "Seite 2 von 3" in second
        assert "Seite 3 von 3" in main_text(client.get(URL, {"seite": "99"}))
        chosen = main_text(client.get(URL, {"q": "Stadt 4"}))
        assert "Stadt 4" in chosen and "Stadt 0" not in chosen and "1 Behörde oder Institution" in chosen
    assert CACHED_PAGES >= 2
