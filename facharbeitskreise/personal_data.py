"""The areas' provider of personal data (see partner/data_protection.py).

Only what the person holds, wrote or decided: their role in each area, their requests, threads,
replies, documents, versions and meetings they created, their attendance, the reviews of their
access, their decisions as Leitung and their notification settings. Names of co-members (whose
request a lead decided, who else attended) are not part of it (Art. 15(4) DSGVO); the person sees
them in the area itself.
"""

from __future__ import annotations

from benachrichtigungen.models import Subscription
from partner.data_protection import Activity, Section

from .access import roles_for
from .models import (
    AccessReview,
    AccessReviewItem,
    Arbeitskreis,
    ArbeitskreisDocument,
    ArbeitskreisDocumentVersion,
    Attendance,
    CalendarToken,
    Meeting,
    MembershipRequest,
    Post,
    Thread,
)
from .services import revoke_deactivated


def export(user) -> list[Section]:
    roles = roles_for(user)
    arbeitskreise = Arbeitskreis.objects.filter(pk__in=roles).order_by("name")
    return [
        Section(
            key="arbeitskreise",
            title="Mitgliedschaften in Arbeitskreisen und Projekten",
            columns=(("bereich", "Bereich"), ("rolle", "Rolle")),
            rows=[
                {"bereich": arbeitskreis.name, "rolle": roles[arbeitskreis.pk].label} for arbeitskreis in arbeitskreise
            ],
        ),
        Section(
            key="mitgliedschaftsantraege",
            title="Ihre Mitgliedschaftsanträge",
            columns=(
                ("bereich", "Bereich"),
                ("gestellt", "gestellt am"),
                ("begruendung", "Begründung"),
                ("status", "Status"),
            ),
            rows=[
                {
                    "bereich": r.arbeitskreis.name,
                    "gestellt": r.created_at,
                    "begruendung": r.reason,
                    "status": r.get_status_display(),
                }
                for r in MembershipRequest.objects.filter(user=user)
                .select_related("arbeitskreis")
                .order_by("created_at")
            ],
        ),
        _content(user),
        _lead(user),
        Section(
            key="zugriffsueberpruefungen",
            title="Überprüfungen Ihres Zugangs durch die Leitung",
            columns=(("bereich", "Bereich"), ("rolle", "Rolle"), ("entscheidung", "Entscheidung"), ("am", "am")),
            rows=[
                {
                    "bereich": item.review.arbeitskreis.name,
                    "rolle": item.get_role_display(),
                    "entscheidung": item.get_decision_display(),
                    "am": item.decided_at,
                }
                for item in AccessReviewItem.objects.filter(user=user)
                .select_related("review__arbeitskreis")
                .order_by("pk")
            ],
        ),
        Section(
            key="bereichsbeitraege",
            title="Ihre Diskussionsbeiträge",
            columns=(("bereich", "Bereich"), ("thema", "Thema"), ("geschrieben", "geschrieben am"), ("text", "Text")),
            rows=[
                {
                    "bereich": p.thread.arbeitskreis.name,
                    "thema": p.thread.title,
                    "geschrieben": p.created_at,
                    "text": p.body,
                }
                for p in Post.objects.filter(author=user).select_related("thread__arbeitskreis").order_by("created_at")
            ],
        ),
        Section(
            key="sitzungsteilnahmen",
            title="Ihre Teilnahme an Sitzungen",
            columns=(("bereich", "Bereich"), ("sitzung", "Sitzung"), ("beginn", "Beginn"), ("teilnahme", "Teilnahme")),
            rows=[
                {
                    "bereich": a.meeting.arbeitskreis.name,
                    "sitzung": a.meeting.title,
                    "beginn": a.meeting.starts_at,
                    "teilnahme": a.get_status_display(),
                }
                for a in Attendance.objects.filter(user=user)
                .select_related("meeting__arbeitskreis")
                .order_by("meeting__starts_at")
            ],
        ),
        Section(
            key="bereichsbenachrichtigungen",
            title="Benachrichtigungen aus den Bereichen",
            note="Ein Kalender-Abo wird nur als Datum genannt; sein Schlüssel bleibt geheim.",
            columns=(("bereich", "Bereich"), ("einstellung", "Einstellung"), ("seit", "seit")),
            rows=[
                {"bereich": s.topic.name, "einstellung": s.get_frequency_display(), "seit": s.created_at}
                for s in Subscription.objects.of_model(Arbeitskreis)
                .filter(user=user)
                .order_by("arbeitskreis__name")
                .prefetch_related("topic")
            ]
            + [
                {"bereich": "Kalender-Abo (alle Bereiche)", "einstellung": "eingerichtet", "seit": t.created_at}
                for t in CalendarToken.objects.filter(user=user)
            ],
        ),
    ]


