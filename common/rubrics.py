"""The portal's rubrics, the one list that the navigation, the search filter, the Fachgebiet rows
of the open rubrics and the newsletter's link allow-list are built from.

Plain data, no URL resolving: the settings read it (SIKO_NEWSLETTER_LINKABLE_PATHS) before any
URL configuration exists. tests/common/test_rubrics.py checks every `path` against its URL name.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rubric:
    slug: str  # the search filter's value ("?rubrik=…")
    label: str
    url_name: str
    path: str  # the address `url_name` resolves to
    # Read by every admitted user, so a newsletter may link to it; a closed area's list is not.
    open: bool = True
    # A filter of the global search (the newsletter's archive is not searched).
    searchable: bool = True
    # Kept as a Fachgebiet row of kind "Rubrik" (fachgebiete.apps.ensure_rubriken), so it shares the
    # Fachgebiete's machinery; its slug is its address.
    fachgebiet_row: bool = False
    description: str = ""
    # Dotted path of `panel(request) -> str`: HTML the rubric's page shows above its sections,
    # from an app the Fachgebiete do not import (lagebilder: "An Sie gerichtete Lagebilder").
    panel: str = ""
    url_kwargs: dict[str, str] = field(default_factory=dict)


def _row(slug: str, label: str, description: str, panel: str = "") -> Rubric:
    return Rubric(
        slug=slug,
        label=label,
        url_name="fachgebiete:rubrik_overview",
        path=f"/{slug}/",
        fachgebiet_row=True,
        description=description,
        panel=panel,
        url_kwargs={"slug": slug},
    )


# The rubrics an app names in code (its search source's `rubric`); the Fachgebiet rows are named by
# their slug, which is their Fachgebiet's.
FACHGEBIETE = Rubric("fachgebiete", "Fachgebiete", "fachgebiete:index", "/fachgebiete/")
ARBEITSKREISE = Rubric(
    "arbeitskreise", "Arbeitskreise & Projekte", "facharbeitskreise:arbeitskreis_list", "/arbeitskreise/", open=False
)
GLOSSAR = Rubric("glossar", "Glossar", "fachgebiete:glossary", "/glossar/")
BEHOERDEN = Rubric("behoerden", "Behörden & Institutionen", "partner:list", "/behoerden/")
LAGEBILDER = _row(
    "lagebilder",
    "Lagebilder",
    "Lagebilder zur Clankriminalität und lagerelevante Informationen für die Kooperationspartner.",
    panel="lagebilder.views.rubric_panel",
)
VERANSTALTUNGEN = Rubric("veranstaltungen", "Veranstaltungen", "veranstaltungen:list", "/veranstaltungen/")
ZUSTAENDIGKEITEN = Rubric("zustaendigkeiten", "Wer ist zuständig?", "zustaendigkeiten:list", "/zustaendigkeiten/")
NEWSLETTER = Rubric("newsletter", "Newsletter", "newsletter:archive", "/newsletter/", searchable=False)

# In the order of the main navigation.
RUBRICS: list[Rubric] = [
    FACHGEBIETE,
    ARBEITSKREISE,
    LAGEBILDER,
    _row(
        "informationsaustausch",
        "Informationsaustausch",
        "Rechtliche Möglichkeiten des intra- und interbehördlichen Informationsaustauschs, "
        "aufbereitet nach Behörden und Aufgabenfeldern.",
    ),
    _row(
        "praevention",
        "Prävention",
        "Prävention von Clankriminalität: Communities That Care (CTC) und das Projekt „360°“.",
    ),
    VERANSTALTUNGEN,
    GLOSSAR,
    BEHOERDEN,
    ZUSTAENDIGKEITEN,
    NEWSLETTER,
]

# Pages outside the rubrics that everyone may read (linked from the footer).
LEGAL_PATHS = ["/impressum/", "/datenschutz/", "/barrierefreiheit/"]


def search_labels() -> dict[str, str]:
    """The global search's rubric filter: value → label."""
    return {rubric.slug: rubric.label for rubric in RUBRICS if rubric.searchable}


def fachgebiet_rows() -> list[Rubric]:
    return [rubric for rubric in RUBRICS if rubric.fachgebiet_row]


def linkable_paths() -> list[str]:
    """Where a link into the portal may lead from outside it (the newsletter): open rubrics and the
    legal pages, never a closed area, an account or an administration page."""
    return [rubric.path for rubric in RUBRICS if rubric.open] + LEGAL_PATHS
