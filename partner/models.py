from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.actors import name_snapshot
from common.choices import ChoicesDisplayMixin
from common.row_urls import row_url


class PartnerKind(models.TextChoices):
    KOOPERATIONSPARTNER = "kooperation", _("Kooperationspartner")
    NETZWERKPARTNER = "netzwerk", _("Netzwerkpartner")


class PartnerType(models.TextChoices):
    KOMMUNE = "kommune", _("Kommune")
    KREIS = "kreis", _("Kreis")
    LANDESPOLIZEI = "landespolizei", _("Landespolizei")
    BUNDESPOLIZEI = "bundespolizei", _("Bundespolizei")
    ZOLL = "zoll", _("Zoll")
    FINANZVERWALTUNG = "finanzverwaltung", _("Finanzverwaltung")
    JUSTIZ = "justiz", _("Justiz")
    MINISTERIUM = "ministerium", _("Ministerium")
    BEZIRKSREGIERUNG = "bezirksregierung", _("Bezirksregierung")
    HOCHSCHULE = "hochschule", _("Hochschule")
    STIFTUNG = "stiftung", _("Stiftung / Verein")
    SONSTIGE = "sonstige", _("Sonstige Stelle")


def normalise_domain(value: str) -> str:
    return value.strip().lower().lstrip("@").rstrip(".")


def email_domain(email: str) -> str:
    return normalise_domain(email.rpartition("@")[2])


def domain_candidates(email: str) -> set[str]:
    """The address's domain and its parent domains: a stored domain covers its subdomains."""
    parts = email_domain(email).split(".")
    return {".".join(parts[i:]) for i in range(len(parts) - 1)}


class DomainCheck(models.TextChoices):
    MATCH = "match", _("Domain gehört zur gewählten Behörde")
    OTHER_PARTNER = "other_partner", _("Domain gehört zu einer anderen Partnerbehörde")
    UNKNOWN = "unknown", _("Domain ist keiner Partnerbehörde zugeordnet")


def domain_owner_ids(email: str, owners: dict[str, int]) -> set[int]:
    """The partners whose stored domains cover the address; `owners` maps domain to partner id."""
    return {owners[d] for d in domain_candidates(email) if d in owners}


def check_domain(email: str, partner_id: int | None, owners: dict[str, int]) -> DomainCheck:
    """Compare an address with the chosen authority; `owners` maps domain to partner id."""
    found = domain_owner_ids(email, owners)
    if partner_id is not None and partner_id in found:
        return DomainCheck.MATCH
    return DomainCheck.OTHER_PARTNER if found else DomainCheck.UNKNOWN


class PartnerQuerySet(models.QuerySet["Partner"]):
    def active(self) -> PartnerQuerySet:
        return self.filter(is_active=True)

    def for_email(self, email: str) -> PartnerQuerySet:
        """Partners whose stored domains cover the address (exact or a subdomain)."""
        return self.filter(domains__domain__in=domain_candidates(email)).distinct()

    def with_contact_count(self) -> PartnerQuerySet:
        return self.annotate(
            contact_count=Count(
                "staff",
                filter=Q(staff__is_contact_person=True) & admitted_q("staff"),
            )
        )


class Partner(ChoicesDisplayMixin, models.Model):
    """An authority or institution of the cooperation (Behörde / Institution)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    short_name = models.CharField(_("Kurzname"), max_length=80, blank=True)
    slug = models.SlugField(_("Kürzel in der Adresse"), max_length=100, unique=True)
    kind = models.CharField(_("Art der Partnerschaft"), max_length=20, choices=PartnerKind.choices)
    type = models.CharField(_("Behördentyp"), max_length=30, choices=PartnerType.choices)
    city = models.CharField(_("Ort"), max_length=100)
    joined_on = models.DateField(_("Beitritt"), null=True, blank=True)
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_active = models.BooleanField(
        _("aktiv"),
        default=True,
        help_text=_("Inaktive Partner erscheinen nicht mehr bei der Registrierung."),
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("Behörde / Institution")
        verbose_name_plural = _("Behörden & Institutionen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return row_url("partner:detail", slug=self.slug)


class PartnerDomain(models.Model):
    """An e-mail domain that belongs to a partner; subdomains are covered too."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="domains", verbose_name=_("Partner"))
    domain = models.CharField(_("E-Mail-Domain"), max_length=253, unique=True, help_text=_("z. B. polizei.nrw.de"))

    class Meta:
        verbose_name = _("E-Mail-Domain")
        verbose_name_plural = _("E-Mail-Domains")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def save(self, *args, **kwargs) -> None:
        self.domain = normalise_domain(self.domain)
        super().save(*args, **kwargs)

    @classmethod
    def owners(cls) -> dict[str, int]:
        """Every stored domain with its partner's id: one query for a whole list page."""
        return dict(cls.objects.values_list("domain", "partner_id"))


