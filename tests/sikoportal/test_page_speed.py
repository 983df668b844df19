"""Per-request work taken out of every page (navigation, choice labels, row URLs, filter forms) stays out."""

from __future__ import annotations

import json

from django import forms
from django.forms.renderers import DjangoTemplates

from sikoportal.forms import KernFormRenderer

from .test_production_settings import SETUP, start


def test_production_renders_templates_through_the_cached_loader():
    """Templates are parsed once per process (Django's cached loader, on whenever TEMPLATES names
    no loaders); a setting that names loaders must keep it."""
    code = (
        SETUP + "; import json; from django.template import engines; e = engines['django'].engine; "
        "print(json.dumps([type(loader).__module__ + '.' + type(loader).__name__ for loader in e.template_loaders]))"
    )
    result = start(code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["django.template.loaders.cached.Loader"]


class _ChoiceForm(forms.Form):
    single = forms.ChoiceField(
        required=False,
        choices=[("", "Alle"), ("x", 'X <&> "'), ("Gruppe", [("1", "eins"), ("2", "zwei")])],
    )
    several = forms.MultipleChoiceField(choices=[("1", "eins"), ("2", "zwei"), ("3", "drei")])


def _squeeze(html: str) -> str:
    return "".join(line.strip() for line in html.splitlines())


def test_selects_render_the_same_markup_as_djangos_own_templates():
    """templates/django/forms/widgets/select.html writes the options in place of an include per
    option: the same elements, attributes and escaping (only blank lines fewer)."""
    form = _ChoiceForm(data={"single": "2", "several": ["1", "3"]})
    for name in ("single", "several"):
        widget = form.fields[name].widget
        attrs = {"id": f"id_{name}", "class": "kern-form-input__select", "aria-describedby": "hilfe"}
        django_html = widget.render(name, form[name].value(), attrs=attrs, renderer=DjangoTemplates())
        ours = widget.render(name, form[name].value(), attrs=attrs, renderer=KernFormRenderer())
        assert _squeeze(ours) == _squeeze(django_html)
    ours = _ChoiceForm(data={"single": "2"})["single"].as_widget()
    assert '<option value="x">X &lt;&amp;&gt; &quot;</option>' in ours
    assert '<optgroup label="Gruppe">' in ours and '<option value="2" selected>zwei</option>' in ours
