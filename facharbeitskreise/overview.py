"""The content sections of an area's overview page (next meetings, newest documents, current
discussions), rendered once per area and content version and kept for all its members.

What is cached: the HTML of facharbeitskreise/arbeitskreis_sections.html – titles, dates and links
of the area's items, the same for every member (no edit links, no per-person marks, no CSRF
token). Who may see it is *not* cached: the page's view admits the person first, with her role
fresh from the grant tables on every request (`access.arbeitskreis_view`: an outsider gets 404,
a removed member loses access with her next request), and only then reads this. The key carries
the area, so a member of one area never gets another area's sections.

Invalidation: `Arbeitskreis.content_version` (common.versions) is part of the key and changes with
every save or delete of a document, meeting or discussion of the area (`bump`), and with every save
of the area itself (its slug is in every link). Time is the other input: a meeting leaves "Nächste
Sitzungen" when it ends, so the entry is not used after the end of the earliest meeting shown.
The key also holds a digest of the template, so a deployment with other sections reads nothing old.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from common import rights
from common.fragments import TIMEOUT, template_digest

from .models import Arbeitskreis, ArbeitskreisDocument, Meeting, Thread

TEMPLATE = "facharbeitskreise/arbeitskreis_sections.html"
OVERVIEW_ITEMS = 5
MEETINGS = 3


def latest(arbeitskreis: Arbeitskreis, now) -> dict:
    """Latest documents, next meetings and recent threads: three queries, whatever the area holds."""
    return {
        "documents": list(arbeitskreis.documents.order_by("-updated_at", "-pk")[:OVERVIEW_ITEMS]),
        "meetings": list(arbeitskreis.meetings.upcoming(now)[:MEETINGS]),
        "threads": list(arbeitskreis.threads.order_by("-last_post_at", "-pk")[:OVERVIEW_ITEMS]),
    }


def render_sections(arbeitskreis: Arbeitskreis, now=None) -> tuple[str, object]:
    """(the sections' HTML, until when it holds: the end of the earliest meeting shown, or None)."""
    overview = latest(arbeitskreis, now or timezone.now())
    html = render_to_string(TEMPLATE, {"arbeitskreis": arbeitskreis, "overview": overview})
    return html, min((meeting.ends_at for meeting in overview["meetings"]), default=None)


def cached_sections(request, arbeitskreis: Arbeitskreis) -> SafeString:
    """The sections for a member the view has admitted; read together with the rights generation
    that the navigation reads anyway (one cache read)."""
    key = f"siko:ak-overview:{arbeitskreis.pk}:{arbeitskreis.content_version}:{template_digest(TEMPLATE)}"
    stored = rights.cache_entry(request, key)
    now = timezone.now()
    if stored is None or (stored[1] is not None and now > stored[1]):
        stored = render_sections(arbeitskreis, now)
        cache.set(key, stored, TIMEOUT)
    return mark_safe(stored[0])  # noqa: S308 - rendered by the template  # nosec B308, B703


def bump(arbeitskreis_ids=None) -> None:
    """The one helper for "the area's content has changed" (signals; code that writes past them calls
    it); None: every area."""
    Arbeitskreis.bump(arbeitskreis_ids)


def _content_changed(sender, instance, **kwargs) -> None:
    bump([instance.arbeitskreis_id])


def connect() -> None:
    """Called from FacharbeitskreiseConfig.ready()."""
    for model in (ArbeitskreisDocument, Meeting, Thread):
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(_content_changed, sender=model, dispatch_uid=f"siko-ak-overview-{name}-{model.__name__}")
