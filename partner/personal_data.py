"""partner's provider of personal data (see partner/data_protection.py): account, sign-in, audit log."""

from __future__ import annotations

import uuid

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .audit import CONFIRMATION_LINK_ACTOR
from .data_protection import FORMER_MEMBER, Activity, Section, days
from .models import AuditEvent, Decision, DeletionRequest, User
from .sessions import sessions_end

# A non-deliverable address (.invalid is reserved, RFC 2606), unique per erased account.
ERASED_EMAIL_DOMAIN = "geloescht.invalid"

MFA_TYPES = {
    Authenticator.Type.TOTP: "Authenticator-App (TOTP)",
    Authenticator.Type.WEBAUTHN: "Sicherheitsschlüssel oder Passkey (WebAuthn)",
    Authenticator.Type.RECOVERY_CODES: "Wiederherstellungscodes",
}
OTHER_PERSON = "eine andere Person (z. B. die Geschäftsstelle)"


def export(user: User) -> list[Section]:
    return [
        _profile(user),
        Section(
            key="anmeldeadressen",
            title="E-Mail-Adressen",
            columns=(("adresse", "Adresse"), ("primaer", "Anmeldeadresse"), ("bestaetigt", "bestätigt")),
            rows=[
                {"adresse": a.email, "primaer": a.primary, "bestaetigt": a.verified}
                for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
            ],
        ),
        Section(
            key="sitzungen",
            title="Angemeldete Sitzungen",
            columns=(
                ("beginn", "angemeldet am"),
                ("zuletzt_aktiv", "zuletzt aktiv"),
                ("ip_adresse", "IP-Adresse"),
                ("geraet", "Browser / Gerät"),
            ),
            rows=[
                {"beginn": s.created_at, "zuletzt_aktiv": s.last_seen_at, "ip_adresse": s.ip, "geraet": s.user_agent}
                for s in UserSession.objects.filter(user=user).order_by("-created_at")
            ],
        ),
        Section(
            key="zweiter_faktor",
            title="Zweiter Faktor",
            note="Nur Art und Datum; Schlüssel und Codes gibt das Portal nie heraus.",
            columns=(("art", "Art"), ("eingerichtet", "eingerichtet am"), ("zuletzt_genutzt", "zuletzt genutzt")),
            rows=[
                {"art": MFA_TYPES.get(a.type, a.type), "eingerichtet": a.created_at, "zuletzt_genutzt": a.last_used_at}
                for a in Authenticator.objects.filter(user=user).order_by("created_at")
            ],
        ),
        Section(
            key="anmeldedienst",
            title="Anmeldedienst Ihrer Behörde",
            note="Die Kennung, unter der Sie der Anmeldedienst Ihrer Behörde anmeldet (Single Sign-on).",
            columns=(
                ("dienst", "Anmeldedienst"),
                ("kennung", "Kennung"),
                ("verknuepft", "verknüpft am"),
                ("zuletzt", "zuletzt angemeldet"),
            ),
            rows=[
                {"dienst": a.provider, "kennung": a.uid, "verknuepft": a.date_joined, "zuletzt": a.last_login}
                for a in SocialAccount.objects.filter(user=user).order_by("date_joined")
            ],
        ),
        Section(
            key="entscheidungen",
            title="Entscheidungen der Geschäftsstelle über Ihr Konto",
            columns=(("entscheidung", "Entscheidung"), ("am", "am"), ("begruendung", "Begründung")),
            rows=[
                {"entscheidung": d.get_action_display(), "am": d.decided_at, "begruendung": d.reason}
                for d in Decision.objects.filter(user=user).order_by("decided_at")
            ],
        ),
        Section(
            key="loeschantraege",
            title="Löschanträge",
            columns=(("beantragt", "beantragt am"), ("status", "Status"), ("anmerkung", "Ihre Anmerkung")),
            rows=[
                {"beantragt": r.requested_at, "status": r.get_status_display(), "anmerkung": r.reason}
                for r in DeletionRequest.objects.filter(user=user).order_by("requested_at")
            ],
        ),
        _audit(user),
    ]


