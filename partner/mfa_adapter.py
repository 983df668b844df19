"""allauth's MFA adapter for the portal: TOTP secrets and recovery-code seeds encrypted at rest.

allauth passes every secret it stores (the TOTP key, the seed of the recovery codes) through
`encrypt` and reads it back through `decrypt`. A copy of the database alone (a backup, a dump
for support) then no longer yields anyone's second factor.

Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) rather than raw AES-GCM: it is
authenticated, has one well-reviewed token format, and MultiFernet gives key rotation for
free — new secrets are written with the first key, old ones stay readable with the
fallbacks until `manage.py mfa_rotate_key` has re-encrypted them.
"""

from __future__ import annotations

import logging

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .middleware import SECOND_FACTOR_TYPES, requires_mfa

logger = logging.getLogger(__name__)

# Every Fernet token starts with the version byte 0x80, base64-encoded "gAAAAA". A plaintext
# TOTP secret (base32, upper case) or recovery seed (hex) never does.
TOKEN_PREFIX = "gAAAAA"


class SecretDecryptionError(RuntimeError):
    """A stored MFA secret cannot be read with the configured keys."""


def fernet() -> MultiFernet:
    """The configured keys, current key first; a malformed key stops with a clear message."""
    keys = [settings.SIKO_MFA_ENCRYPTION_KEY, *settings.SIKO_MFA_ENCRYPTION_KEY_FALLBACKS]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError):
        raise ImproperlyConfigured(
            "SIKO_MFA_ENCRYPTION_KEY (bzw. SIKO_MFA_ENCRYPTION_KEY_FALLBACKS) ist kein gültiger Fernet-Schlüssel "
            "(32 Byte, URL-sicheres Base64). Einen neuen Schlüssel erzeugt „manage.py mfa_rotate_key --new-key“."
        ) from None


def check_encryption_keys(app_configs=None, **kwargs) -> list[checks.Error]:
    """System check (manage.py check, migrate, runserver): a malformed key shows before the
    first login needs it."""
    try:
        fernet()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="partner.E001")]
    return []


def is_encrypted(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)


def encrypt_secret(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt_secret(token: str) -> str:
    """The plaintext; never falls back to treating the stored value as plaintext."""
    if not is_encrypted(token):
        raise SecretDecryptionError(
            "Ein MFA-Geheimnis ist unverschlüsselt gespeichert; die Datenmigration "
            "partner.0003_encrypt_totp_secrets wurde nicht ausgeführt."
        )
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        logger.error("MFA secret cannot be decrypted: wrong SIKO_MFA_ENCRYPTION_KEY or missing fallback key.")
        raise SecretDecryptionError(
            "Ein MFA-Geheimnis lässt sich mit SIKO_MFA_ENCRYPTION_KEY nicht entschlüsseln: falscher Schlüssel, "
            "oder der bisherige Schlüssel fehlt in SIKO_MFA_ENCRYPTION_KEY_FALLBACKS."
        ) from None


class EncryptingMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": (
            "Für Ihre Rolle im Portal ist die Zwei-Faktor-Authentifizierung Pflicht. Richten Sie zuerst "
            "einen weiteren zweiten Faktor ein (z. B. einen Sicherheitsschlüssel), bevor Sie diesen entfernen."
        ),
    }

    def encrypt(self, text: str) -> str:
        return encrypt_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_secret(encrypted_text)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """A user whose role requires MFA keeps at least one second factor."""
        user = authenticator.user
        if not requires_mfa(user):
            return True
        others = Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exclude(pk=authenticator.pk)
        return others.exists()

    def get_public_key_credential_rp_entity(self) -> dict[str, str]:
        # The name a security key / passkey shows, instead of the bare host name.
        return {**super().get_public_key_credential_rp_entity(), "name": settings.MFA_TOTP_ISSUER}
