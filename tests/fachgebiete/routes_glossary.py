"""Route classes of the glossary and of following Fachgebiete (see tests/sikoportal/test_route_access.py)."""

from __future__ import annotations

from tests.sikoportal.route_types import Access, Route, kw

ROUTES: dict[str, Route] = {
    "fachgebiete:glossary": Route(Access.MEMBER),
    "fachgebiete:glossary_detail": Route(Access.MEMBER, kw(slug="{gl_term_slug}")),
    # The glossary serves every Fachgebiet: any Redaktion and the Geschäftsstelle maintain it.
    "fachgebiete:glossary_create": Route(Access.EDITOR),
    "fachgebiete:glossary_edit": Route(Access.EDITOR, kw(slug="{gl_term_slug}")),
    "fachgebiete:glossary_delete": Route(Access.EDITOR, kw(slug="{gl_term_slug}"), answers=(200, 302)),
    "fachgebiete:follows": Route(Access.MEMBER),
    "fachgebiete:follow": Route(Access.MEMBER, kw(slug="{gl_fachgebiet_slug}"), answers=(405, 302)),
}


def build_world(request) -> dict[str, str]:
    from fachgebiete.models import Fachgebiet, GlossaryTerm

    fachgebiet = Fachgebiet.objects.create(name="Glossar-Welt Verkehr", slug="gl-welt-verkehr")
    term = GlossaryTerm.objects.create(term="Nadelstichtaktik", definition="Viele kleine Kontrollen.")
    return {"gl_term_slug": term.slug, "gl_fachgebiet_slug": fachgebiet.slug}
