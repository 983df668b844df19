"""Accounts of the admin tests, besides the roles of the root conftest.

- office_staff is the Geschäftsstelle as `create_geschaeftsstelle` makes it: staff (may open
  /admin/), not superuser, with its group's permissions and TOTP set up;
- superuser is an operator of the portal: everything in the admin, TOTP set up;
- erika and emil are ordinary staff of the Stadt Essen (member is its contact person).

`smtp` is a real SMTP server (aiosmtpd on 127.0.0.1) that the mails of a test go to.
"""

from __future__ import annotations

import pytest

from devtools import smtp_sink
from partner.models import User


@pytest.fixture
def office_staff(office) -> User:
    office.is_staff = True
    office.save(update_fields=["is_staff"])
    return User.objects.get(pk=office.pk)


@pytest.fixture
def smtp(settings):
    sink = smtp_sink.Sink()
    with smtp_sink.running(sink) as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        yield sink


@pytest.fixture
def erika(make_user) -> User:
    return make_user("erika.essen@essen.de")


@pytest.fixture
def emil(make_user) -> User:
    return make_user("emil.essen@essen.de")