def _profile(user: User) -> Section:
    return Section(
        key="profil",
        title="Profil",
        record=True,
        columns=(
            ("konto", "Kontonummer"),
            ("vorname", "Vorname"),
            ("nachname", "Nachname"),
            ("email", "Anmeldeadresse"),
            ("behoerde", "Behörde"),
            ("organisationseinheit", "Organisationseinheit"),
            ("funktion", "Funktion"),
            ("telefon", "Telefon"),
            ("begruendung_zugang", "Begründung des Zugangs"),
            ("ansprechperson", "im Verzeichnis als Ansprechperson"),
            ("status", "Status"),
            ("registriert", "registriert am"),
            ("letzte_anmeldung", "letzte Anmeldung"),
        ),
        rows=[
            {
                "konto": user.pk,
                "vorname": user.first_name,
                "nachname": user.last_name,
                "email": user.email,
                "behoerde": user.authority_name,
                "organisationseinheit": user.unit,
                "funktion": user.function,
                "telefon": user.phone,
                "begruendung_zugang": user.access_reason,
                "ansprechperson": user.is_contact_person,
                "status": user.get_status_display(),
                "registriert": user.date_joined,
                "letzte_anmeldung": user.last_login,
            }
        ],
    )


def _actor(event: AuditEvent, user: User) -> str:
    if event.actor_id == user.pk:
        return "Sie selbst"
    if event.actor_id is None and event.kind in (AuditEvent.Kind.LOGIN_FAILED, AuditEvent.Kind.LOCKED_OUT):
        return "Anmeldeversuch"
    if event.actor_id is None and event.actor_name == CONFIRMATION_LINK_ACTOR:
        return CONFIRMATION_LINK_ACTOR
    return OTHER_PERSON


def _audit(user: User) -> Section:
    rows = []
    # Once, not get_kind_display() per row: Django hashes the whole lazy choice list on every call
    # (measured: 12 s of 13 s for 5,000 entries).
    kinds = {value: str(label) for value, label in AuditEvent.Kind.choices}
    for event in AuditEvent.objects.filter(Q(actor=user) | Q(subject=user)).order_by("at", "pk"):
        own = event.subject_id == user.pk
        # Events the person caused on somebody else's account: what and when, never who or why.
        about_nobody = event.subject_id is None and not event.subject_name
        rows.append(
            {
                "zeitpunkt": event.at,
                "ereignis": kinds.get(event.kind, event.kind),
                "ausgefuehrt_von": _actor(event, user),
                "betroffen": "Ihr Konto" if own else ("–" if about_nobody else "ein anderes Konto"),
                "einzelheiten": event.summary if own or about_nobody else "",
                "bereich": event.bereich,
                "ip_adresse": event.ip_address if own else None,
            }
        )
    return Section(
        key="protokoll",
        title="Protokolleinträge zu Ihrem Konto",
        note=(
            "Was Sie getan haben und was mit Ihrem Konto geschah, soweit die Aufbewahrungsfrist noch läuft. "
            "Namen anderer Personen sind nicht enthalten."
        ),
        columns=(
            ("zeitpunkt", "Zeitpunkt"),
            ("ereignis", "Ereignis"),
            ("ausgefuehrt_von", "ausgeführt von"),
            ("betroffen", "betroffenes Konto"),
            ("einzelheiten", "Einzelheiten"),
            ("bereich", "Bereich"),
            ("ip_adresse", "IP-Adresse"),
        ),
        rows=rows,
    )


