from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_base_forms
from allauth.mfa.recovery_codes import forms as mfa_recovery_forms
from allauth.mfa.totp import forms as mfa_totp_forms
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
ERROR_CLASSES = {
    "checkbox": "kern-form-check__checkbox--error",
    "select": "kern-form-input__select--error",
    "selectmultiple": "kern-form-input__select--error",
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


class KernAccessibleFormMixin(KernFormMixin):
    """KERN classes plus accessible errors, for forms rendered by
    ``allauth/includes/form_fields.html`` (the account pages and the profile).

    Labels are always visible, so placeholders that repeat them are dropped.
    After validation each invalid input gets KERN's error class and
    ``aria-describedby`` pointing at its error message (``<id>_error``, as the
    template renders it) and its hint; the first invalid input gets the focus.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def full_clean(self):
        super().full_clean()
        focused = False
        for name in self.errors:
            if name not in self.fields:
                continue  # non-field errors are shown as an alert above the fields
            bound_field = self[name]
            widget = bound_field.field.widget
            if bound_field.widget_type not in ("radioselect", "checkboxselectmultiple"):
                # (a group of choices is described by its fieldset instead)
                error_css = ERROR_CLASSES.get(
                    bound_field.widget_type, "kern-form-input__input--error"
                )
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {error_css}".strip()
                described_by = [f"{bound_field.auto_id}_error"]
                if bound_field.help_text:
                    described_by.append(f"{bound_field.auto_id}_helptext")
                widget.attrs["aria-describedby"] = " ".join(described_by)
            if not focused and not bound_field.is_hidden:
                widget.attrs["autofocus"] = True
                focused = True


class ProfileForm(KernAccessibleFormMixin, forms.ModelForm):
    """The person's own name; both parts are needed for certificates."""

    class Meta:
        model = User
        fields = ["first_name", "last_name"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


# --- allauth's forms in KERN markup (wired up by ACCOUNT_FORMS and MFA_FORMS) ---


class SignupForm(KernAccessibleFormMixin, account_forms.SignupForm):
    """Sign-up with first name, last name, e-mail address and password (twice).

    allauth's adapter copies ``first_name`` and ``last_name`` from the cleaned
    data onto the new user (``DefaultAccountAdapter.save_user``).
    """

    first_name = User._meta.get_field("first_name").formfield(
        required=True, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = User._meta.get_field("last_name").formfield(
        required=True, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    field_order = ["first_name", "last_name", "email", "password1", "password2"]


class LoginForm(KernAccessibleFormMixin, account_forms.LoginForm):
    pass


class AddEmailForm(KernAccessibleFormMixin, account_forms.AddEmailForm):
    pass


class ChangePasswordForm(KernAccessibleFormMixin, account_forms.ChangePasswordForm):
    pass


class SetPasswordForm(KernAccessibleFormMixin, account_forms.SetPasswordForm):
    pass


class ResetPasswordForm(KernAccessibleFormMixin, account_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(KernAccessibleFormMixin, account_forms.ResetPasswordKeyForm):
    pass


class ReauthenticateForm(KernAccessibleFormMixin, account_forms.ReauthenticateForm):
    pass


class MFAAuthenticateForm(KernAccessibleFormMixin, mfa_base_forms.AuthenticateForm):
    pass


class MFAReauthenticateForm(KernAccessibleFormMixin, mfa_base_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(KernAccessibleFormMixin, mfa_totp_forms.ActivateTOTPForm):
    pass


class DeactivateTOTPForm(KernAccessibleFormMixin, mfa_totp_forms.DeactivateTOTPForm):
    pass


class GenerateRecoveryCodesForm(
    KernAccessibleFormMixin, mfa_recovery_forms.GenerateRecoveryCodesForm
):
    pass