def admitted_q(path: str = "") -> Q:
    """The one rule for "admitted", as a filter on a user reached through `path` (e.g. "user",
    "group__user"; "" for the user table itself). `User.is_admitted` is the same rule on one row."""
    return Q(**{f"{path}__status" if path else "status": User.Status.ADMITTED})


def is_admitted_account(user) -> bool:
    """The person of a request (perhaps anonymous, perhaps None) is a logged-in, admitted account."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_admitted)


class UserQuerySet(models.QuerySet["User"]):
    def admitted(self) -> UserQuerySet:
        return self.filter(admitted_q())

    def contact_persons(self) -> UserQuerySet:
        return self.admitted().filter(is_contact_person=True)

    def in_directory(self) -> UserQuerySet:
        """The contact persons the directory shows: those of an active authority (its page lists
        `partner.staff.contact_persons()`); people of an authority outside it appear on no page."""
        return self.contact_persons().filter(partner__in=Partner.objects.active())

    def awaiting_admission(self) -> UserQuerySet:
        return self.filter(status=User.Status.VERIFIED)

    def expired_applications(self, *, now=None, days: int) -> UserQuerySet:
        cutoff = (now or timezone.now()) - timezone.timedelta(days=days)
        return self.filter(status=User.Status.APPLIED, date_joined__lt=cutoff)


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    def _create_user(self, email, password, **extra_fields):  # type: ignore[override]
        if not email:
            raise ValueError("Eine E-Mail-Adresse ist erforderlich.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("status", User.Status.ADMITTED)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of staff of a partner authority, from application to deactivation."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("E-Mail-Adresse nicht bestätigt")
        VERIFIED = "verified", _("Wartet auf Zulassung")
        ADMITTED = "admitted", _("Zugelassen")
        REJECTED = "rejected", _("Abgelehnt")
        DEACTIVATED = "deactivated", _("Deaktiviert")
        # Deleted at the person's request (Art. 17 DSGVO): the row stays, anonymised, so that
        # contributions keep an author ("ehemaliges Mitglied"); see partner/erasure.py.
        ERASED = "erased", _("Gelöscht (anonymisiert)")
        # Automatically paused (not re-confirmed, no login for long, authority left the
        # cooperation): login refused, memberships and grants kept for a reactivation.
        SUSPENDED = "suspended", _("Ruhend")

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        verbose_name=_("Behörde"),
    )
    other_authority = models.CharField(
        _("Andere Behörde"),
        max_length=200,
        blank=True,
        help_text=_("Nur wenn die Behörde nicht im Verzeichnis steht."),
    )
    unit = models.CharField(_("Organisationseinheit"), max_length=200)
    function = models.CharField(_("Funktion"), max_length=200)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    access_reason = models.TextField(_("Begründung des Zugangs"), blank=True)
    is_contact_person = models.BooleanField(
        _("Als Ansprechperson meiner Behörde anzeigen"),
        default=False,
        help_text=_(
            "Name, Organisationseinheit, Funktion, E-Mail und Telefon erscheinen dann "
            "für alle zugelassenen Nutzerinnen und Nutzer unter „Behörden & Institutionen“."
        ),
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.APPLIED)
    status_changed_at = models.DateTimeField(_("Status geändert am"), default=timezone.now)
    # Re-certification (partner.recertification): when the account was last confirmed (admission,
    # reactivation, a contact person or the office), and when the current warnings went out.
    certified_at = models.DateTimeField(_("zuletzt bestätigt am"), default=timezone.now)
    recertification_warned_at = models.DateTimeField(_("an Bestätigung erinnert am"), null=True, blank=True)
    inactivity_warned_at = models.DateTimeField(_("wegen Inaktivität gewarnt am"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("Nutzerin / Nutzer")
        verbose_name_plural = _("Nutzerinnen und Nutzer")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="partner_user_email_ci_unique"),
        ]
        permissions = [
            ("review_application", _("Kann Zulassungsanträge prüfen und entscheiden")),
            ("manage_accounts", _("Kann Nutzerkonten deaktivieren und reaktivieren")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs) -> None:
        # Django refuses inactive users at login and on every request (get_user),
        # so tying is_active to the admission state makes "not admitted" a hard stop.
        self.is_active = self.is_admitted
        if kwargs.get("update_fields") is not None and "status" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "is_active"}
        super().save(*args, **kwargs)

    @property
    def is_admitted(self) -> bool:
        """Admitted by the Geschäftsstelle and not deactivated since (`UserQuerySet.admitted` on one row)."""
        return self.status == self.Status.ADMITTED

    @property
    def authority_name(self) -> str:
        return self.partner.name if self.partner_id else self.other_authority

    @property
    def is_geschaeftsstelle(self) -> bool:
        return self.is_active and self.has_perm("partner.review_application")

    def domain_check(self, owners: dict[str, int] | None = None) -> DomainCheck:
        return check_domain(self.email, self.partner_id, PartnerDomain.owners() if owners is None else owners)

    def owns_email_domain(self, email: str) -> bool:
        """Whether the address lies in a domain of the person's own authority (subdomains included)."""
        return self.partner_id is not None and Partner.objects.for_email(email).filter(pk=self.partner_id).exists()


