"""Encrypt the MFA secrets stored before partner.mfa_adapter existed.

TOTP secrets and recovery-code seeds (and codes migrated from elsewhere) were stored in
plaintext. Forwards encrypts them with SIKO_MFA_ENCRYPTION_KEY; values already encrypted are
left as they are (after checking that the key reads them), so the migration can run twice.
Reversible: backwards writes the plaintext again (for a rollback to the code before).
WebAuthn credentials hold only public keys and stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import migrations

from partner.mfa_adapter import decrypt_secret, encrypt_secret, is_encrypted


def _encrypt(value: str) -> str:
    if is_encrypted(value):
        decrypt_secret(value)  # a token of another key stops the migration with a clear message
        return value
    return encrypt_secret(value)


def _decrypt(value: str) -> str:
    return decrypt_secret(value) if is_encrypted(value) else value


def _convert(apps, convert: Callable[[str], str]) -> None:
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=["totp", "recovery_codes"]).iterator():
        data = dict(authenticator.data)
        for field in ("secret", "seed"):
            if isinstance(data.get(field), str):
                data[field] = convert(data[field])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [convert(code) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps, schema_editor) -> None:
    _convert(apps, _encrypt)


def decrypt_secrets(apps, schema_editor) -> None:
    _convert(apps, _decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("partner", "0002_auditevent"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