def _content(user) -> Section:
    rows = [
        {"bereich": t.arbeitskreis.name, "art": "Diskussion", "titel": t.title, "am": t.created_at}
        for t in Thread.objects.filter(created_by=user).select_related("arbeitskreis")
    ]
    rows += [
        {"bereich": d.arbeitskreis.name, "art": "Dokument", "titel": d.title, "am": d.created_at}
        for d in ArbeitskreisDocument.objects.filter(created_by=user).select_related("arbeitskreis")
    ]
    rows += [
        {
            "bereich": v.document.arbeitskreis.name,
            "art": "Dokumentversion",
            "titel": f"{v.document.title} ({v.number})",
            "am": v.created_at,
        }
        for v in ArbeitskreisDocumentVersion.objects.filter(created_by=user).select_related("document__arbeitskreis")
    ]
    rows += [
        {"bereich": m.arbeitskreis.name, "art": "Sitzung", "titel": m.title, "am": m.created_at}
        for m in Meeting.objects.filter(created_by=user).select_related("arbeitskreis")
    ]
    return Section(
        key="bereichsinhalte",
        title="Von Ihnen angelegte Diskussionen, Dokumente und Sitzungen",
        columns=(("bereich", "Bereich"), ("art", "Art"), ("titel", "Titel"), ("am", "angelegt am")),
        rows=sorted(rows, key=lambda row: row["am"]),
    )


def _lead(user) -> Section:
    """What the person decided as Leitung: area, step and date, never whose request it was."""
    rows = [
        {
            "bereich": r.arbeitskreis.name,
            "vorgang": "Mitgliedschaftsantrag entschieden",
            "am": r.decided_at,
            "ergebnis": r.get_status_display(),
        }
        for r in MembershipRequest.objects.filter(decided_by=user).select_related("arbeitskreis")
    ]
    rows += [
        {
            "bereich": r.arbeitskreis.name,
            "vorgang": "Zugriffsüberprüfung begonnen",
            "am": r.started_at,
            "ergebnis": r.get_outcome_display(),
        }
        for r in AccessReview.objects.filter(started_by=user).select_related("arbeitskreis")
    ]
    return Section(
        key="leitung",
        title="Ihre Entscheidungen als Leitung",
        columns=(("bereich", "Bereich"), ("vorgang", "Vorgang"), ("am", "am"), ("ergebnis", "Ergebnis")),
        rows=sorted(rows, key=lambda row: row["am"]),
    )


def erase(user, *, by) -> None:
    # Contributions and attendance lists stay with the area (shown as "ehemaliges Mitglied").
    revoke_deactivated(user=user, reason="Konto gelöscht")
    CalendarToken.objects.filter(user=user).delete()


def activities() -> list[Activity]:
    return [
        Activity(
            name="Arbeitskreise und Projekte",
            data="Mitgliedschaft und Rolle, Mitgliedschaftsanträge mit Begründung, Diskussionsbeiträge, "
            "Dokumente, Sitzungen und Teilnahme, Benachrichtigungseinstellungen",
            purpose="Zusammenarbeit in geschlossenen Bereichen",
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO",
            recipients="Mitglieder des jeweiligen Bereichs; Geschäftsstelle (Zugänge, nicht die Inhalte)",
            retention="solange der Bereich besteht; Zugänge enden mit Deaktivierung, Überprüfung oder Löschung "
            "des Kontos",
        ),
    ]
