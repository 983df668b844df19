"""A list page's filter form and rows, rendered once and cached for every reader of the same content.

Used by the lists of the Fachgebiete (fachgebiete.fragments) and by "Behörden & Institutionen"
(partner.listing). What is cached, under a `prefix` that the caller builds from a content version
(a value that changes with every change of what the list shows):

- `<prefix>:v<layout>:choices` – the filter's choice lists read from the content (years, courts, towns),
  through the `KeptChoicesMixin` protocol of the filter class;
- `<prefix>:v<layout>:form:<filters>` – the rendered filter form per filter input (without the page number);
- `<prefix>:v<layout>:rows:…` – per filter input *and* page number the rendered table rows with the total
  count and the page number (`Listing`), for the first `CACHED_PAGES` pages only.

Everything in it must be derived from the content and the query parameters alone, never from the
reader (no drafts, no edit links, no CSRF token – a GET form): then no key needs a permission set.
A per-person part of a row is put back per request: the rows are rendered once with a `badge` on
every row and stored cut at the badges, with each row's publication time (`Listing.html`); a row
template that does not show the badge exactly once per row is refused.

The rows' key also holds a digest of the row template, the page size and the layout of what is
stored, so a deployment with other rows never reads what the old code stored. Old versions'
entries are never read again and expire after `TIMEOUT`.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Page, Paginator
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from . import generations, rights

# A day: entries of an old version are never read again and expire on their own.
TIMEOUT = 24 * 60 * 60
IGNORED_PARAMETERS = {"seite"}  # the page number does not change the filter form
# Rows are kept for the first pages only (where readers are; ~45 KB each): deeper pages of a
# list are rendered as they are asked for, so paging through a whole list fills no cache.
CACHED_PAGES = 3
_LAYOUT = 3  # of what is stored (entries with their generation, `Listing`); part of every key


def digest(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


@functools.cache
def template_digest(name: str) -> str:
    return digest(get_template(name).template.source)[:16]


class KeptChoicesMixin:
    """For a django-filter FilterSet whose choice lists come from the content: `content_choices()`
    reads them (one query each); `choices=` hands in the lists kept from an earlier request, and
    `self.choices` holds what was used."""

    def __init__(self, data=None, queryset=None, *, request=None, choices=None, **kwargs) -> None:
        super().__init__(data, queryset, request=request, **kwargs)
        self.choices = self.content_choices() if choices is None else choices
        for name, values in self.choices.items():
            self.filters[name].extra["choices"] = values

    def content_choices(self) -> dict[str, list[tuple]]:
        raise NotImplementedError


class Listing:
    """One page of a list as every reader sees it: page number, total, number of rows, the rendered
    rows (cut at their badges, if the list has one) and each row's publication time."""

    def __init__(self, number: int, total: int, size: int, parts: list[str], published: list, badge: str) -> None:
        self.number, self.total, self.size, self.parts, self.published = number, total, size, parts, published
        self.badge = badge

    @classmethod
    def render(cls, template: str, page: Page, badge: str | None = None) -> Listing:
        items = list(page.object_list)
        if badge is not None:
            for item in items:
                item.is_new = True  # every badge shown; `html()` keeps the reader's
        html = get_template(template).render({"page": items})
        if badge is None:
            return cls(page.number, page.paginator.count, len(items), [html], [], "")
        parts = html.split(badge)
        if len(parts) != len(items) + 1:
            raise ImproperlyConfigured(f"{template} muss die Markierung genau einmal je Zeile zeigen.")
        published = [item.published_at for item in items]
        return cls(page.number, page.paginator.count, len(items), parts, published, badge)

    def stored(self) -> tuple:
        return self.number, self.total, self.size, self.parts, self.published, self.badge

    def page(self) -> Page:
        """A page for the pagination: number and count, no rows (they are in `html`)."""
        paginator = Paginator((), settings.SIKO_PAGE_SIZE)
        paginator.__dict__["count"] = self.total  # the cached_property, without a COUNT query
        return Page(range(self.size), self.number, paginator)

    def html(self, seen=None) -> SafeString:
        """The rows with the badge on each row published after `seen` (the reader's last visit)."""
        pieces = [self.parts[0]]
        for published, part in zip(self.published, self.parts[1:], strict=True):
            if seen is not None and published is not None and published > seen:
                pieces.append(self.badge)
            pieces.append(part)
        return mark_safe("".join(pieces))  # noqa: S308 - rendered by the row template  # nosec B308, B703


def _keys(prefix: str, template: str, data, extra: tuple) -> tuple[str, str, str]:
    parameters = sorted((key, value) for key, values in data.lists() for value in values)
    filters = [(key, value) for key, value in parameters if key not in IGNORED_PARAMETERS]
    layout = (template_digest(template), settings.SIKO_PAGE_SIZE, *extra)
    rows = f"{digest(layout)[:16]}:{digest(parameters)}"
    prefix = f"{prefix}:v{_LAYOUT}"
    return f"{prefix}:choices", f"{prefix}:form:{digest(filters)}", f"{prefix}:rows:{rows}"


def cached_list(
    request, prefix: str, filter_class, queryset, template: str, *, rows=None, badge=None, extra=(), generation=None
):
    """(the rendered filter form, the `Listing` of the requested page); one cache read when both
    are cached (together with the rights generation), and then no filter and no query at all.
    `rows`: what the shown rows need besides their own fields, added to the page's items in one
    go; `extra`: what else the rows depend on (e.g. today's date), part of their key.

    `generation`: for content without a version of its own in the database, the key of a
    generation (common.generations) read in the same cache read; every entry is stored with the
    generation it was made under and used only while that generation is current."""
    choices_key, form_key, rows_key = _keys(prefix, template, request.GET, extra)
    # With the rights generation, which the navigation reads on every page anyway: one cache read.
    names = [rights.GENERATION_KEY, *([generation] if generation else [])]
    current, stored = generations.read(request, names, [choices_key, form_key, rows_key])
    stamp = current.get(generation)
    cached = {key: value for key, (made_under, value) in stored.items() if made_under == stamp}
    form_html, listing = cached.get(form_key), cached.get(rows_key)
    if form_html is not None and listing is not None:
        return mark_safe(form_html), Listing(*listing)  # noqa: S308 - the form's own rendering  # nosec B308, B703
    list_filter = filter_class(request.GET, queryset=queryset, request=request, choices=cached.get(choices_key))
    fresh = {}
    if form_html is None:
        form_html = fresh[form_key] = str(list_filter.form.render())
        if choices_key not in cached:
            fresh[choices_key] = list_filter.choices
    if listing is None:
        page = Paginator(list_filter.qs, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
        if rows is not None:
            rows(page.object_list)
        listing = Listing.render(template, page, badge).stored()
        if page.number <= CACHED_PAGES:
            fresh[rows_key] = listing
    if fresh:
        cache.set_many({key: (stamp, value) for key, value in fresh.items()}, TIMEOUT)
    return mark_safe(form_html), Listing(*listing)  # noqa: S308 - the form's own rendering  # nosec B308, B703
