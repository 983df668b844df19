from django.forms.renderers import TemplatesSetting


class KernFormRenderer(TemplatesSetting):
    """Renders every form (ours and allauth's) with KERN markup and an error summary."""

    form_template_name = "forms/kern_form.html"
    field_template_name = "forms/kern_field.html"
