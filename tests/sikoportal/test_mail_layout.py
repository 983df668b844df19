"""Every mail of the portal, text and HTML, has the one layout in templates/email/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = sorted(
    path
    for pattern in ("*/templates/*/email/*_message.*", "templates/account/email/base_message.txt")
    for path in ROOT.glob(pattern)
    if not path.is_relative_to(ROOT / "node_modules")
)


def test_there_are_mails_to_check():
    assert len(MESSAGES) > 40


@pytest.mark.parametrize("path", MESSAGES, ids=[str(path.relative_to(ROOT)) for path in MESSAGES])
def test_each_mail_extends_the_layout(path):
    kind = path.suffix  # .txt or .html
    assert path.read_text().startswith(f'{{% extends "email/base_message{kind}" %}}'), path


@pytest.mark.django_db
def test_an_allauth_mail_has_the_greeting_and_the_office_footer(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})
    body = mail.outbox[-1].body
    assert body.startswith("Guten Tag,\n\n")
    assert "\n\nMit freundlichen Grüßen\nGeschäftsstelle der Sicherheitskooperation Ruhr\n\n--\n" in body
    assert "Telefon 0201 475892-0 · poststelle@sikoruhr.nrw.de" in body
