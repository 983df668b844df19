"""Key rotation for the secrets at rest under SIKO_MFA_ENCRYPTION_KEY (see partner/mfa_adapter.py):
the second factors' secrets and the client secrets of the authorities' identity providers (partner/sso).

1. `manage.py mfa_rotate_key --new-key` prints a fresh key.
2. Set it as SIKO_MFA_ENCRYPTION_KEY, the old key into SIKO_MFA_ENCRYPTION_KEY_FALLBACKS, restart.
3. `manage.py mfa_rotate_key` re-encrypts every stored secret with the new key.
4. Remove the old key from the fallbacks.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partner.mfa_adapter import fernet
from partner.sso.models import IdentityProvider


class Command(BaseCommand):
    help = (
        "Verschlüsselt die gespeicherten MFA-Geheimnisse und Client-Geheimnisse der Anmeldedienste mit dem "
        "aktuellen Schlüssel neu (SIKO_MFA_ENCRYPTION_KEY)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--new-key", action="store_true", help="Nur einen neuen Schlüssel ausgeben.")

    def handle(self, *args, new_key: bool, **options) -> None:
        if new_key:
            self.stdout.write(Fernet.generate_key().decode())
            return
        try:
            changed = self._rotate()
        except InvalidToken:
            raise CommandError(
                "Ein MFA-Geheimnis lässt sich mit keinem der Schlüssel lesen: Gehört der bisherige Schlüssel "
                "in SIKO_MFA_ENCRYPTION_KEY_FALLBACKS? Es wurde nichts geändert."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{changed} Geheimnisse (MFA und Anmeldedienste) mit dem aktuellen Schlüssel neu verschlüsselt."
            )
        )

    def _rotate(self) -> int:
        keys = fernet()
        changed = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().filter(
                type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES]
            ):
                data = dict(authenticator.data)
                for field in ("secret", "seed"):
                    if isinstance(data.get(field), str):
                        data[field] = keys.rotate(data[field].encode()).decode()
                if isinstance(data.get("migrated_codes"), list):
                    data["migrated_codes"] = [keys.rotate(code.encode()).decode() for code in data["migrated_codes"]]
                authenticator.data = data
                authenticator.save(update_fields=["data"])
                changed += 1
            for provider in IdentityProvider.objects.select_for_update().exclude(client_secret_encrypted=""):
                provider.client_secret_encrypted = keys.rotate(provider.client_secret_encrypted.encode()).decode()
                provider.save(update_fields=["client_secret_encrypted"])
                changed += 1
        return changed
