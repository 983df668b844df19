"""Personal data of the Lagebilder (see partner/data_protection.py): the person's acknowledgements.

Only of Lagebilder still addressed to the person: the title of a closed area's Lagebild must not
reach someone who has left the area. A withdrawn one stays listed (the acknowledgement is still
kept). The erasure deletes them.
"""

from __future__ import annotations

from partner.data_protection import Activity, Section
from zielgruppen.models import Audience

from .models import Acknowledgement


def export(user) -> list[Section]:
    rows = (
        Acknowledgement.objects.filter(user=user, lagebild__audience__in=Audience.objects.reaching(user))
        .select_related("lagebild")
        .order_by("at")
    )
    return [
        Section(
            key="lagebilder_kenntnisnahmen",
            title="Zur Kenntnis genommene Lagebilder und Hinweise",
            columns=(("titel", "Titel"), ("art", "Art"), ("am", "zur Kenntnis genommen am")),
            rows=[{"titel": row.lagebild.title, "art": row.lagebild.get_kind_display(), "am": row.at} for row in rows],
        )
    ]


def erase(user, *, by) -> None:
    Acknowledgement.objects.filter(user=user).delete()


def activities() -> list[Activity]:
    return [
        Activity(
            name="Lagebilder und Hinweise: Kenntnisnahme",
            data="Je an die Person gerichtetem Lagebild oder Hinweis, ob und wann sie ihn zur Kenntnis genommen "
            "hat; ob sie einmalig erinnert wurde",
            purpose="Sicherstellen, dass lagerelevante Informationen die zuständigen Stellen erreichen",
            legal_basis="Art. 6 Abs. 1 lit. e DSGVO",
            recipients="Geschäftsstelle (Übersicht je Behörde und Person, CSV-Export)",
            retention="solange das Lagebild besteht; bei Löschung des Kontos gelöscht",
        ),
    ]