class Decision(models.Model):
    """A decision of the Geschäftsstelle on an account: who decided what, when and why."""

    class Action(models.TextChoices):
        ADMITTED = "admitted", _("zugelassen")
        REJECTED = "rejected", _("abgelehnt")
        DEACTIVATED = "deactivated", _("deaktiviert")
        REACTIVATED = "reactivated", _("reaktiviert")
        SUSPENDED = "suspended", _("ruhend gestellt")

    # SET_NULL: the decision outlives the account (audit history); the name stays as text.
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="decisions", verbose_name=_("Konto")
    )
    user_name = models.CharField(_("Konto (Name)"), max_length=300, blank=True)
    action = models.CharField(_("Entscheidung"), max_length=20, choices=Action.choices)
    reason = models.TextField(_("Begründung"), blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entschieden von"),
    )
    # Kept as text so the record stays readable after the deciding account is gone.
    decided_by_name = models.CharField(_("entschieden von (Name)"), max_length=300)
    decided_at = models.DateTimeField(_("entschieden am"), default=timezone.now)
    notified_at = models.DateTimeField(_("benachrichtigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Entscheidung")
        verbose_name_plural = _("Entscheidungen")
        ordering = ["-decided_at", "-pk"]
        get_latest_by = "decided_at"

    def __str__(self) -> str:
        return f"{self.user or self.user_name} {self.get_action_display()} am {self.decided_at:%d.%m.%Y}"

    def save(self, *args, **kwargs) -> None:
        if self.user is not None and not self.user_name:
            self.user_name = name_snapshot(self.user)
        super().save(*args, **kwargs)


class SuspensionCause(models.TextChoices):
    """Why the portal suspends an account (partner.recertification); the audit log's detail "cause"."""

    RECERTIFICATION = "recertification", _("nicht rechtzeitig bestätigt")
    INACTIVITY = "inactivity", _("lange keine Anmeldung")
    PARTNER_LEFT = "partner_left", _("Behörde aus der Kooperation ausgeschieden")
    SSO_LEAVER = "sso_leaver", _("lange keine Anmeldung über den Anmeldedienst der Behörde")


def _cause_label(detail: dict) -> str:
    cause = detail.get("cause")
    return str(SuspensionCause(cause).label) if cause in SuspensionCause.values else ""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    # Append-only: the application records events and never rewrites or removes them.
    # (Deleting an account still sets actor/subject to NULL: Django's collector updates
    # through the base manager, and the name snapshots keep the entry readable.)
    def update(self, **kwargs):
        raise TypeError("AuditEvent ist unveränderlich: Einträge werden nur angelegt.")

    def delete(self):
        raise TypeError("AuditEvent ist unveränderlich: Einträge werden nicht gelöscht.")


class AuditEvent(models.Model):
    """One entry of the portal's audit log: who did what to which account, when.

    Written only through `partner.audit.audit_record`; never changed or deleted by the
    application. `detail` holds short facts (old and new address, changed field names,
    a reason) and never a password, hash or secret.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", _("Anmeldung")
        LOGIN_FAILED = "login_failed", _("Anmeldung fehlgeschlagen")
        LOCKED_OUT = "locked_out", _("Anmeldung gesperrt (zu viele Fehlversuche)")
        LOGOUT = "logout", _("Abmeldung")
        MFA_ADDED = "mfa_added", _("Zweiter Faktor eingerichtet")
        MFA_REMOVED = "mfa_removed", _("Zweiter Faktor entfernt")
        MFA_RESET = "mfa_reset", _("Wiederherstellungscodes neu erzeugt")
        RECOVERY_CODE_USED = "recovery_code_used", _("Wiederherstellungscode verwendet")
        PASSWORD_CHANGED = "password_changed", _("Passwort geändert")
        PASSWORD_RESET = "password_reset", _("Passwort zurückgesetzt")
        EMAIL_CHANGED = "email_changed", _("Anmeldeadresse geändert")
        EMAIL_CHANGE_REQUESTED = "email_change_requested", _("Änderung der Anmeldeadresse veranlasst")
        ADMITTED = "admitted", _("Antrag zugelassen")
        REJECTED = "rejected", _("Antrag abgelehnt")
        DEACTIVATED = "deactivated", _("Konto deaktiviert")
        REACTIVATED = "reactivated", _("Konto reaktiviert")
        SUSPENDED = "suspended", _("Konto ruhend gestellt")
        SUSPENSION_WARNED = "suspension_warned", _("Ruhendstellung angekündigt")
        RECERTIFIED = "recertified", _("Konto bestätigt (Rezertifizierung)")
        AREA_GRANTED = "area_granted", _("Zugang zum Arbeitsbereich erteilt")
        AREA_ROLE_CHANGED = "area_role_changed", _("Rolle im Arbeitsbereich geändert")
        AREA_REVOKED = "area_revoked", _("Zugang zum Arbeitsbereich entzogen")
        EDITOR_GRANTED = "editor_granted", _("Redaktion übertragen")
        EDITOR_REVOKED = "editor_revoked", _("Redaktion entzogen")
        ADMIN_CHANGE = "admin_change", _("Änderung in der Administration")
        DOWNLOAD = "download", _("Datei abgerufen")
        AUDIT_VIEWED = "audit_viewed", _("Protokoll eingesehen")
        STATISTICS_EXPORTED = "statistics_exported", _("Statistik exportiert")
        PARTICIPANTS_EXPORTED = "participants_exported", _("Teilnehmerliste einer Veranstaltung exportiert")
        DATA_EXPORTED = "data_exported", _("Eigene Daten abgerufen")
        DELETION_REQUESTED = "deletion_requested", _("Löschung des Kontos beantragt")
        DELETION_WITHDRAWN = "deletion_withdrawn", _("Löschantrag zurückgezogen")
        DELETION_DECLINED = "deletion_declined", _("Löschantrag abgelehnt")
        ACCOUNT_ERASED = "account_erased", _("Konto gelöscht (anonymisiert)")
        SSO_LINKED = "sso_linked", _("Konto mit dem Anmeldedienst der Behörde verknüpft")
        SSO_REFUSED = "sso_refused", _("Anmeldung über den Anmeldedienst abgelehnt")
        ACKNOWLEDGED = "acknowledged", _("Lagebild zur Kenntnis genommen")
        ACKNOWLEDGEMENT_REMINDED = "acknowledgement_reminded", _("An Kenntnisnahme erinnert")
        ACKNOWLEDGEMENTS_EXPORTED = "acknowledgements_exported", _("Kenntnisnahmen exportiert")
        LAGEBILD_EDITED = "lagebild_edited", _("Lagebild geändert")
        LAGEBILD_WITHDRAWN = "lagebild_withdrawn", _("Lagebild zurückgezogen")
        DIRECTORY_CREATED = "directory_created", _("Zuständigkeit für eine andere Person angelegt")
        DIRECTORY_CHANGED = "directory_changed", _("Zuständigkeit einer anderen Person geändert")
        DIRECTORY_DELETED = "directory_deleted", _("Zuständigkeit einer anderen Person gelöscht")
        DIRECTORY_CONFIRMED = "directory_confirmed", _("Zuständigkeit einer anderen Person bestätigt")
        DOCUMENT_SUPERSEDED = "document_superseded", _("Dokument als überholt markiert")
        DOCUMENT_REINSTATED = "document_reinstated", _("Dokument wieder als aktuell markiert")

    at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, db_index=True)
    kind = models.CharField(_("Ereignis"), max_length=40, choices=Kind.choices)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("ausgeführt von")
    )
    # Kept as text so the record stays readable after the account is gone (as on Decision).
    actor_name = models.CharField(_("ausgeführt von (Name)"), max_length=300)
    subject = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("betroffenes Konto"),
    )
    subject_name = models.CharField(_("betroffenes Konto (Name)"), max_length=300, blank=True)
    detail = models.JSONField(_("Einzelheiten"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    # Only on login events (sign-in, failure, lock-out, logout): to tell an attack from a typo.
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    # Where it happened, "<app>:<slug>" (e.g. "facharbeitskreise:lagebild"): the filter by area and
    # the lead's view of their own area. Text, because partner imports no other app.
    area = models.CharField(_("Bereich"), max_length=120, blank=True, db_index=True)
    # What it concerned, "<app>.<model>:<pk>" (e.g. "fachgebiete.document:12"): who fetched a document.
    target = models.CharField(_("Gegenstand"), max_length=120, blank=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"], name="partner_audit_subject_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_name or '–'} ({self.at:%d.%m.%Y %H:%M})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise TypeError("AuditEvent ist unveränderlich: Einträge werden nur angelegt.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("AuditEvent ist unveränderlich: Einträge werden nicht gelöscht.")

    @property
    def summary(self) -> str:
        """The entry in one German line, for the office's account page."""
        detail = self.detail or {}
        if "new" in detail:
            return f"{detail.get('old') or '–'} → {detail['new']}"
        if self.kind == self.Kind.DOWNLOAD:
            version = f" (Version {detail['version']})" if detail.get("version") else ""
            return f"{detail.get('name', '')}{version}"
        if self.kind == self.Kind.SUSPENSION_WARNED:
            due = ".".join(reversed(str(detail.get("due", "")).split("-")))
            return f"{_cause_label(detail)} · ruht ab {due}"
        if self.kind == self.Kind.SUSPENDED and detail.get("cause"):
            return f"{_cause_label(detail)} · {detail.get('reason', '')}"
        if "model" not in detail:
            # Security and rights events: the facts worth a line, never a secret (see audit.py).
            parts = [
                detail.get("area"),
                detail.get("group"),
                detail.get("role"),
                detail.get("reason"),
                detail.get("type"),
            ]
            return " · ".join(str(part) for part in parts if part)
        action = {"add": "angelegt", "change": "geändert", "delete": "gelöscht"}.get(detail.get("action", ""), "")
        fields = [
            name
            for entry in detail.get("message") or []
            if isinstance(entry, dict)
            for name in entry.get("changed", {}).get("fields", [])
        ]
        text = f"{detail.get('object', '')} ({detail.get('model', '')}) {action}".strip()
        return f"{text}: {', '.join(fields)}" if fields else text


from .privacy_models import DeletionRequest  # noqa: E402, F401 - a model of this app, in its own module
from .sso.models import IdentityProvider  # noqa: E402, F401 - a model of this app, in its own module
