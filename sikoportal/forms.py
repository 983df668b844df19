from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.renderers import TemplatesSetting

_DASHES = BLANK_CHOICE_DASH[0][1]  # Django's "---------" for "nothing chosen"


def _label_blank_choice(context: dict) -> None:
    """The empty option of a select says what it means: "Bitte wählen" where a choice is
    required, "Keine Angabe" where the field may stay empty (model choices and foreign keys,
    ours and the admin's)."""
    widget = context.get("widget", {})
    required = bool(widget.get("attrs", {}).get("required"))
    for _group, options, _index in widget.get("optgroups", ()):
        for option in options:
            if option["value"] in ("", None) and option["label"] == _DASHES:
                option["label"] = "Bitte wählen" if required else "Keine Angabe"


class KernFormRenderer(TemplatesSetting):
    """Renders every form (ours and allauth's) with KERN markup and an error summary."""

    form_template_name = "forms/kern_form.html"
    field_template_name = "forms/kern_field.html"

    def render(self, template_name, context, request=None):
        if "optgroups" in context.get("widget", {}):
            _label_blank_choice(context)
        return super().render(template_name, context, request)
