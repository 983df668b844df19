"""What is new in the Fachgebiete for one user: the start page's "Neu im Portal" asks here.

The start page belongs to `sikoportal`, but what a user may see, what they follow and what
waits for their Redaktion are this app's rules, so the queries live here. Each function runs a
fixed number of queries, however many items, follows or Fachgebiete there are: lists are cut
in SQL, counts are subqueries, and every item brings its Fachgebiet along (its URL needs it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import CharField, OuterRef, Value
from django.db.models.functions import Coalesce

from .access import editable_fachgebiete, editor_somewhere
from .counting import count_subquery
from .fragments import NewItem, cached_newest, kept_for_content
from .models import SECTION_MODELS, Fachgebiet, Status
from .models.content import Contribution

LIMIT = 10
OPEN_STATUSES = (Status.SUBMITTED, Status.RETURNED)
# What the start page shows of an item and its Fachgebiet (the link needs slug and kind): the
# queries neither build nor read the other columns (the text of an article, the dates of a
# document …), which made up most of their cost (issue 15).
SHOWN_FIELDS = ("status", "published_at", "fachgebiet__name", "fachgebiet__slug", "fachgebiet__kind")


@dataclass(frozen=True)
class NewItems:
    """Newest first (`fragments.NewItem`: title, url, type_label – singular, e.g. "Muster /
    Arbeitshilfe" –, fachgebiet_name, published_at)."""

    items: list[NewItem]
    # The Fachgebiete and rubrics the user follows; empty means the items come from all of them.
    followed: list[Fachgebiet] = field(default_factory=list)


@dataclass(frozen=True)
class OpenSubmissions:
    """The user's own items still with the Redaktion (submitted) or back with them (returned)."""

    items: list[Contribution]
    has_more: bool


def _labelled(items: list[Contribution]) -> list[Contribution]:
    for item in items:
        item.type_label = type(item)._meta.verbose_name
    return items


def new_published(
    user, since: datetime, *, limit: int = LIMIT, fachgebiete: list[Fachgebiet] | None = None
) -> NewItems:
    """Items published after `since` in the Fachgebiete and rubrics the user follows – in all of
    them while they follow none. Published items are what every admitted member may read
    (`ContributionQuerySet.published`, part of `visible_to`), so each area's newest ones are the
    same for every reader and come from `fragments.cached_newest` (per content version); only what
    the user follows and since when are hers. `fachgebiete`: all Fachgebiete and rubrics as read
    for this request (else read here). One query for the follows, one cache read."""
    if fachgebiete is None:
        fachgebiete = list(Fachgebiet.objects.order_by("position", "name"))
    followed_ids = set(Fachgebiet.objects.filter(subscriptions__user=user).values_list("pk", flat=True))
    followed = [fachgebiet for fachgebiet in fachgebiete if fachgebiet.pk in followed_ids]
    candidates = [
        item
        for items in cached_newest(followed or fachgebiete, limit).values()
        for item in items
        if item.published_at > since
    ]
    candidates.sort(key=NewItem.order, reverse=True)
    return NewItems(items=candidates[:limit], followed=followed)


def open_submissions(user, *, limit: int = LIMIT, fachgebiete: list[Fachgebiet] | None = None) -> OpenSubmissions:
    """The user's submitted and returned items, newest first. Returned ones are the author's to
    revise (`is_revisable_by`); the template links them to their edit page. One query finds the
    sections that hold any (usually none: then that is all); one more per such section. With
    `fachgebiete` (all of them as read for this request): kept for this user until any area's
    content changes (`fragments.kept_for_content`) – every save of an item bumps its area."""
    if fachgebiete is None:
        return _open_submissions(user, limit)
    return kept_for_content(
        f"open-submissions:{user.pk}:{limit}",
        fachgebiete,
        list(SECTION_MODELS.values()),
        lambda: _open_submissions(user, limit),
    )


def _open_submissions(user, limit: int) -> OpenSubmissions:
    mine = {model: model.objects.filter(author=user, status__in=OPEN_STATUSES) for model in SECTION_MODELS.values()}
    held = [
        query.order_by()
        .annotate(section=Value(model.section, output_field=CharField()))
        .values_list("section", flat=True)
        for model, query in mine.items()
    ]
    sections = set(held[0].union(*held[1:]))
    items: list[Contribution] = []
    for model, query in mine.items():
        if model.section not in sections:
            continue
        items += (
            query.annotate(sent_at=Coalesce("submitted_at", "created_at"))
            .select_related("fachgebiet")
            .only(*model.title_fields, *SHOWN_FIELDS)
            .order_by("-sent_at", "-pk")[: limit + 1]
        )
    items.sort(key=lambda item: item.sent_at, reverse=True)
    return OpenSubmissions(items=_labelled(items[:limit]), has_more=len(items) > limit)


def _waiting(model) -> Coalesce:
    waiting = model.objects.awaiting_review().filter(fachgebiet=OuterRef("pk"))
    return count_subquery(waiting, "fachgebiet")


def awaiting_review_count(user, request=None) -> int | None:
    """How many items wait for a decision in the Fachgebiete the user edits (what
    `reviewable_by(user).awaiting_review()` lists on the Redaktion's overview); None if the user
    belongs to no Redaktion. One query: a row per editable Fachgebiet with its count. With the
    request of that user, a person in no Redaktion (kept in her session, `editor_somewhere`)
    costs none."""
    if request is not None and not editor_somewhere(request):
        return None
    models = list(SECTION_MODELS.values())
    waiting = _waiting(models[0])
    for model in models[1:]:
        waiting = waiting + _waiting(model)
    counts = list(editable_fachgebiete(user).order_by().annotate(waiting=waiting).values_list("waiting", flat=True))
    return sum(counts) if counts else None
