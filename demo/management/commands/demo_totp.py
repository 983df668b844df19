"""Print the current TOTP code of a demo account with a second factor (demo mode only):
the Geschäftsstelle by default, or the Redaktion and AK-Leitung accounts by address.

Only accounts whose secret is the public demo secret qualify: this never turns the
server into a second factor for a real account.
"""

from __future__ import annotations

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import data as demo_data
from partner.models import User


class Command(BaseCommand):
    help = (
        "Zeigt den aktuellen TOTP-Code eines Demo-Kontos (Geschäftsstelle, Redaktion, AK-Leitung). Nur im Demo-Betrieb."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "email",
            nargs="?",
            default=demo_data.OFFICE_EMAIL,
            help=f"E-Mail-Adresse des Kontos (Standard: {demo_data.OFFICE_EMAIL})",
        )

    def handle(self, *args, email: str, **options) -> None:
        if not settings.SIKO_DEMO_MODE:
            raise CommandError("TOTP-Codes von Demo-Konten lassen sich nur im Demo-Betrieb anzeigen (SIKO_DEMO_MODE).")
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Es gibt kein Konto mit der E-Mail-Adresse {email}. Zuerst „manage.py load_demo“?")
        authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if authenticator is None:
            raise CommandError(f"Das Konto {user.email} hat keine Zwei-Faktor-Authentifizierung (TOTP) eingerichtet.")
        secret = decrypt(authenticator.data["secret"])
        if secret != demo_data.DEMO_TOTP_SECRET:
            raise CommandError(
                f"Das Konto {user.email} verwendet nicht das Demo-Geheimnis; "
                "für echte Konten werden keine Codes angezeigt."
            )
        period = mfa_settings.TOTP_PERIOD
        now = int(time.time())
        code = format_hotp_value(hotp_value(secret, now // period))
        remaining = period - now % period
        self.stdout.write(f"TOTP-Code für {user.email}: {code} (noch {remaining} Sekunden gültig)")
        if remaining < 10:
            following = format_hotp_value(hotp_value(secret, now // period + 1))
            self.stdout.write(f"Danach gilt: {following}")