def erase(user: User, *, by: User) -> None:
    """The account itself, last of all providers: name, addresses, sign-in, rights go; the row stays."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    sessions_end([user.pk])
    user.groups.clear()
    user.user_permissions.clear()
    # The decisions stay as the office's file (the audit log keeps the name until its period ends).
    Decision.objects.filter(user=user).update(user_name=FORMER_MEMBER)
    Decision.objects.filter(decided_by=user).update(decided_by_name=FORMER_MEMBER)
    user.first_name = FORMER_MEMBER
    user.last_name = ""
    user.email = f"konto-{user.pk}-{uuid.uuid4().hex[:12]}@{ERASED_EMAIL_DOMAIN}"
    user.partner = None
    for name in ("other_authority", "unit", "function", "phone", "access_reason"):
        setattr(user, name, "")
    user.is_contact_person = False
    user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.status = User.Status.ERASED
    user.status_changed_at = timezone.now()
    user.save()


def activities() -> list[Activity]:
    retention = settings.SIKO_AUDIT_RETENTION_DAYS
    return [
        Activity(
            name="Nutzerkonten und Zulassung",
            data="Name, dienstliche E-Mail-Adresse, Behörde, Organisationseinheit, Funktion, Telefon, "
            "Begründung des Zugangs, Status, Entscheidungen der Geschäftsstelle und Löschanträge",
            purpose="Zugang zur geschlossenen Benutzergruppe nur für Beschäftigte der Partnerbehörden",
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 DSG NRW (Aufgabenerfüllung der Kooperation)",
            recipients="Geschäftsstelle; Betreiber des Portals (technische Administration)",
            retention=(
                f"Unbestätigte Registrierungen: {days(settings.SIKO_APPLICATION_EXPIRY_DAYS)}; "
                "sonst bis zur Löschung auf Antrag (dann anonymisiert, Beiträge bleiben als „ehemaliges Mitglied“)"
            ),
        ),
        Activity(
            name="Verzeichnis der Ansprechpersonen",
            data="Name, Organisationseinheit, Funktion, E-Mail-Adresse, Telefon",
            purpose="Kontaktnetz der Behörden („Behörden & Institutionen“)",
            legal_basis="Einwilligung, Art. 6 Abs. 1 lit. a DSGVO (im Profil jederzeit widerrufbar)",
            recipients="alle zugelassenen Nutzerinnen und Nutzer",
            retention="bis zum Widerruf im Profil oder zur Löschung des Kontos",
        ),
        Activity(
            name="Sitzungen und zweiter Faktor",
            data="Sitzungsbeginn, letzte Aktivität, IP-Adresse, Browserkennung; Art und Datum des zweiten "
            "Faktors (Schlüssel verschlüsselt)",
            purpose="Sichere Anmeldung, Übersicht und Beenden eigener Sitzungen",
            legal_basis="Art. 6 Abs. 1 lit. e, Art. 32 DSGVO",
            recipients="nur die Person selbst; Betreiber (technisch)",
            retention=(
                f"Sitzungen enden nach {settings.SIKO_SESSION_IDLE_MINUTES} Minuten ohne Aktivität, spätestens "
                f"{settings.SIKO_SESSION_MAX_HOURS} Stunden nach der Anmeldung; zweiter Faktor bis zum Entfernen"
            ),
        ),
        Activity(
            name="Anmeldung über den Anmeldedienst der Behörde",
            data="Kennung beim Anmeldedienst, die von ihm übermittelten Angaben (Name, E-Mail-Adresse, "
            "Gruppen, Art der Anmeldung), Zeitpunkt der Verknüpfung und der letzten Anmeldung",
            purpose="Anmeldung ohne eigenes Passwort; Zulassung und Ruhendstellen Ausgeschiedener",
            legal_basis="Art. 6 Abs. 1 lit. e, Art. 32 DSGVO",
            recipients="Geschäftsstelle; Betreiber (technisch)",
            retention="bis zur Löschung des Kontos",
        ),
        Activity(
            name="Protokoll: Anmeldungen",
            data="Anmeldung, Fehlversuch, Sperre, Abmeldung mit IP-Adresse und Zeitpunkt",
            purpose="Angriffe erkennen und aufklären (Informationssicherheit)",
            legal_basis="Art. 6 Abs. 1 lit. c und e, Art. 32 DSGVO; § 76 BDSG",
            recipients="Geschäftsstelle; die Person selbst (Auskunft)",
            retention=days(retention["login"]),
        ),
        Activity(
            name="Protokoll: Kontoänderungen",
            data="Zweiter Faktor, Wiederherstellungscodes, Passwort- und Adressänderung, Datenauskunft",
            purpose="Nachvollziehen, wer ein Konto wann geändert hat",
            legal_basis="Art. 5 Abs. 2, Art. 6 Abs. 1 lit. c und e DSGVO; § 76 BDSG",
            recipients="Geschäftsstelle; die Person selbst (Auskunft)",
            retention=days(retention["account"]),
        ),
        Activity(
            name="Protokoll: Rechte und Zugänge",
            data="Zulassung, (De-)Aktivierung, Zugänge zu Bereichen, Redaktion, Änderungen in der "
            "Administration, Einsicht in das Protokoll, Löschanträge",
            purpose="Beantworten, wer wann welche Rechte hatte und wer sie vergeben hat",
            legal_basis="Art. 5 Abs. 2, Art. 6 Abs. 1 lit. c und e DSGVO; § 76 BDSG",
            recipients="Geschäftsstelle; Leitung eines Bereichs für den eigenen Bereich",
            retention=days(retention["rights"]),
        ),
        Activity(
            name="Protokoll: Dateiabrufe",
            data="Wer welche Datei in welcher Version wann abgerufen hat",
            purpose="Weitergabe eines Dokuments zurückverfolgen können",
            legal_basis="Art. 6 Abs. 1 lit. e, Art. 32 DSGVO; § 76 BDSG",
            recipients="Geschäftsstelle; Leitung eines Bereichs für den eigenen Bereich",
            retention=days(retention["download"]),
        ),
    ]
