"""The cooperation's authorities, their e-mail domains and their staff's accounts."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
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
