"""Load the demo data (partners, Fachgebiete, Facharbeitskreise, one account per role).

Idempotent: reference data is matched by slug or domain and brought in line with
`demo/data.py` and `demo/behoerden.py`; accounts are matched by e-mail and only created, never
changed, so a second run rewrites no password hash and keeps what was clicked in the demo.
"""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from common.roles import OFFICE_GROUP, ensure_office_group
from demo import behoerden as demo_behoerden
from demo import data as demo_data
from demo import facharbeitskreise as demo_facharbeitskreise
from demo import fachgebiete as demo_fachgebiete
from demo import glossary as demo_glossary
from demo import lagebilder as demo_lagebilder
from demo import lifecycle as demo_lifecycle
from demo import newsletter_ausgaben as demo_newsletter
from demo import veranstaltungen as demo_veranstaltungen
from demo import zustaendigkeiten as demo_zustaendigkeiten
from demo.dates import at
from dokumente import virusscan
from dokumente.extraction import extract_pending
from facharbeitskreise.models import Arbeitskreis
from fachgebiete.models import Fachgebiet, FachgebietVisit
from newsletter.models import Issue, Subscriber
from partner.middleware import requires_mfa
from partner.models import Partner, PartnerDomain, PartnerKind, User
from sikoportal.models import Visit
from suche import index as search_index

_USER_FIELDS = ("first_name", "last_name", "unit", "function", "phone", "is_contact_person", "status", "access_reason")


def _demo_emails() -> list[str]:
    return [entry["email"] for entry in demo_data.DEMO_USERS + demo_facharbeitskreise.people()]


