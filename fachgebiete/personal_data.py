"""The Fachgebiete's provider of personal data (see partner/data_protection.py)."""

from __future__ import annotations

from partner.data_protection import Activity, Section

from .models import SECTION_MODELS, Document, DocumentVersion, FachgebietUserObjectPermission, FachgebietVisit
from .notifications import follows_of
from .services import editor_revoke


def _items(**lookup) -> list[dict]:
    """The person's items of all three sections, with both dates; the caller picks its columns."""
    return [
        {
            "fachgebiet": item.fachgebiet.name,
            "rubrik": model.section_label,
            "titel": item.title,
            "status": item.get_status_display(),
            "angelegt": item.created_at,
            "veroeffentlicht": item.published_at,
            "geprueft": item.reviewed_at,
        }
        for model in SECTION_MODELS.values()
        for item in model.objects.filter(**lookup).select_related("fachgebiet").order_by("created_at")
    ]


def export(user) -> list[Section]:
    contributions = _items(author=user)
    reviews = _items(reviewed_by=user)
    versions = DocumentVersion.objects.filter(created_by=user).select_related("document__fachgebiet")
    return [
        Section(
            key="fachgebiete_beitraege",
            title="Ihre Beiträge in den Fachgebieten",
            columns=(
                ("fachgebiet", "Fachgebiet"),
                ("rubrik", "Rubrik"),
                ("titel", "Titel"),
                ("status", "Status"),
                ("angelegt", "angelegt am"),
                ("veroeffentlicht", "veröffentlicht am"),
            ),
            rows=contributions,
        ),
        Section(
            key="fachgebiete_dokumentversionen",
            title="Von Ihnen hochgeladene Dokumentversionen",
            columns=(("fachgebiet", "Fachgebiet"), ("dokument", "Dokument"), ("version", "Version"), ("am", "am")),
            rows=[
                {
                    "fachgebiet": v.document.fachgebiet.name,
                    "dokument": v.document.title,
                    "version": v.number,
                    "am": v.created_at,
                }
                for v in versions.order_by("created_at")
            ],
        ),
        Section(
            key="fachgebiete_pruefungen",
            title="Von Ihnen als Redaktion geprüfte Beiträge",
            note="Ohne die Namen der Einreichenden.",
            columns=(
                ("fachgebiet", "Fachgebiet"),
                ("rubrik", "Rubrik"),
                ("titel", "Titel"),
                ("status", "Status"),
                ("geprueft", "geprüft am"),
            ),
            rows=reviews,
        ),
        Section(
            key="fachgebiete_ueberholt",
            title="Von Ihnen als überholt markierte Dokumente",
            columns=(("fachgebiet", "Fachgebiet"), ("dokument", "Dokument"), ("am", "am")),
            rows=[
                {"fachgebiet": d.fachgebiet.name, "dokument": d.title, "am": d.superseded_at}
                for d in Document.objects.filter(superseded_marked_by=user)
                .select_related("fachgebiet")
                .order_by("superseded_at")
            ],
        ),
        Section(
            key="redaktion",
            title="Redaktion",
            note="Fachgebiete, deren Redaktion Ihnen persönlich übertragen ist.",
            columns=(("fachgebiet", "Fachgebiet"),),
            rows=[{"fachgebiet": grant.content_object.name} for grant in _editor_grants(user)],
        ),
        Section(
            key="fachgebiete_abonnements",
            title="Abonnierte Fachgebiete",
            columns=(("fachgebiet", "Fachgebiet"), ("benachrichtigung", "Benachrichtigung"), ("seit", "seit")),
            rows=[
                {"fachgebiet": f.topic.name, "benachrichtigung": f.get_frequency_display(), "seit": f.created_at}
                for f in follows_of(user)
            ],
        ),
        Section(
            key="fachgebiete_besuche",
            title="Zuletzt besuchte Fachgebiete",
            note="Damit das Portal Neues seit Ihrem letzten Besuch markieren kann.",
            columns=(("fachgebiet", "Fachgebiet"), ("zuletzt", "zuletzt besucht")),
            rows=[
                {"fachgebiet": v.fachgebiet.name, "zuletzt": v.seen_at}
                for v in FachgebietVisit.objects.filter(user=user).select_related("fachgebiet")
            ],
        ),
    ]


def _editor_grants(user):
    return (
        FachgebietUserObjectPermission.objects.redaktion()
        .held_by(user)
        .select_related("content_object")
        .order_by("content_object__name")
    )


def erase(user, *, by) -> None:
    # Contributions stay (author: "ehemaliges Mitglied"); the Redaktion ends, recorded as usual.
    for grant in _editor_grants(user):
        editor_revoke(fachgebiet=grant.content_object, user=user, by=by, notify=False)
    FachgebietVisit.objects.filter(user=user).delete()


def activities() -> list[Activity]:
    return [
        Activity(
            name="Beiträge in den Fachgebieten",
            data="Verfasserin/Verfasser, Zeitpunkte von Einreichung, Prüfung und Veröffentlichung",
            purpose="Redaktioneller Ablauf und Nachweis der Herkunft eines Beitrags",
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO",
            recipients="alle zugelassenen Nutzerinnen und Nutzer (veröffentlichte Beiträge); Redaktion",
            retention="solange der Beitrag besteht; nach Löschung des Kontos als „ehemaliges Mitglied“",
        ),
        Activity(
            name="Abonnements und Besuche der Fachgebiete",
            data="Abonnierte Fachgebiete mit Häufigkeit; Zeitpunkt des letzten Besuchs je Fachgebiet",
            purpose="Benachrichtigung über Neues; Markierung „neu“ seit dem letzten Besuch",
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO (Abonnement: auf eigenen Wunsch)",
            recipients="niemand außer der Person selbst",
            retention="bis zur Abbestellung, Deaktivierung oder Löschung des Kontos",
        ),
    ]
