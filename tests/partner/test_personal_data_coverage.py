"""Every reference from a record to an account is accounted for by the data protection.

Like the route classification: whoever adds a model that points at a person decides here
whether the export („Meine Daten“) shows it and what the erasure does with it — a new
reference that is not listed fails `test_every_reference_to_an_account_is_classified`.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import import_module

# (model, field) -> where the export shows it, or why it does not.
EXPORTED = "export"
KNOWN: dict[tuple[str, str], str] = {
    ("account.EmailAddress", "user"): EXPORTED,
    ("mfa.Authenticator", "user"): EXPORTED,
    ("usersessions.UserSession", "user"): EXPORTED,
    ("socialaccount.SocialAccount", "user"): EXPORTED,
    ("partner.Decision", "user"): EXPORTED,
    ("partner.AuditEvent", "actor"): EXPORTED,
    ("partner.AuditEvent", "subject"): EXPORTED,
    ("partner.DeletionRequest", "user"): EXPORTED,
    ("fachgebiete.FachgebietUserObjectPermission", "user"): EXPORTED,
    ("fachgebiete.FachgebietVisit", "user"): EXPORTED,
    ("fachgebiete.Article", "author"): EXPORTED,
    ("fachgebiete.Document", "author"): EXPORTED,
    ("fachgebiete.Rechtstatsache", "author"): EXPORTED,
    ("fachgebiete.Article", "reviewed_by"): EXPORTED,
    ("fachgebiete.Document", "reviewed_by"): EXPORTED,
    ("fachgebiete.Rechtstatsache", "reviewed_by"): EXPORTED,
    ("fachgebiete.DocumentVersion", "created_by"): EXPORTED,
    ("fachgebiete.LifecycleEvent", "created_by"): EXPORTED,
    ("fachgebiete.Document", "superseded_by"): (
        "who marked a Muster überholt: exported as the same mark's LifecycleEvent (gemeldete Änderungen)"
    ),
    ("benachrichtigungen.Subscription", "user"): EXPORTED,
    ("facharbeitskreise.ArbeitskreisDocument", "created_by"): EXPORTED,
    ("facharbeitskreise.ArbeitskreisDocumentVersion", "created_by"): EXPORTED,
    ("facharbeitskreise.Meeting", "created_by"): EXPORTED,
    ("facharbeitskreise.Attendance", "user"): EXPORTED,
    ("facharbeitskreise.CalendarToken", "user"): EXPORTED,
    ("facharbeitskreise.Thread", "created_by"): EXPORTED,
    ("facharbeitskreise.Post", "author"): EXPORTED,
    ("facharbeitskreise.MembershipRequest", "user"): EXPORTED,
    ("facharbeitskreise.MembershipRequest", "decided_by"): EXPORTED,
    ("facharbeitskreise.AccessReview", "started_by"): EXPORTED,
    ("facharbeitskreise.AccessReviewItem", "user"): EXPORTED,
    ("facharbeitskreise.ArbeitskreisUserObjectPermission", "user"): EXPORTED,
    ("newsletter.Subscriber", "user"): EXPORTED,
    ("newsletter.Issue", "created_by"): EXPORTED,
    ("sikoportal.Visit", "user"): EXPORTED,
    ("zustaendigkeiten.Zustaendigkeit", "person"): EXPORTED,
    (
        "zustaendigkeiten.Zustaendigkeit",
        "confirmed_by",
    ): "who confirmed an entry (often another person's); forgotten by the erasure",
    ("lagebilder.Acknowledgement", "user"): EXPORTED,
    ("veranstaltungen.Registration", "user"): EXPORTED,
    ("veranstaltungen.Event", "created_by"): EXPORTED,
    # Not shown on their own:
    ("admin.LogEntry", "user"): "operators' admin changes; each is in the audit log (admin_change)",
    ("guardian.UserObjectPermission", "user"): "unused generic table; grants live in the direct tables",
    ("partner.Decision", "decided_by"): "decisions about other people; the audit log lists them as the person's acts",
    ("partner.DeletionRequest", "decided_by"): "decisions about other people; in the audit log",
    ("dokumente.StoredFile", "uploaded_by"): "the file of a document version or attachment, exported there",
    ("facharbeitskreise.ArbeitskreisEvent", "actor"): "the members' news feed of content that is exported itself",
    ("lagebilder.Lagebild", "published_by"): "the office's publication for an audience; in no one's own data",
    ("lagebilder.Lagebild", "withdrawn_by"): "the office's withdrawal; in the audit log (lagebild_withdrawn)",
    (
        "benachrichtigungen.Notice",
        "user",
    ): "mails still to go out, checked against access at send time; erased with the account",
}


def references_to_accounts() -> set[tuple[str, str]]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return {
        (model._meta.label, field.name)
        for model in apps.get_models()
        if not model.__module__.startswith("tests.")
        for field in model._meta.get_fields()
        if field.concrete and (field.many_to_one or field.one_to_one) and field.related_model is user_model
    }


def test_every_reference_to_an_account_is_classified():
    unclassified = references_to_accounts() - set(KNOWN)
    assert unclassified == set(), f"In KNOWN eintragen (Export oder Grund): {sorted(unclassified)}"


def test_no_stale_classification():
    assert set(KNOWN) - references_to_accounts() == set()


def test_every_provider_offers_export_erase_and_activities():
    for path in settings.SIKO_PERSONAL_DATA_PROVIDERS:
        module = import_module(path)
        assert all(callable(getattr(module, name, None)) for name in ("export", "erase", "activities")), path
