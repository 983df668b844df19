"""Admission mails through a real SMTP server (aiosmtpd on 127.0.0.1): encoding and structure."""

from __future__ import annotations

import email
from email import policy

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admission_mail_arrives_well_formed(client, office, make_user, smtp):
    applicant = make_user("joerg.groessmann@essen.de", "verified", first_name="Jörg", last_name="Größmann")
    client.force_login(office)
    client.post(reverse("partner:account_admit", args=[applicant.pk]), {"admit-reason": ""})

    assert smtp.recipients == {"joerg.groessmann@essen.de": 1}
    ((_, raw),) = smtp.messages
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == "[SiKo Ruhr Portal] Ihr Zugang zum Portal ist freigeschaltet"
    assert message["From"] == "SiKo Ruhr Portal <portal@sikoruhr.nrw.de>"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Guten Tag Jörg Größmann," in text
    assert "https://portal.example.test/konto/login/" in text
    assert "Jörg Größmann" in html and 'href="https://portal.example.test/konto/login/"' in html


def test_refused_admission_mail_can_be_resent_once(client, office, applicant, smtp):
    smtp.refuse = {applicant.email}
    client.force_login(office)
    client.post(reverse("partner:account_admit", args=[applicant.pk]), {"admit-reason": ""})
    decision = applicant.decisions.get()
    assert decision.notified_at is None and smtp.accepted == 0

    smtp.refuse = set()
    url = reverse("partner:decision_notify", args=[applicant.pk, decision.pk])
    client.post(url)
    client.post(url)
    assert smtp.recipients == {applicant.email: 1}
