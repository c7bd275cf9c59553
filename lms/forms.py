from django import forms
from django.forms.renderers import TemplatesSetting

from lms.models import User

WIDGET_CLASSES = {
    "checkbox": "kern-form-check__checkbox",
    "radioselect": "kern-form-check__radio",
    "checkboxselectmultiple": "kern-form-check__checkbox",
    "select": "kern-form-input__select",
    "selectmultiple": "kern-form-input__select",
}


class KernFormRenderer(TemplatesSetting):
    """Renders the site's forms in KERN markup (one template for all forms).

    Wagtail's admin renders its forms with its own templates and is unaffected.
    """

    form_template_name = "kokoma/forms/div.html"
    field_template_name = "kokoma/forms/field.html"


class KernFormMixin:
    """Gives each widget the KERN class for its kind of input."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for bound_field in self:
            widget = bound_field.field.widget
            css = WIDGET_CLASSES.get(bound_field.widget_type, "kern-form-input__input")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class ProfileForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]