class Command(BaseCommand):
    _password_hash: str | None = None
    help = "Lädt Demo-Daten (Behörden, Fachgebiete, Facharbeitskreise, Demo-Konten). Nur im Demo-Betrieb."

    def handle(self, *args, **options) -> None:
        if not settings.SIKO_DEMO_MODE:
            raise CommandError(
                "Demo-Daten mit öffentlich bekannten Passwörtern lassen sich nur im Demo-Betrieb laden "
                "(SIKO_DEMO_MODE ist aus). Im Produktivbetrieb legen Sie das erste Konto mit "
                "„manage.py create_geschaeftsstelle“ an."
            )
        # The demo's files go through the same upload checks as every other file, virus scan included:
        # no exception for files the portal wrote itself, so there is no switch that could skip it.
        if not virusscan.ping():
            raise CommandError(
                f"Die Demo-Daten enthalten Dateien, und jede Datei wird auf Schadsoftware geprüft – aber clamd "
                f"antwortet nicht unter {settings.SIKO_CLAMD_SOCKET or '(SIKO_CLAMD_SOCKET nicht gesetzt)'}. "
                "Bitte starten Sie ihn mit „tools/clamd.sh start“ („make demo“ tut das selbst)."
            )
        # The index is built once at the end instead of after every single record.
        with transaction.atomic(), search_index.suspended():
            partners = self._load_partners()
            self._load_fachgebiete()
            self._load_arbeitskreise()
            created = self._load_users(partners, demo_data.DEMO_USERS)
            self._load_users(partners, demo_facharbeitskreise.people())
            self._load_newsletter()
            demo_facharbeitskreise.load(self.stdout)
            demo_glossary.load(self.stdout)
            demo_fachgebiete.load(self.stdout)
            demo_zustaendigkeiten.load(self.stdout)
            demo_lifecycle.load(self.stdout)
            demo_lagebilder.load(self.stdout)
            demo_veranstaltungen.load(self.stdout)
            self._enrol_second_factors()
            self._remember_visits()
            # Read the demo files' text now (in production the worker does it after each upload).
            extracted = extract_pending()
            entries = search_index.reindex()
        self.stdout.write(f"Suchindex: {entries} Einträge, Text aus {extracted} Dateien ausgelesen.")
        self._summary(created)

    def _load_partners(self) -> dict[str, Partner]:
        partners = {}
        for entry in demo_behoerden.PARTNERS:
            fields = {key: value for key, value in entry.items() if key not in ("slug", "domains")}
            partner = _upsert(Partner, {"slug": entry["slug"]}, fields)
            for domain in entry["domains"]:
                PartnerDomain.objects.update_or_create(domain=domain, defaults={"partner": partner})
            partners[partner.slug] = partner
        return partners

    def _load_fachgebiete(self) -> None:
        # The list order is the order on the site.
        for position, entry in enumerate(demo_data.FACHGEBIETE, start=1):
            fields = {"name": entry["name"], "description": entry["description"], "position": position}
            _upsert(Fachgebiet, {"slug": entry["slug"]}, fields)

    def _load_arbeitskreise(self) -> None:
        for entry in demo_data.ARBEITSKREISE:
            fields = {
                "name": entry["name"],
                "kind": entry["kind"],
                "description": entry["description"],
                "is_confidential": entry.get("is_confidential", False),
            }
            _upsert(Arbeitskreis, {"slug": entry["slug"]}, fields)

    def _load_users(self, partners: dict[str, Partner], entries: list[dict]) -> int:
        ensure_office_group()
        office_group = Group.objects.get(name=OFFICE_GROUP)
        created = 0
        for entry in entries:
            user = User.objects.filter(email__iexact=entry["email"]).first()
            if user is None:
                # The password is set here only: hashing it again on every run would change the row.
                # One hash (salt included) serves every account: Argon2 takes a second per hash on a
                # busy machine, and the demo password is public anyway.
                if self._password_hash is None:
                    self._password_hash = make_password(demo_data.DEMO_PASSWORD)
                fields = {key: entry[key] for key in _USER_FIELDS if key in entry}
                user = User.objects.create(
                    email=entry["email"].lower(),
                    password=self._password_hash,
                    partner=partners[entry["partner"]],
                    is_staff=entry.get("office", False),
                    **fields,
                )
                created += 1
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"primary": True, "verified": True}
            )
            if entry.get("office"):
                self._make_office(user, office_group)
        return created

    def _make_office(self, user: User, office_group: Group) -> None:
        user.groups.add(office_group)

    def _enrol_second_factors(self) -> None:
        """TOTP for every demo account whose role requires it (office, Redaktion, AK-Leitung) —
        asked with the portal's own rule, once all roles are granted. The fixed public secret
        lets `demo_totp` print the codes."""
        for user in User.objects.filter(email__in=_demo_emails()):
            if not requires_mfa(user):
                continue
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, demo_data.DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)  # creates the codes once, returns the existing ones after

    def _remember_visits(self) -> None:
        """A login and a look at every Fachgebiet a week ago, so that the first login shows what is
        new since then ("Neu im Portal", "Neu seit Ihrem letzten Besuch"). Only where none exist
        yet: later runs keep the real visits."""
        last_week = at(-7, 8)
        fachgebiete = list(Fachgebiet.objects.all())
        for user in User.objects.admitted().filter(email__in=_demo_emails()):
            Visit.objects.get_or_create(user=user, defaults={"current_login_at": last_week})
            for fachgebiet in fachgebiete:
                FachgebietVisit.objects.get_or_create(user=user, fachgebiet=fachgebiet, defaults={"seen_at": last_week})

    def _load_newsletter(self) -> None:
        """Past issues for the archive and a few confirmed subscribers; get_or_create keeps a rerun a no-op."""
        office = User.objects.get(email=demo_data.OFFICE_EMAIL)
        started_by = f"{office.get_full_name()} ({office.email})"
        issues = [*demo_newsletter.NEWSLETTER_ISSUES, demo_newsletter.current_newsletter_issue(timezone.localdate())]
        for entry in issues:
            sent = timezone.make_aware(datetime.datetime.combine(entry["issue_date"], datetime.time(10, 0)))
            finished = sent + datetime.timedelta(minutes=3)
            Issue.objects.get_or_create(
                number=entry["number"],
                defaults={
                    "title": entry["title"],
                    "issue_date": entry["issue_date"],
                    "body": entry["body"],
                    "portal_links": entry["portal_links"],
                    "status": Issue.Status.SENT,
                    "created_by": office,
                    "dispatch_started_at": sent,
                    "dispatch_started_by": started_by,
                    "dispatch_finished_at": finished,
                    "last_activity_at": finished,
                    "recipient_count": entry["recipients"],
                },
            )
        confirmed = timezone.make_aware(datetime.datetime(2021, 10, 1, 9, 0))
        for email, name in demo_newsletter.NEWSLETTER_EXTERNAL_SUBSCRIBERS:
            Subscriber.objects.get_or_create(
                email=email,
                defaults={
                    "name": name,
                    "status": Subscriber.Status.CONFIRMED,
                    "source": Subscriber.Source.IMPORT,
                    "requested_at": confirmed,
                    "confirmation_sent_at": confirmed,
                    "confirmed_at": confirmed,
                },
            )
        for email in demo_newsletter.NEWSLETTER_MEMBER_EMAILS:
            member = User.objects.get(email=email)
            Subscriber.objects.get_or_create(
                user=member,
                defaults={
                    "email": member.email,
                    "status": Subscriber.Status.CONFIRMED,
                    "source": Subscriber.Source.MEMBER,
                    "requested_at": confirmed,
                    "confirmed_at": confirmed,
                },
            )

    def _summary(self, created: int) -> None:
        kinds = {kind: Partner.objects.filter(kind=kind).count() for kind in PartnerKind}
        arbeitskreise = {kind: Arbeitskreis.objects.filter(kind=kind).count() for kind in Arbeitskreis.Kind}
        out = self.stdout.write
        out(self.style.SUCCESS("Demo-Daten geladen."))
        out(
            f"  Behörden & Institutionen: {kinds[PartnerKind.KOOPERATIONSPARTNER]} Kooperationspartner, "
            f"{kinds[PartnerKind.NETZWERKPARTNER]} Netzwerkpartner, "
            f"{PartnerDomain.objects.count()} E-Mail-Domains"
        )
        out(f"  Fachgebiete: {Fachgebiet.objects.fachgebiete().count()}")
        out(
            f"  Facharbeitskreise: {arbeitskreise[Arbeitskreis.Kind.FACHARBEITSKREIS]}, "
            f"Projekte: {arbeitskreise[Arbeitskreis.Kind.PROJEKT]}"
        )
        out(f"  Newsletter: {Issue.objects.count()} Ausgaben, {Subscriber.objects.confirmed().count()} Abonnements")
        out(f"  Demo-Konten: {len(demo_data.DEMO_USERS)} ({created} neu angelegt)")
        out(f"  Weitere Mitglieder der Arbeitskreise: {len(demo_facharbeitskreise.people())}")
        out("")
        out(f"Anmeldung mit einem dieser Konten, Passwort für alle: {demo_data.DEMO_PASSWORD}")
        for entry in demo_data.DEMO_USERS:
            out(f"  {entry['email']:<36} {entry['role']}")
        out(
            "Geschäftsstelle, Redaktion und AK-Leitung melden sich mit Zwei-Faktor-Authentifizierung an; "
            "den aktuellen Code zeigt „manage.py demo_totp [E-Mail-Adresse]“."
        )
        if created < len(demo_data.DEMO_USERS):
            out("Bereits vorhandene Demo-Konten bleiben unverändert (Passwort, Status, Angaben).")


def _upsert(model, lookup: dict, fields: dict):
    """update_or_create that saves only when a field differs: a rerun of load_demo changes no row
    (saving a Fachgebiet, an Arbeitskreis or an authority renews a cache version, common.versions)."""
    obj, created = model.objects.get_or_create(**lookup, defaults=fields)
    if not created and any(getattr(obj, name) != value for name, value in fields.items()):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
    return obj
