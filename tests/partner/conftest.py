"""Accounts of the admin tests, besides the roles of the root conftest.

- office_staff is the Geschäftsstelle as `create_geschaeftsstelle` makes it: staff (may open
  /admin/), not superuser, with its group's permissions and TOTP set up;
- superuser is an operator of the portal: everything in the admin, TOTP set up.
"""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from partner.models import User


@pytest.fixture
def office_staff(office) -> User:
    office.is_staff = True
    office.save(update_fields=["is_staff"])
    return User.objects.get(pk=office.pk)


@pytest.fixture
def superuser(make_user) -> User:
    user = make_user("susi.admin@essen.de", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user
