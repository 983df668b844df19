"""The office's contact details come from the settings, on pages, in mails and on the error page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from common.mail import render_mail
from common.office import office
from sikoportal import views

OTHER = {
    "SIKO_OFFICE_NAME": "Geschäftsstelle Testkooperation",
    "SIKO_OFFICE_ORGANISATION": "Testkooperation",
    "SIKO_OFFICE_STREET": "Beispielweg 1",
    "SIKO_OFFICE_CITY": "44135 Dortmund",
    "SIKO_OFFICE_PHONE": "0231 12345-6",
    "SIKO_OFFICE_EMAIL": "kontakt@test.example",
}
OLD = ["Müller-Breslau", "475892", "poststelle@sikoruhr.nrw.de", "45130 Essen"]


@pytest.fixture
def other_office(settings):
    for name, value in OTHER.items():
        setattr(settings, name, value)


def test_the_defaults_are_the_sikoruhr_office():
    contact = office()
    assert contact.postal_line == "Sicherheitskooperation Ruhr · Müller-Breslau-Straße 28 · 45130 Essen"
    assert (contact.phone, contact.phone_uri) == ("0201 475892-0", "tel:+492014758920")
    assert contact.email == "poststelle@sikoruhr.nrw.de"


@pytest.mark.parametrize(
    "phone, uri",
    [("0201 475892-0", "tel:+492014758920"), ("+49 231 12345", "tel:+4923112345"), ("0049 231 1", "tel:+492311")],
)
def test_the_phone_link_is_international(settings, phone, uri):
    settings.SIKO_OFFICE_PHONE = phone
    assert office().phone_uri == uri


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["impressum", "datenschutz", "barrierefreiheit"])
def test_the_legal_pages_show_the_configured_office(client, other_office, name):
    html = client.get(reverse(name)).content.decode()
    assert "Beispielweg 1" in html and "44135 Dortmund" in html
    assert 'href="tel:+49231123456"' in html and "mailto:kontakt@test.example" in html
    assert "Testkooperation · Beispielweg 1 · 44135 Dortmund" in html  # the footer
    assert not [old for old in OLD if old in html]


def test_the_error_page_shows_the_configured_office(rf: RequestFactory, other_office):
    response = views.server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "(0231 12345-6, kontakt@test.example)" in html


def test_a_portal_mail_signs_with_the_configured_office(other_office):
    context = {"applicant": {"get_full_name": "Lena Lehmann", "email": "lena@essen.de", "pk": 7}, "queue_url": "/x/"}
    rendered = render_mail("partner/email/new_application", context)
    for part in (rendered.text, rendered.html):
        assert "Geschäftsstelle Testkooperation" in part
        assert "Testkooperation · Beispielweg 1 · 44135 Dortmund" in part
        assert "kontakt@test.example" in part
        assert not [old for old in OLD if old in part]


@pytest.mark.django_db
def test_an_allauth_mail_signs_with_the_configured_office(client, member, other_office):
    client.post(reverse("account_reset_password"), {"email": member.email})
    (message,) = mail.outbox
    assert "Geschäftsstelle Testkooperation" in message.body
    assert "Telefon 0231 12345-6 · kontakt@test.example" in message.body
