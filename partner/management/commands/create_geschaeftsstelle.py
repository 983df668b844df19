"""Create a Geschäftsstelle account from the command line (the first one in production).

The password is asked twice, or read from DJANGO_GESCHAEFTSSTELLE_PASSWORD for automated
set-ups, and checked with the portal's password validators. The second factor cannot be
created here: RequireMFAMiddleware sends the account to the MFA set-up at first login.
"""

from __future__ import annotations

import getpass
import os

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from common.roles import OFFICE_GROUP, ensure_office_group
from partner.audit import audit_record
from partner.models import AuditEvent, Decision, DomainCheck, Partner, User

COMMAND_ACTOR = "Kommandozeile (manage.py create_geschaeftsstelle)"

PASSWORD_ENV = "DJANGO_GESCHAEFTSSTELLE_PASSWORD"


class Command(BaseCommand):
    help = (
        "Legt ein Konto der Geschäftsstelle an (zugelassen, E-Mail-Adresse bestätigt, Zugang zur "
        f"Django-Administration). Passwort interaktiv oder aus {PASSWORD_ENV}."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", required=True, help="dienstliche E-Mail-Adresse")
        parser.add_argument("--first-name", required=True, help="Vorname")
        parser.add_argument("--last-name", required=True, help="Nachname")
        parser.add_argument("--partner", required=True, help="Kürzel (slug) der Behörde, z. B. im-nrw")
        parser.add_argument("--unit", default="Geschäftsstelle der Sicherheitskooperation Ruhr")
        parser.add_argument("--function", default="Geschäftsstelle")

    def handle(self, *args, **options) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"„{email}“ ist keine gültige E-Mail-Adresse.") from None
        partner = Partner.objects.filter(slug=options["partner"].strip()).first()
        if partner is None:
            slugs = ", ".join(Partner.objects.order_by("slug").values_list("slug", flat=True)) or "keine"
            raise CommandError(f"Keine Behörde mit dem Kürzel „{options['partner']}“. Vorhandene Kürzel: {slugs}")
        if (
            User.objects.filter(email__iexact=email).exists()
            or EmailAddress.objects.filter(email__iexact=email).exists()
        ):
            raise CommandError(f"Es gibt bereits ein Konto mit der E-Mail-Adresse {email}.")

        user = User(
            email=email,
            first_name=options["first_name"].strip(),
            last_name=options["last_name"].strip(),
            partner=partner,
            unit=options["unit"].strip(),
            function=options["function"].strip(),
            status=User.Status.ADMITTED,
            is_staff=True,
        )
        user.set_password(self._password(user))
        if user.domain_check() != DomainCheck.MATCH:
            self.stderr.write(
                self.style.WARNING(f"Hinweis: Die Domain von {email} ist der Behörde „{partner}“ nicht zugeordnet.")
            )

        ensure_office_group()
        with transaction.atomic():
            user.save()
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
            user.groups.add(Group.objects.get(name=OFFICE_GROUP))
            # Kept in the account's decision history like an admission by the office.
            Decision.objects.create(
                user=user,
                action=Decision.Action.ADMITTED,
                reason="Konto der Geschäftsstelle, angelegt mit „manage.py create_geschaeftsstelle“.",
                decided_by=None,
                decided_by_name=COMMAND_ACTOR,
            )
            audit_record(
                kind=AuditEvent.Kind.ADMITTED,
                actor=None,
                actor_name=COMMAND_ACTOR,
                subject=user,
                detail={"reason": "Konto der Geschäftsstelle"},
            )

        self.stdout.write(self.style.SUCCESS(f"Konto der Geschäftsstelle angelegt: {user.get_full_name()} <{email}>"))
        self.stdout.write(
            "Beim ersten Anmelden verlangt das Portal die Einrichtung der Zwei-Faktor-Authentifizierung "
            "(Authenticator-App oder Sicherheitsschlüssel/Passkey); vorher sind keine anderen Seiten erreichbar."
        )

    def _password(self, user: User) -> str:
        password = os.environ.get(PASSWORD_ENV, "")
        if not password:
            try:
                password = getpass.getpass("Passwort: ")
                repeated = getpass.getpass("Passwort (wiederholen): ")
            except (EOFError, KeyboardInterrupt):
                raise CommandError(f"Abgebrochen: kein Passwort eingegeben (oder {PASSWORD_ENV} setzen).") from None
            if password != repeated:
                raise CommandError("Die beiden Passwörter stimmen nicht überein. Es wurde kein Konto angelegt.")
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            problems = "\n".join(f"  – {message}" for message in error.messages)
            raise CommandError(
                f"Das Passwort ist nicht sicher genug. Es wurde kein Konto angelegt.\n{problems}"
            ) from None
        return password
