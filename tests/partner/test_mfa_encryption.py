"""TOTP secrets and recovery-code seeds are stored encrypted (partner/mfa_adapter.py, migration 0003)."""

from __future__ import annotations

import importlib
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from partner.mfa_adapter import SecretDecryptionError, decrypt_secret, encrypt_secret
from partner.sso.models import IdentityProvider

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

migration = importlib.import_module("partner.migrations.0003_encrypt_totp_secrets")


def code_for(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def stored(user, kind: str) -> dict:
    return Authenticator.objects.get(user=user, type=kind).data


def log_in(user, second_step: dict) -> Client:
    browser = Client()
    response = browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    browser.post(reverse("mfa_authenticate"), second_step)
    return browser


@pytest.fixture
def lead_secret(make_user):
    """An office account with a known TOTP secret and recovery codes, as after the set-up."""
    from django.contrib.auth.models import Group

    from common.roles import OFFICE_GROUP

    user = make_user("theo.totp@essen.de")
    user.groups.add(Group.objects.get(name=OFFICE_GROUP))
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return user, secret


def test_the_totp_secret_is_not_stored_in_plaintext(lead_secret):
    user, secret = lead_secret
    value = stored(user, Authenticator.Type.TOTP)["secret"]
    assert secret not in value
    assert value.startswith("gAAAAA")
    assert decrypt_secret(value) == secret


def test_the_recovery_code_seed_is_encrypted_too(lead_secret):
    user, _ = lead_secret
    seed = stored(user, Authenticator.Type.RECOVERY_CODES)["seed"]
    assert seed.startswith("gAAAAA")
    assert len(decrypt_secret(seed)) == 80  # allauth's hex seed


def test_login_with_a_totp_code_works_with_the_encrypted_secret(lead_secret):
    user, secret = lead_secret
    browser = log_in(user, {"code": code_for(secret)})
    assert browser.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_totp_code_is_still_refused(lead_secret):
    user, secret = lead_secret
    wrong = f"{(int(code_for(secret)) + 1) % 1_000_000:06d}"
    browser = log_in(user, {"code": wrong})
    assert "_auth_user_id" not in browser.session


def test_recovery_codes_still_work(lead_secret):
    user, _ = lead_secret
    code = RecoveryCodes(
        Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()[0]
    browser = log_in(user, {"code": code})
    assert browser.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_key_is_a_clear_error_not_a_silent_acceptance(lead_secret, settings):
    user, secret = lead_secret
    settings.SIKO_MFA_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(SecretDecryptionError, match="SIKO_MFA_ENCRYPTION_KEY"):
        log_in(user, {"code": code_for(secret)})


def test_a_plaintext_value_is_refused_rather_than_used(lead_secret):
    user, secret = lead_secret
    with pytest.raises(SecretDecryptionError, match="0003_encrypt_totp_secrets"):
        decrypt_secret(secret)


def test_a_malformed_key_stops_with_a_german_message(settings):
    settings.SIKO_MFA_ENCRYPTION_KEY = "zu-kurz"
    with pytest.raises(ImproperlyConfigured, match="kein gültiger Fernet-Schlüssel"):
        encrypt_secret("ABC")


def test_the_system_check_reports_a_malformed_key(settings):
    from partner.mfa_adapter import check_encryption_keys

    assert check_encryption_keys() == []
    settings.SIKO_MFA_ENCRYPTION_KEY_FALLBACKS = ["kein-schluessel"]
    assert [error.id for error in check_encryption_keys()] == ["partner.E001"]


def test_the_previous_key_still_reads_after_a_change_and_rotation_moves_to_the_new_one(lead_secret, settings):
    user, secret = lead_secret
    old = settings.SIKO_MFA_ENCRYPTION_KEY
    settings.SIKO_MFA_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.SIKO_MFA_ENCRYPTION_KEY_FALLBACKS = [old]
    assert decrypt_secret(stored(user, Authenticator.Type.TOTP)["secret"]) == secret
    out = StringIO()
    call_command("mfa_rotate_key", stdout=out)
    assert "2 Geheimnisse (MFA und Anmeldedienste)" in out.getvalue()
    settings.SIKO_MFA_ENCRYPTION_KEY_FALLBACKS = []
    assert decrypt_secret(stored(user, Authenticator.Type.TOTP)["secret"]) == secret
    assert log_in(user, {"code": code_for(secret)}).session["_auth_user_id"] == str(user.pk)


def test_rotation_moves_the_identity_providers_client_secrets_too(settings, essen):
    provider = IdentityProvider(
        partner=essen, name="Keycloak", issuer="https://login.essen.de/realms/stadt", client_id="p"
    )
    provider.set_client_secret("geheim-123")
    provider.save()
    old = settings.SIKO_MFA_ENCRYPTION_KEY
    settings.SIKO_MFA_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.SIKO_MFA_ENCRYPTION_KEY_FALLBACKS = [old]
    out = StringIO()
    call_command("mfa_rotate_key", stdout=out)
    assert "1 Geheimnisse" in out.getvalue()
    settings.SIKO_MFA_ENCRYPTION_KEY_FALLBACKS = []
    provider.refresh_from_db()
    assert provider.client_secret() == "geheim-123"


def test_rotation_without_the_old_key_changes_nothing(lead_secret, settings):
    user, _ = lead_secret
    before = stored(user, Authenticator.Type.TOTP)["secret"]
    settings.SIKO_MFA_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="FALLBACKS"):
        call_command("mfa_rotate_key", stdout=StringIO())
    assert stored(user, Authenticator.Type.TOTP)["secret"] == before


def test_new_key_prints_a_usable_key():
    out = StringIO()
    call_command("mfa_rotate_key", "--new-key", stdout=out)
    Fernet(out.getvalue().strip())


# --- the data migration ----------------------------------------------------------------------


@pytest.fixture
def plaintext(make_user):
    """Secrets as stored before the encryption existed (written around the adapter)."""
    user = make_user("paula.plain@essen.de")
    secret = generate_totp_secret()
    Authenticator.objects.bulk_create(
        [
            Authenticator(user=user, type=Authenticator.Type.TOTP, data={"secret": secret}),
            Authenticator(
                user=user,
                type=Authenticator.Type.RECOVERY_CODES,
                data={"seed": "ab" * 40, "used_mask": 0, "migrated_codes": ["12345678"]},
            ),
        ]
    )
    return user, secret


def test_the_migration_encrypts_plaintext_secrets(plaintext):
    user, secret = plaintext
    migration.encrypt_secrets(apps, None)
    totp = stored(user, Authenticator.Type.TOTP)["secret"]
    codes = stored(user, Authenticator.Type.RECOVERY_CODES)
    assert totp.startswith("gAAAAA") and decrypt_secret(totp) == secret
    assert decrypt_secret(codes["seed"]) == "ab" * 40
    assert [decrypt_secret(code) for code in codes["migrated_codes"]] == ["12345678"]
    assert log_in(user, {"code": code_for(secret)}).session["_auth_user_id"] == str(user.pk)


def test_the_migration_runs_twice_without_encrypting_twice(plaintext):
    user, secret = plaintext
    migration.encrypt_secrets(apps, None)
    once = stored(user, Authenticator.Type.TOTP)
    migration.encrypt_secrets(apps, None)
    assert stored(user, Authenticator.Type.TOTP) == once


def test_the_migration_is_reversible(plaintext):
    user, secret = plaintext
    migration.encrypt_secrets(apps, None)
    migration.decrypt_secrets(apps, None)
    assert stored(user, Authenticator.Type.TOTP) == {"secret": secret}
    assert stored(user, Authenticator.Type.RECOVERY_CODES)["seed"] == "ab" * 40


def test_the_migration_stops_on_a_secret_of_another_key(plaintext, settings):
    migration.encrypt_secrets(apps, None)
    settings.SIKO_MFA_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(SecretDecryptionError):
        migration.encrypt_secrets(apps, None)
