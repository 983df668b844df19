from django import forms, template
from django.forms import BoundField

register = template.Library()

_WIDGET_CLASSES = {
    "checkbox": "kern-form-check__checkbox",
    "radio": "kern-form-check__radio",
    "select": "kern-form-input__select",
    "input": "kern-form-input__input",
}


@register.filter
def kern_kind(field: BoundField) -> str:
    """How KERN lays the field out: "checkbox", "radio", "select" or "input". Every single-choice
    select is a select, whatever its class (django-filter's sort field is a CSVSelect)."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        return "select"
    return "input"


@register.simple_tag
def kern_widget(field: BoundField):
    """The field's widget with the KERN class (and its error variant) added."""
    css = _WIDGET_CLASSES[kern_kind(field)]
    if field.errors:
        css = f"{css} {css}--error"
    return field.as_widget(attrs={"class": css})
