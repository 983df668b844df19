from django import template
from django.forms import BoundField

register = template.Library()

_WIDGET_CLASSES = {
    "checkbox": "kern-form-check__checkbox",
    "radioselect": "kern-form-check__radio",
    "select": "kern-form-input__select",
    "nullbooleanselect": "kern-form-input__select",
}


@register.simple_tag
def kern_widget(field: BoundField):
    """The field's widget with the KERN class (and its error variant) added."""
    css = _WIDGET_CLASSES.get(field.widget_type, "kern-form-input__input")
    if field.errors:
        css = f"{css} {css}--error"
    return field.as_widget(attrs={"class": css})
