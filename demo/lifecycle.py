"""Demo: the lifecycle of Muster and Rechtstatsachen (successors, Wiedervorlage, gültig bis, follow-up
decisions), from the optional fields of the TOML files under demo/inhalte/:

- Muster: `nachfolger` (title of the successor in the same Fachgebiet), `wiedervorlage_in_tagen`
  (days from today; negative: due already), `gueltig_bis_in_tagen` (days after "gültig ab");
- Rechtstatsachen: `folgeentscheidung` (Aktenzeichen of the follow-up decision in the same
  Fachgebiet), `wiedervorlage_in_tagen`.

Runs after demo.fachgebiete. Idempotent, and it fills only what is empty: dates the Redaktion changed
in the demo stay as they are. Plain updates: the demo announces nothing to anybody.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from fachgebiete import fragments
from fachgebiete.models import Document, Fachgebiet, Rechtstatsache

from .fachgebiete import content


def _in_days(entry: dict, key: str, start: datetime.date) -> datetime.date | None:
    return start + datetime.timedelta(days=entry[key]) if key in entry else None


def _muster(arbeitskreis: Fachgebiet, entries: list[dict]) -> int:
    changed = 0
    today = timezone.localdate()
    for entry in entries:
        documents = Document.objects.filter(fachgebiet=arbeitskreis, title=entry["titel"])
        if "nachfolger" in entry:
            successor = Document.objects.get(fachgebiet=arbeitskreis, title=entry["nachfolger"])
            changed += documents.filter(successor__isnull=True).update(successor=successor)
        if review_on := _in_days(entry, "wiedervorlage_in_tagen", today):
            changed += documents.filter(review_on__isnull=True).update(review_on=review_on)
        if "gueltig_bis_in_tagen" in entry:
            for document in documents.filter(valid_until__isnull=True):
                document.valid_until = _in_days(entry, "gueltig_bis_in_tagen", document.valid_from)
                document.save(update_fields=["valid_until"])
                changed += 1
    return changed


def _rechtstatsachen(arbeitskreis: Fachgebiet, entries: list[dict]) -> int:
    changed = 0
    for entry in entries:
        records = Rechtstatsache.objects.filter(
            fachgebiet=arbeitskreis, court=entry["gericht"], aktenzeichen=entry.get("az", "")
        )
        if "folgeentscheidung" in entry:
            follow_up = Rechtstatsache.objects.get(fachgebiet=arbeitskreis, aktenzeichen=entry["folgeentscheidung"])
            changed += records.filter(follow_up__isnull=True).update(follow_up=follow_up)
        if review_on := _in_days(entry, "wiedervorlage_in_tagen", timezone.localdate()):
            changed += records.filter(review_on__isnull=True).update(review_on=review_on)
    return changed


def load(stdout) -> None:
    changed = 0
    for arbeitskreis in Fachgebiet.objects.all():
        sections = content(arbeitskreis.slug)
        changed += _muster(arbeitskreis, sections.get("muster", [])) + _rechtstatsachen(
            arbeitskreis, sections.get("rechtstatsachen", [])
        )
    if changed:
        fragments.bump()  # update() sends no signal
    stdout.write(f"  Lebenszyklus Muster/Rechtstatsachen: {changed} Angaben gesetzt")
