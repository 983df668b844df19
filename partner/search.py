"""What the global search finds in "Behörden & Institutionen": the authorities and their contact persons.

The search joins its entries back to `visible(user)`, the directory's own querysets, so it never
shows an authority or a person the directory would not. Contact persons are personal data: only
people who chose to be listed (`is_contact_person`) and are admitted are indexed at all, and only
what the directory's cards show besides e-mail and telephone – those stay on the page.

The protocol is in `suche.sources`; of the search this app imports only the entry it returns
(`suche.entry`), never the portal.
"""

from __future__ import annotations

from django.db.models import QuerySet

from common import rubrics
from suche.entry import Entry

from .models import Partner, User

TITLE_LENGTH = 300


def join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


RUBRIC = rubrics.BEHOERDEN.slug


class PartnerSource:
    kind = "behoerde"
    label = "Behörde / Institution"
    label_plural = "Behörden & Institutionen"
    model = Partner

    def visible(self, user) -> QuerySet:
        # The directory lists and opens active partners only (views.partner_list / partner_detail).
        return Partner.objects.active()

    def indexable(self) -> QuerySet:
        return Partner.objects.all()

    def entry(self, partner: Partner) -> Entry:
        return Entry(
            rubric=RUBRIC,
            title=partner.name[:TITLE_LENGTH],
            url=partner.get_absolute_url(),
            context=f"Behörde · {partner.city}",
            a=partner.short_name,
            words=join(
                "Behörde Institution Partner",
                partner.get_type_display(),
                partner.get_kind_display(),
                partner.city,
            ),
            c=partner.description,
            partner_id=partner.pk,
        )

    def dependents(self) -> dict:
        return {}

    def for_files(self, file_ids) -> QuerySet:
        return Partner.objects.none()


class ContactPersonSource:
    kind = "person"
    label = "Ansprechperson"
    label_plural = "Ansprechpersonen"
    model = User
    # Every login saves last_login (and a password change the hash): nothing of it is in the entry.
    unindexed_fields = frozenset({"last_login", "password"})

    def visible(self, user) -> QuerySet:
        return User.objects.in_directory()

    def indexable(self) -> QuerySet:
        # Personal data: whoever unlists themselves, is deactivated or whose authority leaves the
        # directory has no entry any more (not merely a hidden one).
        return User.objects.in_directory().select_related("partner")

    def entry(self, person: User) -> Entry:
        partner = person.partner
        return Entry(
            rubric=RUBRIC,
            title=(person.get_full_name() or "Ansprechperson")[:TITLE_LENGTH],
            url=f"{partner.get_absolute_url()}#ansprechperson-{person.pk}",  # the card on the authority page
            context=partner.name[:TITLE_LENGTH],
            words=join(
                "Ansprechperson Ansprechpartner Ansprechpartnerin Kontakt",
                partner.name,
                partner.short_name,
                partner.get_type_display(),
                partner.city,
            ),
            c=join(person.unit, person.function),
            partner_id=partner.pk,
        )

    def dependents(self) -> dict:
        # Renamed or taken out of the directory: its people's entries follow. Returned whether the
        # authority is still listed or not, so the index can drop the entries that no page shows any more.
        return {Partner: lambda partner: User.objects.contact_persons().filter(partner_id=partner.pk)}

    def for_files(self, file_ids) -> QuerySet:
        return User.objects.none()


SOURCES = [PartnerSource(), ContactPersonSource()]
