"""What the global search finds of "Wer ist zuständig?": one entry per responsibility.

Its title names Fachgebiet, place and authority type next to the person ("Shisha in Duisburg
(Zoll): Jens Kaya"), so that a search for exactly those words ranks the responsible person above
everything that mentions them in passing. The search joins back to `visible(user)`, the
directory's own rule; whoever leaves the directory (deactivated, suspended, moved) loses the
entry itself, not merely its visibility. Telephone and e-mail stay on the page.
"""

from __future__ import annotations

from django.db.models import QuerySet

from common import rubrics
from fachgebiete.models import Fachgebiet
from partner.models import Partner, User
from suche.entry import Entry

from .models import Zustaendigkeit
from .regions import SEARCH_WORDS

TITLE_LENGTH = 300
RUBRIC = rubrics.ZUSTAENDIGKEITEN.slug


def join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


class ZustaendigkeitSource:
    kind = "zustaendigkeit"
    label = "Zuständigkeit"
    label_plural = "Zuständigkeiten"
    model = Zustaendigkeit
    # Confirming changes no word of the entry.
    unindexed_fields = frozenset({"confirmed_at", "confirmed_by", "reminded_at", "contacts_reminded_at"})

    def visible(self, user) -> QuerySet:
        return Zustaendigkeit.objects.visible_to(user)

    def indexable(self) -> QuerySet:
        return Zustaendigkeit.objects.listed().select_related("fachgebiet", "partner", "person")

    def entry(self, entry: Zustaendigkeit) -> Entry:
        partner, person = entry.partner, entry.person
        region = entry.get_region_display()
        heading = f"{entry.fachgebiet.name} in {region} ({partner.get_type_display()})"
        return Entry(
            rubric=RUBRIC,
            title=f"{heading}: {person.get_full_name() or 'Ansprechperson'}"[:TITLE_LENGTH],
            url=entry.get_absolute_url(),
            context=f"Wer ist zuständig? · {partner.name}"[:TITLE_LENGTH],
            a=partner.short_name,
            b=join(entry.unit, entry.note),
            words=join(
                "Wer ist zuständig Zuständigkeit zuständig Ansprechperson Ansprechpartner Kontakt",
                partner.name,
                SEARCH_WORDS.get(entry.region, ""),
            ),
            fachgebiet_id=entry.fachgebiet_id,
            partner_id=partner.pk,
        )

    def dependents(self) -> dict:
        # A renamed Fachgebiet or authority, a person renamed, deactivated or moved: the entries follow
        # (also those no longer listed, so that the index drops them).
        return {
            Fachgebiet: lambda fachgebiet: Zustaendigkeit.objects.filter(fachgebiet_id=fachgebiet.pk),
            Partner: lambda partner: Zustaendigkeit.objects.filter(partner_id=partner.pk),
            User: lambda user: Zustaendigkeit.objects.filter(person_id=user.pk),
        }

    def for_files(self, file_ids) -> QuerySet:
        return Zustaendigkeit.objects.none()


SOURCES = [ZustaendigkeitSource()]
